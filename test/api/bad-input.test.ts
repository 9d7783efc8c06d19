import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { routes } from '../../api/routes.js';
import { many } from '../../platform/db/pool.js';
import { type Api, type Client, REGION_A, signIn, startTestApi } from './support.js';

/**
 * Generated bad input at every route that takes input: never a 500, and the domain tables
 * are exactly as before. (The audit log and failed-login counter grow by design.)
 */
const TABLES = ['region', '"case"', 'case_person', 'case_organisation', 'case_event', 'decision', 'model_version', 'app_user', 'membership'];

let api: Api;
let callers: Client[];

async function checksum(): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const [row] = await many(
      api.ctx.db,
      z.object({ n: z.string(), h: z.string().nullable() }),
      `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${table} t`,
    );
    parts.push(`${table}:${row!.n}:${row!.h}`);
  }
  return parts.join(' ');
}

beforeAll(async () => {
  api = await startTestApi();
  // The strongest callers: policy staff and a case worker of region A, so input reaches the handlers.
  callers = [await signIn(api, `beleidsmedewerker.${REGION_A}`), await signIn(api, `accounthouder.${REGION_A}`)];
});
afterAll(async () => api?.close());

// Small numbers are left out: `/models/1/deploy` is a valid request, not bad input.
const pathValue = fc.oneof(
  fc.string({ maxLength: 40 }).filter((s) => !/^\d{1,7}$/.test(s)),
  fc.constantFrom(REGION_A, 'wijchen', '00000000-0000-0000-0000-000000000000', '..%2F..', '%00', '1e9', '-1', '99999999999999999999999'),
);
const queryValue = fc.dictionary(fc.constantFrom('status', 'tier', 'caseId', 'from', 'to', 'limit', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 4 });
const bodyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ xml: fc.string({ maxLength: 200 }), comment: fc.string({ maxLength: 20 }) }, { requiredKeys: [] }),
  fc.record({ domains: fc.array(fc.string()), person: fc.dictionary(fc.string(), fc.string()), safety: fc.anything() }, { requiredKeys: [] }),
);

test('no route answers bad input with a 500 or changes the database', async () => {
  const before = await checksum();
  const targets = routes.filter((r) => (r.params || r.query || r.body) && r.id !== 'session.oidc.callback');
  expect(targets.length).toBeGreaterThan(20);
  const seen: string[] = [];
  for (const route of targets) {
    await fc.assert(
      fc.asyncProperty(fc.array(pathValue, { minLength: 3, maxLength: 3 }), queryValue, bodyValue, fc.nat(callers.length - 1), async (params, query, body, who) => {
        let i = 0;
        const path = route.path.replace(/:([A-Za-z]+)/g, () => encodeURIComponent(params[i++]!));
        const search = new URLSearchParams(query).toString();
        const method = route.method.toUpperCase();
        const response = await callers[who]!.request(method, `${path}${search ? `?${search}` : ''}`, method === 'GET' ? undefined : JSON.stringify(body));
        if (response.status >= 500) seen.push(`${route.id} ${path} ${JSON.stringify(body)} → ${response.status} ${await response.text()}`);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 12 },
    );
  }
  expect(seen).toEqual([]);
  expect(await checksum()).toBe(before);
});

test('malformed JSON, a wrong content type and an oversized body are 4xx problems', async () => {
  const caller = callers[0]!;
  const path = `/api/regions/${REGION_A}/models/validate`;
  expect((await caller.request('POST', path, '{"xml":', { 'content-type': 'application/json' })).status).toBe(400);
  expect((await caller.request('POST', path, 'xml=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
  const big = await caller.request('POST', path, JSON.stringify({ xml: 'x'.repeat(5 * 1024 * 1024) }));
  expect(big.status).toBe(413);
  expect((await big.json()).type).toBe('https://doorzet.example.org/problems/payload-too-large');
});
