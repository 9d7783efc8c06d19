import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoUsers } from '../../api/session/service.js';
import { insertCase, upsertRegion } from '../support/seed-case.js';
import { type Api, type Client, signIn, startTestApi, testRegion } from './support.js';

/**
 * The learning agenda through the API: a meeting is planned, outcomes are recorded, what has no
 * outcome or reached its follow-up date returns on the next meeting, and a knelpunt in enough cases
 * is flagged. A region of its own, so other files' cases do not change the counts.
 */
const REGION = 'leeragenda-api';
let api: Api;
let policy: Client;
let manager: Client;
let worker: Client;
const refs: string[] = [];
let names: string[] = [];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startTestApi();
  const base = testRegion(REGION);
  await upsertRegion(api.ctx.db, { ...base, learningMeeting: { ...base.learningMeeting, recurringKnelpunt: { minCases: 3, periodDays: 30 } } });
  await seedDemoUsers(api.ctx);
  // Three cases name "wachtlijst" (recurs at 3), one names "financiering" only once.
  const seeded = [
    await insertCase(api.ctx.db, REGION, { knelpunten: ['wachtlijst', 'financiering'] }),
    await insertCase(api.ctx.db, REGION, { knelpunten: ['wachtlijst'] }),
    await insertCase(api.ctx.db, REGION, { knelpunten: ['wachtlijst'] }),
  ];
  for (const c of seeded) {
    refs.push(c.reference);
    await api.ctx.db.query(`UPDATE "case" SET status = 'decided', closed_at = now() WHERE id = $1`, [c.id]);
    await api.ctx.db.query(`INSERT INTO learning_agenda_item (case_id, meeting_name, meeting_date, created_by_job_key) VALUES ($1, 'Leertafel', $2, $3)`, [c.id, day(7), `job-${c.id}`]);
  }
  names = seeded.map((c) => c.personName);
  policy = await signIn(api, `beleidsmedewerker.${REGION}`);
  manager = await signIn(api, `manager.${REGION}`);
  worker = await signIn(api, `casusregisseur.${REGION}`);
});
afterAll(async () => api?.close());

type Item = { id: string; caseReference: string; returning: boolean; recurringKnelpunten: string[]; outcome: { measure: string; followUp: string | null } | null };
type Agenda = { proposedDate: string; recurring: Array<{ knelpunt: string; cases: number }>; open: Item[]; meetings: Array<{ id: string; date: string; items: Item[] }> };

test('plan, record, return: the agenda of the next meeting follows from the outcomes of the last', async () => {
  const first = await manager.json<Agenda>('GET', `/api/regions/${REGION}/learning-agenda`);
  expect(first.status).toBe(200);
  expect(first.body.open.map((i) => i.caseReference).sort()).toEqual([...refs].sort());
  expect(first.body.recurring).toEqual([{ knelpunt: 'wachtlijst', cases: 3 }]);
  expect(first.body.open.every((i) => i.recurringKnelpunten.join() === 'wachtlijst')).toBe(true);
  // Wednesdays every 4 weeks (testRegion): the proposal is such a day, in the future.
  expect(new Date(`${first.body.proposedDate}T12:00:00Z`).getUTCDay()).toBe(3);
  // Only the case reference: nothing about the resident.
  for (const name of names) expect(JSON.stringify(first.body)).not.toContain(name);

  // The manager watches; a case worker of the region does not see it at all.
  expect((await manager.json('POST', `/api/regions/${REGION}/learning-meetings`, { date: day(10), attendeeRoles: ['manager'] })).status).toBe(403);
  expect((await worker.json('GET', `/api/regions/${REGION}/learning-agenda`)).status).toBe(403);

  const planned = await policy.json<{ id: string }>('POST', `/api/regions/${REGION}/learning-meetings`, { date: day(10), attendeeRoles: ['beleidsmedewerker', 'accounthouder'] });
  expect(planned.status).toBe(201);
  const twice = await policy.request('POST', `/api/regions/${REGION}/learning-meetings`, { date: day(10), attendeeRoles: ['beleidsmedewerker'] });
  expect(twice.status).toBe(409);
  expect(twice.headers.get('content-type')).toContain('application/problem+json');
  expect((await policy.json('POST', `/api/regions/${REGION}/learning-meetings`, { date: day(11), attendeeRoles: ['wethouder'] })).status).toBe(400);

  const meeting = (await policy.json<Agenda>('GET', `/api/regions/${REGION}/learning-agenda`)).body.meetings[0]!;
  expect(meeting.items).toHaveLength(3);
  const [a, b] = [meeting.items.find((i) => i.caseReference === refs[0])!, meeting.items.find((i) => i.caseReference === refs[1])!];
  const outcomeUrl = (item: Item) => `/api/regions/${REGION}/learning-meetings/${planned.body.id}/outcomes/${item.id}`;
  // a: settled; b: checked again after 20 days; c: not discussed.
  expect((await policy.json('PUT', outcomeUrl(a), { measure: 'Wachtlijstafspraak met de GGZ gemaakt', ownerRole: 'accounthouder', followUp: null })).status).toBe(204);
  expect((await policy.json('PUT', outcomeUrl(b), { measure: 'Inkoop vraagt extra plekken aan', ownerRole: 'beleidsmedewerker', followUp: day(30) })).status).toBe(204);
  // A follow-up on or before the meeting, or an owner role the region does not have, is refused.
  const early = await policy.json<{ errors: Array<{ path: string }> }>('PUT', outcomeUrl(b), { measure: 'x', ownerRole: 'beleidsmedewerker', followUp: day(10) });
  expect(early.status).toBe(400);
  expect(early.body.errors[0]!.path).toBe('body.followUp');
  expect((await policy.json('PUT', outcomeUrl(b), { measure: 'x', ownerRole: 'wethouder', followUp: null })).status).toBe(400);

  const second = await policy.json<{ id: string }>('POST', `/api/regions/${REGION}/learning-meetings`, { date: day(38), attendeeRoles: ['beleidsmedewerker'] });
  expect(second.status).toBe(201);
  const after = (await manager.json<Agenda>('GET', `/api/regions/${REGION}/learning-agenda`)).body;
  const next = after.meetings.find((m) => m.id === second.body.id)!;
  // b's follow-up date came, c had no outcome: both return; a is settled.
  expect(next.items.map((i) => [i.caseReference, i.returning]).sort()).toEqual([[refs[1], true], [refs[2], true]].sort());
  expect(next.items.find((i) => i.caseReference === refs[1])!.outcome).toBeNull();
  // The first meeting keeps its outcomes.
  const firstMeeting = after.meetings.find((m) => m.id === planned.body.id)!;
  expect(firstMeeting.items.find((i) => i.caseReference === refs[0])!.outcome).toMatchObject({ measure: 'Wachtlijstafspraak met de GGZ gemaakt', followUp: null });
  // An item that is settled cannot get an outcome at a later meeting.
  const settled = await policy.json('PUT', `/api/regions/${REGION}/learning-meetings/${second.body.id}/outcomes/${a.id}`, { measure: 'x', ownerRole: 'beleidsmedewerker', followUp: null });
  expect(settled.status).toBe(409);

  const audit = await api.ctx.db.query<{ event: string }>(`SELECT DISTINCT event FROM audit_log WHERE region_id = $1 AND event LIKE 'learning-%' ORDER BY event`, [REGION]);
  expect(audit.rows.map((r) => r.event)).toEqual(['learning-agenda.read', 'learning-meeting.create', 'learning-outcome.record']);
});
