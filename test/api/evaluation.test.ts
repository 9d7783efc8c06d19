import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoUsers } from '../../api/session/service.js';
import { insertCase, upsertRegion } from '../support/seed-case.js';
import { type Api, type Client, signIn, startTestApi, testRegion } from './support.js';

/**
 * The yearly evaluation and what feeds it: the dashboard's figures over one year, the cases of that
 * year by where they stand now, and the resident's answer through a one-time link, stored without
 * personal data. Fixed timelines in 2025 (and one case in 2024 that must not count).
 */
const REGION = 'evaluatie-api';
let api: Api;
let manager: Client;
let worker: Client;
const ids: Record<string, string> = {};
const refs: Record<string, string> = {};

async function seed(key: string, o: { reported: string; status: string; tier: number; pickupHours?: number; decidedHours?: number; knelpunten?: string[] }) {
  const c = await insertCase(api.ctx.db, REGION, { knelpunten: o.knelpunten ?? [] });
  ids[key] = c.id;
  refs[key] = c.reference;
  await api.ctx.db.query(
    `UPDATE "case" SET reported_at = $2::timestamptz, status = $3, current_tier = $4,
            picked_up_at = $2::timestamptz + make_interval(hours => $5), decided_at = $2::timestamptz + make_interval(hours => $6),
            closed_at = CASE WHEN $3 = 'open' THEN NULL ELSE $2::timestamptz + interval '10 days' END
      WHERE id = $1`,
    [c.id, o.reported, o.status, o.tier, o.pickupHours ?? null, o.decidedHours ?? null],
  );
  // The melding's role, as the API records it: the casusregisseur has need-to-know.
  await api.ctx.db.query(
    `INSERT INTO audit_log (event, case_id, client_reference, region_id, user_name, responsible_role, route, outcome, status) VALUES ('case.create', $1, $2, $3, 'test', 'casusregisseur', 'test', 'allowed', 201)`,
    [c.id, c.reference, REGION],
  );
}

beforeAll(async () => {
  api = await startTestApi();
  await upsertRegion(api.ctx.db, testRegion(REGION));
  await seedDemoUsers(api.ctx);
  await seed('a', { reported: '2025-02-03T09:00:00+01:00', status: 'solved', tier: 1, pickupHours: 10, knelpunten: ['wachtlijst'] });
  await seed('b', { reported: '2025-05-12T09:00:00+02:00', status: 'solved', tier: 2, pickupHours: 20, knelpunten: ['wachtlijst', 'financiering'] });
  await seed('c', { reported: '2025-09-01T09:00:00+02:00', status: 'decided', tier: 3, pickupHours: 30, decidedHours: 48 });
  await seed('d', { reported: '2025-12-31T22:30:00+01:00', status: 'open', tier: 2 });
  await seed('old', { reported: '2024-12-31T22:30:00+01:00', status: 'solved', tier: 1, pickupHours: 100, knelpunten: ['wachtlijst'] });
  // b went up to trede 3 before it came down and was solved at trede 2.
  await api.ctx.db.query(`INSERT INTO case_event (case_id, kind, tier, actor, summary) VALUES ($1, 'tier-change', 3, 'test', 'Opgeschaald')`, [ids.b]);
  manager = await signIn(api, `manager.${REGION}`);
  worker = await signIn(api, `casusregisseur.${REGION}`);
});
afterAll(async () => api?.close());

test('a resident answers once through the link; the answer is kept by reference and region only and feeds the yearly evaluation', async () => {
  // An open case is not asked yet.
  expect((await worker.json('POST', `/api/cases/${ids.d}/client-feedback-link`)).status).toBe(409);
  const first = await worker.json<{ token: string }>('POST', `/api/cases/${ids.a}/client-feedback-link`);
  expect(first.status).toBe(201);
  const link = await worker.json<{ token: string; expiresAt: string }>('POST', `/api/cases/${ids.a}/client-feedback-link`);
  expect(link.status).toBe(201);
  // Thirty days by default; only the hash is stored.
  expect(Math.round((Date.parse(link.body.expiresAt) - Date.now()) / 86_400_000)).toBe(30);
  const stored = await api.ctx.db.query<{ token_hash: string }>('SELECT token_hash FROM client_feedback_link WHERE case_id = $1', [ids.a]);
  expect(stored.rows).toHaveLength(1);
  expect(stored.rows[0]!.token_hash).not.toContain(link.body.token);

  const post = (path: string, body: unknown) => fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // The replaced link no longer works; the new one does.
  expect((await post('/api/public/client-feedback/lookup', { token: first.body.token })).status).toBe(404);
  const lookup = await post('/api/public/client-feedback/lookup', { token: link.body.token });
  expect(await lookup.json()).toEqual({ regionName: `Testregio ${REGION}` });
  expect((await post('/api/public/client-feedback', { token: link.body.token, cijfer: 6 })).status).toBe(400);
  expect((await post('/api/public/client-feedback', { token: link.body.token, cijfer: 4, opmerking: 'x'.repeat(501) })).status).toBe(400);
  const answered = await post('/api/public/client-feedback', { token: link.body.token, cijfer: 4, opmerking: 'Eindelijk duidelijkheid. Bel 0612345678.' });
  expect(answered.status).toBe(204);
  const again = await post('/api/public/client-feedback', { token: link.body.token, cijfer: 1 });
  expect(again.status).toBe(404);
  expect(again.headers.get('content-type')).toContain('application/problem+json');
  expect((await worker.json('POST', `/api/cases/${ids.a}/client-feedback-link`)).status).toBe(409);
  expect((await worker.json('GET', `/api/cases/${ids.a}/client-feedback`)).body).toEqual({ canAsk: true, answered: true, linkValidUntil: null });

  const row = await api.ctx.db.query('SELECT * FROM client_feedback WHERE region_id = $1', [REGION]);
  expect(Object.keys(row.rows[0]).sort()).toEqual(['answered_at', 'case_reference', 'comment', 'rating', 'region_id']);
  expect(row.rows[0]).toMatchObject({ case_reference: refs.a, rating: 4, comment: 'Eindelijk duidelijkheid. Bel [weggehaald].' });
  // Nothing of it reached the case's timeline (or, with no process, anything else).
  expect((await api.ctx.db.query(`SELECT 1 FROM case_event WHERE case_id = $1 AND summary LIKE '%duidelijkheid%'`, [ids.a])).rows).toHaveLength(0);

  const year = new Date().getFullYear();
  const evaluation = await manager.json('GET', `/api/regions/${REGION}/evaluation?jaar=${year}`);
  expect(evaluation.body.clientExperience).toEqual({ count: 1, averageRating: 4, comments: [{ answeredOn: expect.any(String), rating: 4, comment: 'Eindelijk duidelijkheid. Bel [weggehaald].' }] });
});

test('the yearly evaluation takes the dashboard figures of its year as they are and adds where the cases stand now, also as CSV', async () => {
  const e = await manager.json('GET', `/api/regions/${REGION}/evaluation?jaar=2025`);
  expect(e.status).toBe(200);
  expect(e.body.meldingen).toBe(4);
  expect(e.body.statuses).toEqual([
    { status: 'decided', count: 1 },
    { status: 'open', count: 1 },
    { status: 'solved', count: 2 },
  ]);
  // The same figures as the dashboard over 1 January – 31 December: the report does not define its own.
  const dashboard = await manager.json('GET', `/api/regions/${REGION}/metrics?van=2025-01-01&tot=2025-12-31`);
  expect(e.body.leadTimes).toEqual(dashboard.body.leadTimes);
  expect(e.body.tiers).toEqual(dashboard.body.tiers);
  expect(e.body.knelpunten).toEqual(dashboard.body.knelpunten);
  expect(e.body.leadTimes.pickup.n).toBe(3);
  // b went up to trede 3 before it ended at trede 2: trede 3 is the highest for b and c.
  expect(e.body.tiers.find((t: { tier: number }) => t.tier === 3).highestFor).toBe(2);

  const csv = await manager.request('GET', `/api/regions/${REGION}/evaluation.csv?jaar=2025`);
  expect(csv.headers.get('content-type')).toContain('text/csv');
  expect(csv.headers.get('content-disposition')).toContain(`doorzet-${REGION}-jaarevaluatie-2025.csv`);
  const lines = (await csv.text()).split('\r\n');
  expect(lines[0]).toBe('onderdeel,omschrijving,aantal,waarde');
  expect(lines).toContain('meldingen,aantal meldingen,4,');
  expect(lines).toContain('stand nu,opgelost,2,');
  expect(lines).toContain('hoogste trede bereikt,trede 3,2,');

  // Case workers do not read the evaluation; a year outside the range is refused.
  expect((await worker.json('GET', `/api/regions/${REGION}/evaluation?jaar=2025`)).status).toBe(403);
  expect((await manager.json('GET', `/api/regions/${REGION}/evaluation?jaar=1999`)).status).toBe(400);
});
