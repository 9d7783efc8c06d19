import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Api, signIn, startTestApi } from './support.js';

/**
 * The melding form offers what the region's live model acts on (issue 11: the OOV choice was offered
 * in regions without a safety route): Wijchen's model has the safety route of seed 000, Almere's the
 * direct entry on grave concern, Twente's neither; all three have crisis spans.
 */
let api: Api;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

test.each([
  ['wijchen', 'coordinator-idt', { safety: true, direct: false, crisis: true }],
  ['almere', 'zorgcoordinator', { safety: false, direct: true, crisis: true }],
  ['twente', 'regionale-tafel', { safety: false, direct: false, crisis: true }],
])('%s: the form offers what the live model acts on (as %s)', async (region, role, expected) => {
  const client = await signIn(api, `${role}.${region}`);
  const r = await client.json('GET', `/api/regions/${region}/melding-options`);
  expect(r.status).toBe(200);
  expect(r.body).toEqual(expected);
});
