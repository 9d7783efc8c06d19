import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_A, signIn, startTestApi } from './support.js';

/** A resident's or parent's own melding through the public form: no account, limits per address. */
let api: Api;
let firstReference: string;
const as: Record<string, Client> = {};

const melding = (over: Record<string, unknown> = {}) => ({
  relatie: 'ouder',
  melder: { naam: 'Petra Publiek', email: 'petra.publiek@example.org' },
  inwoner: { naam: 'Sem Publiek', geboortedatum: '2014-02-03' },
  onderwerp: 'jeugd',
  wat: 'Sem wacht al een jaar op hulp. School en wijkteam sturen ons steeds naar elkaar door.',
  organisaties: 'Wijkteam Noord, Basisschool De Linde',
  ...over,
});

async function post(body: unknown) {
  const r = await fetch(`${api.url}/api/public/regions/${REGION_A}/meldingen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  api = await startTestApi({ PUBLIC_MELDINGEN_PER_HOUR: '2' });
  await api.ctx.db.query('DELETE FROM public_melding_attempt');
  for (const role of ['beleidsmedewerker', 'accounthouder', 'manager', 'functioneel-beheerder']) as[role] = await signIn(api, `${role}.${REGION_A}`);
  const uploaded = await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION_A}/models`, { xml: flowModel(REGION_A), comment: 'inwonermelding' });
  expect((await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION_A}/models/${uploaded.body.version}/deploy`)).status).toBe(200);
});
afterAll(async () => {
  await api?.ctx.db.query('DELETE FROM public_melding_attempt');
  await api?.close();
});

test('a parent\'s melding without an account lands at the first tier; their contact is apart and only for the case\'s roles; the engine gets no personal data; abuse is limited', async () => {
  const r = await post(melding());
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  firstReference = r.body.reference;
  expect(r.body.reference).toMatch(/^DZ-\d{4}-\d{6}$/);
  const { rows } = await api.ctx.db.query<{ id: string; status: string; current_tier: number; stuck_reason: string; reported_by: string; process_instance_key: string }>(
    'SELECT id, status, current_tier, stuck_reason, reported_by, process_instance_key FROM "case" WHERE reference = $1',
    [r.body.reference],
  );
  const c = rows[0]!;
  expect(c).toMatchObject({ status: 'open', current_tier: 1, reported_by: 'Inwoner of ouder (eigen melding)' });
  // What the parent wrote names the child: it is the resident's protected data, not the case's summary.
  expect(c.stuck_reason).not.toContain('Sem');
  const task = await eventually(async () => {
    const tasks = (await as.accounthouder!.json('GET', `/api/tasks?caseId=${c.id}`)).body as { caseId: string; form: string }[];
    return tasks.find((t) => t.caseId === c.id);
  }, 'the first tier\'s task');
  expect(task.form).toBe('beoordelen');

  const person = await as.accounthouder!.json('GET', `/api/cases/${c.id}/person`);
  expect(person.body).toMatchObject({ name: 'Sem Publiek', birthDate: '2014-02-03', details: expect.stringContaining('wacht al een jaar') });
  const contact = await as.accounthouder!.json('GET', `/api/cases/${c.id}/reporter-contact`);
  expect(contact.body).toMatchObject({ relation: 'ouder', name: 'Petra Publiek', email: 'petra.publiek@example.org', phone: null });
  expect((await as.manager!.json('GET', `/api/cases/${c.id}/reporter-contact`)).status).toBe(403);
  const list = await as.manager!.json('GET', `/api/regions/${REGION_A}/cases`);
  expect(JSON.stringify(list.body)).not.toMatch(/Petra|Sem Publiek|wacht al een jaar/);

  const variables = JSON.stringify(await api.ctx.engine.variablesOf([c.process_instance_key]));
  for (const personal of ['Petra', 'Sem Publiek', 'petra.publiek', '2014-02-03', 'wacht al een jaar', 'Wijkteam Noord']) expect(variables).not.toContain(personal);

  // Refused: no way to reach the reporter, an unknown region, the hidden field filled in (a script).
  expect((await post(melding({ melder: { naam: 'Petra Publiek' } }))).status).toBe(400);
  expect((await post(melding({ website: 'http://spam.example.org' }))).status).toBe(400);
  const unknown = await fetch(`${api.url}/api/public/regions/bestaat-niet/meldingen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(melding()) });
  expect(unknown.status).toBe(404);

  // PUBLIC_MELDINGEN_PER_HOUR = 2 for this address: the second melding is taken, the third refused in Dutch.
  expect((await post(melding({ inwoner: { naam: 'Tweede Melding' } }))).status).toBe(201);
  const limited = await post(melding({ inwoner: { naam: 'Nog Een' } }));
  expect(limited.status).toBe(429);
  expect(limited.body.detail).toMatch(/Te veel/);
  const { rows: extra } = await api.ctx.db.query(`SELECT 1 FROM case_person WHERE name = 'Nog Een'`);
  expect(extra).toHaveLength(0);
});

test('someone who reported a case can see and have erased what they left; the case itself stays', async () => {
  const admin = as['functioneel-beheerder']!;
  const exported = await admin.json('POST', `/api/regions/${REGION_A}/privacy/reporter-export`, { email: 'Petra.Publiek@example.org' });
  expect(exported.status).toBe(200);
  expect(exported.body.meldingen).toEqual(expect.arrayContaining([expect.objectContaining({ caseReference: firstReference, name: 'Petra Publiek', relation: 'ouder' })]));
  expect(JSON.stringify(exported.body)).not.toContain('Sem Publiek');

  const erased = await admin.json('POST', `/api/regions/${REGION_A}/privacy/reporter-erasure`, { email: 'petra.publiek@example.org', legalGround: 'avg-17-1c', toelichting: 'Bezwaar per e-mail.' });
  expect(erased.status, JSON.stringify(erased.body)).toBe(200);
  expect(erased.body.contactsErased).toBeGreaterThanOrEqual(2);
  const { rows } = await api.ctx.db.query<{ id: string }>('SELECT id FROM "case" WHERE reference = $1', [firstReference]);
  expect(rows).toHaveLength(1);
  expect((await as.accounthouder!.json('GET', `/api/cases/${rows[0]!.id}/reporter-contact`)).status).toBe(404);
  expect((await admin.json('POST', `/api/regions/${REGION_A}/privacy/reporter-export`, { email: 'petra.publiek@example.org' })).body.meldingen).toEqual([]);
  expect((await as.manager!.json('POST', `/api/regions/${REGION_A}/privacy/reporter-export`, { email: 'petra.publiek@example.org' })).status).toBe(403);
});
