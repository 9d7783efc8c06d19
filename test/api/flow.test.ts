import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { many } from '../../platform/db/pool.js';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_A, REGION_B, signIn, startTestApi } from './support.js';

let api: Api;
const as: Record<string, Client> = {};
const created: { id: string; person: Record<string, string> }[] = [];

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['beleidsmedewerker', 'manager', 'casusregisseur', 'accounthouder', 'portefeuillehouder']) {
    as[`${role}.a`] = await signIn(api, `${role}.${REGION_A}`);
    as[`${role}.b`] = await signIn(api, `${role}.${REGION_B}`);
  }
  const upload = await as['beleidsmedewerker.a']!.json('POST', `/api/regions/${REGION_A}/models`, { xml: flowModel(REGION_A), comment: 'Testladder' });
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  const deployed = await as['beleidsmedewerker.a']!.json('POST', `/api/regions/${REGION_A}/models/${upload.body.version}/deploy`);
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
  expect(deployed.body.deployedAt).not.toBeNull();
});
afterAll(async () => api?.close());

async function melding(person: Record<string, string>, safety = false) {
  const r = await as['casusregisseur.a']!.json('POST', `/api/regions/${REGION_A}/cases`, {
    domains: ['jeugd', 'wonen'],
    stuckReason: 'Geen passende woonplek; partijen wijzen naar elkaar.',
    knelpunten: ['woonruimte'],
    organisations: ['Woningcorporatie Oost', 'Jeugdzorg Noord'],
    safety,
    entry: 'regulier',
    person,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  created.push({ id: r.body.id, person });
  return r.body as { id: string; reference: string };
}

async function openTask(client: Client, caseId: string, form: string) {
  return eventually(async () => {
    const r = await client.json('GET', `/api/tasks?caseId=${caseId}`);
    return (r.body as { caseId: string; form: string; key: string }[]).find((t) => t.caseId === caseId && t.form === form);
  }, `task ${form}`);
}

test('melding → case → task → completion: each role does its step, other regions and roles are refused, lead times are recorded', async () => {
  const person = { name: 'Fenna Fictief', bsn: '999990019', birthDate: '2011-04-02', address: 'Verzonnenlaan 7, Testdorp', details: 'Angststoornis, schoolverzuim' };
  const c = await melding(person);
  expect(c.reference).toMatch(/^DZ-\d{4}-\d{6}$/);

  const list = await as['manager.a']!.json('GET', `/api/regions/${REGION_A}/cases?status=open`);
  expect(list.body.some((x: { id: string }) => x.id === c.id)).toBe(true);
  expect(JSON.stringify(list.body)).not.toContain('Fenna');
  expect((await as['casusregisseur.b']!.json('GET', `/api/cases/${c.id}`)).status).toBe(403);
  expect((await as['manager.a']!.json('GET', `/api/cases/${c.id}/person`)).status).toBe(403);
  const personRead = await as['accounthouder.a']!.json('GET', `/api/cases/${c.id}/person`);
  expect(personRead.body).toEqual(person);

  const beoordelen = await openTask(as['accounthouder.a']!, c.id, 'beoordelen');
  expect((await as['accounthouder.b']!.json('GET', `/api/tasks/${beoordelen.key}`)).status).toBe(403);
  expect((await as['casusregisseur.a']!.json('POST', `/api/tasks/${beoordelen.key}/claim`)).status).toBe(403);
  const detail = await as['accounthouder.a']!.json('GET', `/api/cases/${c.id}`);
  expect(detail.body.position).toEqual(['beoordelen']);
  expect(detail.body.processDefinitionKey).toMatch(/^doorzet-api-test-a:\d+:/);

  const invalid = await as['accounthouder.a']!.json('POST', `/api/tasks/${beoordelen.key}/complete`, { outcome: 'misschien' });
  expect(invalid.status).toBe(422);
  expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['outcome', 'toelichting']);
  const claimed = await as['accounthouder.a']!.json('POST', `/api/tasks/${beoordelen.key}/claim`);
  expect(claimed.body).toMatchObject({ assignee: as['accounthouder.a']!.userId, mine: true });
  expect((await as['accounthouder.a']!.json('POST', `/api/tasks/${beoordelen.key}/complete`, { outcome: 'opschalen', toelichting: 'Partners komen niet tot een oplossing.' })).status).toBe(200);

  const besluit = await openTask(as['portefeuillehouder.a']!, c.id, 'besluit');
  expect((await as['accounthouder.a']!.json('POST', `/api/tasks/${besluit.key}/complete`, { responsibleParty: 'Gemeente', rationale: 'x' })).status).toBe(403);
  const decided = await as['portefeuillehouder.a']!.json('POST', `/api/tasks/${besluit.key}/complete`, {
    responsibleParty: 'Woningcorporatie Oost',
    rationale: 'De corporatie biedt per direct een tijdelijke woonplek.',
    knelpunten: ['woonruimte', 'financiering'],
  });
  expect(decided.status).toBe(200);

  const voortgang = await openTask(as['casusregisseur.a']!, c.id, 'voortgang');
  expect((await as['casusregisseur.a']!.json('POST', `/api/tasks/${voortgang.key}/complete`, { helpStarted: true, toelichting: 'Verhuizing gepland.' })).status).toBe(200);

  const after = await as['casusregisseur.a']!.json('GET', `/api/cases/${c.id}`);
  expect(after.body.pickedUpAt).not.toBeNull();
  expect(after.body.decidedAt).not.toBeNull();
  expect(after.body.helpStartedAt).not.toBeNull();
  expect(after.body.responsibleParty).toBe('Woningcorporatie Oost');
  // The reporter's and the board's knelpunten together, each once.
  expect(after.body.knelpunten).toEqual(['financiering', 'woonruimte']);
  const decisions = await as['manager.a']!.json('GET', `/api/cases/${c.id}/decisions`);
  expect(decisions.body).toMatchObject([{ form: 'besluit', responsibleParty: 'Woningcorporatie Oost', decidedRole: 'portefeuillehouder' }]);
  const timeline = await as['manager.a']!.json('GET', `/api/cases/${c.id}/timeline`);
  expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual(['melding', 'taak-afgerond', 'taak-afgerond', 'taak-afgerond']);

  const metrics = await as['manager.a']!.json('GET', `/api/regions/${REGION_A}/metrics`);
  expect(metrics.status).toBe(200);
  expect(metrics.body.leadTimes.waitingHelp.n).toBeGreaterThanOrEqual(1);
  expect(metrics.body.leadTimes.waiting.n).toBeGreaterThanOrEqual(1);
  const categories = metrics.body.knelpunten.map((k: { category: string }) => k.category);
  expect(categories).toEqual(expect.arrayContaining(['woonruimte', 'financiering']));
  // Domains are what a case is about, not why it is stuck: they are not counted as knelpunten.
  expect(categories).not.toContain('wonen');
  const csv = await as['manager.a']!.request('GET', `/api/regions/${REGION_A}/metrics.csv`);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);

  // NEN 7513: the personal-data read and the refused attempts are in the log, exportable per case.
  const audit = await as['beleidsmedewerker.a']!.json('GET', `/api/audit?caseId=${c.id}`);
  const events = audit.body.map((e: { event: string; outcome: string; responsibleRole: string | null }) => `${e.event}:${e.outcome}`);
  expect(events).toContain('person.read:allowed');
  expect(events).toContain('person.read:denied');
  expect(events).toContain('task.complete:allowed');
  const export_ = await as['manager.a']!.request('GET', `/api/cases/${c.id}/audit.csv`);
  expect(export_.status).toBe(200);
  expect(await export_.text()).toContain('person.read');
  expect((await as['manager.b']!.request('GET', `/api/cases/${c.id}/audit.csv`)).status).toBe(403);
  await expect(api.ctx.db.query('UPDATE audit_log SET outcome = $1 WHERE case_id = $2', ['x', c.id])).rejects.toThrow(/append-only/);
  await expect(api.ctx.db.query('DELETE FROM audit_log WHERE case_id = $1', [c.id])).rejects.toThrow(/append-only/);
});

test('casus opgelost from any tier ends the process through the message', async () => {
  const c = await melding({ name: 'Joris Verzonnen', bsn: '999991012', birthDate: '1980-12-24', address: 'Fictiestraat 12, Nergenshuizen' }, true);
  await openTask(as['accounthouder.a']!, c.id, 'beoordelen');
  expect((await as['casusregisseur.a']!.json('POST', `/api/cases/${c.id}/solved`, { toelichting: 'Partijen kwamen er samen uit.' })).status).toBe(202);
  const head = await many(api.ctx.db, z.object({ k: z.string() }), 'SELECT process_instance_key AS k FROM "case" WHERE id = $1', [c.id]);
  await eventually(async () => {
    const pi = await api.ctx.engine.getProcessInstance(head[0]!.k);
    return pi?.state === 'COMPLETED' ? pi : undefined;
  }, 'the instance to end');
  // The row says open while the engine has nothing left that waits for the message (a race with the
  // model's own end): a clear 409, never a 500, and nothing recorded.
  await api.ctx.db.query(`UPDATE "case" SET status = 'open' WHERE id = $1`, [c.id]);
  const late = await as['casusregisseur.a']!.json('POST', `/api/cases/${c.id}/solved`, { toelichting: 'Nog een keer.' });
  expect(late.status).toBe(409);
  expect(late.body).toMatchObject({ status: 409, detail: expect.stringContaining('casus opgelost') });
}, 60_000);

test('the task list is a page of the most urgent tasks, with the total counted apart and one case filterable', async () => {
  const cases = [await melding({ name: 'Pim Pagina' }), await melding({ name: 'Pam Pagina' }), await melding({ name: 'Pum Pagina' })];
  for (const c of cases) await openTask(as['accounthouder.a']!, c.id, 'beoordelen');
  const { total } = (await as['accounthouder.a']!.json('GET', '/api/tasks/count')).body as { total: number };
  expect(total).toBeGreaterThanOrEqual(3);
  const pages = [];
  for (let page = 1; page <= Math.ceil(total / 2); page++) {
    const r = await as['accounthouder.a']!.json('GET', `/api/tasks?page=${page}&pageSize=2`);
    expect(r.status).toBe(200);
    pages.push(...(r.body as { key: string; dueDate: string | null }[]));
  }
  // Every open task exactly once across the pages, the nearest deadline first.
  expect(new Set(pages.map((t) => t.key)).size).toBe(total);
  const dues = pages.map((t) => t.dueDate).filter((d): d is string => d !== null);
  expect(dues).toEqual([...dues].sort());
  const one = (await as['accounthouder.a']!.json('GET', `/api/tasks?caseId=${cases[1]!.id}`)).body as { caseId: string }[];
  expect(one.map((t) => t.caseId)).toEqual([cases[1]!.id]);
  expect((await as['accounthouder.a']!.json('GET', '/api/tasks?pageSize=0')).status).toBe(400);
  expect((await as['accounthouder.b']!.json('GET', `/api/tasks?caseId=${cases[1]!.id}`)).body).toEqual([]);
}, 60_000);

test('no process variable in the engine holds personal data of the cases created', async () => {
  const keys = (await many(api.ctx.db, z.object({ k: z.string() }), 'SELECT process_instance_key AS k FROM "case" WHERE id = ANY($1)', [created.map((c) => c.id)])).map((r) => r.k);
  expect(keys).toHaveLength(created.length);
  const variables = await eventually(async () => {
    const v = await api.ctx.engine.variablesOf(keys);
    return v.length > 0 ? v : undefined;
  }, 'variables');
  const text = variables.map((v) => `${v.name}=${v.value}`).join('\n');
  expect(text).toContain('caseId');
  for (const { person } of created) {
    for (const value of Object.values(person)) {
      for (const fragment of [value, ...value.split(/[ ,]+/).filter((w) => w.length >= 5)]) expect(text).not.toContain(fragment);
    }
  }
});
