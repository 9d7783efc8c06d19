import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Api, REGION_A, signIn, startTestApi } from './support.js';

let api: Api;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

test('a user who already made the allowed number of meldingen this minute gets 429 and no case is created', async () => {
  const client = await signIn(api, `casusregisseur.${REGION_A}`);
  const me = (await client.json('GET', '/api/session')).body.user as { name: string };
  const limit = api.ctx.config.MELDINGEN_PER_MINUTE;
  const earlier = Array.from({ length: limit }, (_, i) => ({ id: crypto.randomUUID(), reference: `DZ-2026-7${String(i).padStart(5, '0')}` }));
  for (const c of earlier) {
    await api.ctx.db.query(
      `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, domains, stuck_reason, reported_by)
       VALUES ($1, $2, $3, 'doorzet-api-test-a', 'open', '{wmo}', 'eerder vandaag', $4)`,
      [c.id, c.reference, REGION_A, me.name],
    );
  }
  try {
    const before = await api.ctx.db.query('SELECT count(*) FROM "case"');
    const response = await client.request('POST', `/api/regions/${REGION_A}/cases`, {
      domains: ['wmo'],
      stuckReason: 'Niemand pakt de hulpvraag op.',
      organisations: ['Wijkteam Noord'],
      safety: false,
      entry: 'regulier',
      person: { name: 'Fenna Fictief' },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect((await response.json()).type).toBe('https://doorzet.example.org/problems/too-many-requests');
    const after = await api.ctx.db.query('SELECT count(*) FROM "case"');
    expect(after.rows).toEqual(before.rows);
  } finally {
    await api.ctx.db.query('DELETE FROM "case" WHERE id = ANY($1::uuid[])', [earlier.map((c) => c.id)]);
  }
});
