import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_A, signIn, startTestApi } from './support.js';

/**
 * The engine never receives personal data: every value in `case_person` and `public_melding_contact`
 * (of this file's cases and of every other case in the run's database) is searched for in every
 * table of the engine's database, as text and as hex (byte arrays). This file makes cases that
 * use every personal field, through a professional's melding and a resident's form, and works
 * one through a task whose form has free text.
 */
let api: Api;
const as: Record<string, Client> = {};
let engineDb: pg.Pool;

beforeAll(async () => {
  api = await startTestApi();
  engineDb = new pg.Pool({ connectionString: api.ctx.config.ENGINE_DATABASE_URL as string, max: 2 });
  await api.ctx.db.query('DELETE FROM public_melding_attempt');
  for (const role of ['beleidsmedewerker', 'casusregisseur', 'accounthouder']) as[role] = await signIn(api, `${role}.${REGION_A}`);
  const uploaded = await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION_A}/models`, { xml: flowModel(REGION_A), comment: 'persoonsgegevens' });
  expect((await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION_A}/models/${uploaded.body.version}/deploy`)).status).toBe(200);
});
afterAll(async () => {
  await api?.ctx.db.query('DELETE FROM public_melding_attempt');
  await engineDb?.end();
  await api?.close();
});

test('no value of any resident\'s or reporter\'s personal data is in any table of the engine\'s database', async () => {
  const made = await as.casusregisseur!.json('POST', `/api/regions/${REGION_A}/cases`, {
    domains: ['ggz'],
    stuckReason: 'Wachtlijst ggz',
    organisations: ['GGZ Oost'],
    safety: true,
    entry: 'regulier',
    person: { name: 'Esther Engineloos', bsn: '999990057', birthDate: '1990-03-04', address: 'Nergensstraat 12, Testdorp', details: 'Fictief: paniekstoornis' },
  });
  expect(made.status).toBe(201);
  const task = await eventually(async () => {
    const tasks = (await as.accounthouder!.json('GET', `/api/tasks?caseId=${made.body.id}`)).body as { caseId: string; key: string }[];
    return tasks.find((t) => t.caseId === made.body.id);
  }, 'beoordelen');
  await as.accounthouder!.json('POST', `/api/tasks/${task.key}/claim`);
  expect((await as.accounthouder!.json('POST', `/api/tasks/${task.key}/complete`, { outcome: 'opschalen', toelichting: 'Esther Engineloos belde over haar paniekstoornis.' })).status).toBe(200);
  const resident = await fetch(`${api.url}/api/public/regions/${REGION_A}/meldingen`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      relatie: 'naaste',
      melder: { naam: 'Rik Reporter', email: 'rik.reporter@example.org', telefoon: '06 98765432' },
      inwoner: { naam: 'Olaf Onzichtbaar', geboortedatum: '1955-11-12' },
      onderwerp: 'wmo',
      wat: 'Olaf kan niet meer thuis wonen. Niemand regelt iets.',
    }),
  });
  expect(resident.status).toBe(201);

  const people = await api.ctx.db.query<{ value: string }>(
    `SELECT DISTINCT value FROM (
       SELECT name AS value FROM case_person UNION ALL SELECT bsn FROM case_person UNION ALL SELECT address FROM case_person
       UNION ALL SELECT details FROM case_person
       UNION ALL SELECT name FROM public_melding_contact UNION ALL SELECT email FROM public_melding_contact UNION ALL SELECT phone FROM public_melding_contact
     ) v WHERE value IS NOT NULL AND length(value) >= 6`,
  );
  // Birth dates are left out here: as text they are a date like any timestamp the engine keeps;
  // the resident-form tests check this file's birth dates against the engine's variables instead.
  const values = people.rows.map((r) => r.value);
  expect(values).toEqual(expect.arrayContaining(['Esther Engineloos', '999990057', 'Rik Reporter', 'rik.reporter@example.org', 'Olaf Onzichtbaar']));

  const tables = await engineDb.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name LIKE 'act\\_%' ORDER BY 1`,
  );
  expect(tables.rows.length).toBeGreaterThan(40);
  const scan = async (needles: string[]) => {
    const found: string[] = [];
    for (const { name } of tables.rows) {
      const hits = await engineDb.query<{ value: string }>(
        `SELECT v AS value FROM unnest($1::text[]) AS v WHERE EXISTS (SELECT 1 FROM ${name} t WHERE strpos(t::text, v) > 0 OR strpos(t::text, encode(convert_to(v, 'UTF8'), 'hex')) > 0)`,
        [needles],
      );
      for (const hit of hits.rows) found.push(`${name}: ${hit.value}`);
    }
    return found;
  };
  // The scan finds what the engine does hold (the case reference is a process variable), so it can fail.
  expect(await scan([made.body.reference])).toContain(`act_hi_varinst: ${made.body.reference}`);
  expect(await scan(values)).toEqual([]);
});
