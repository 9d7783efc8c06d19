import { afterAll, beforeAll, expect, test } from 'vitest';
import { testContext } from '../support/context.js';
import { upsertRegion } from '../support/seed-case.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, signIn, startTestApi, testRegion } from './support.js';

/**
 * Seed 003 (Twente): the verantwoordelijke gemeente is the case's own, not one fixed role. Where a
 * region lists its gemeenten, the melding names one of them and the case's process gets it as the
 * start variable `gemeente` (the bestuurlijk escalatie overleg invites that gemeente).
 */
const WITH = 'api-test-gemeenten';
const WITHOUT = 'api-test-geen-gemeenten';
let api: Api;
const as: Record<string, Client> = {};

beforeAll(async () => {
  const setup = testContext();
  await upsertRegion(setup.db, {
    ...testRegion(WITH),
    gemeenten: [{ id: 'testdorp', name: 'Testdorp', contact: { name: 'Procesmanager Testdorp', email: 'procesmanager.testdorp@example.org' } }],
  });
  await upsertRegion(setup.db, testRegion(WITHOUT));
  await setup.close();
  api = await startTestApi();
  for (const region of [WITH, WITHOUT]) {
    const policy = await signIn(api, `beleidsmedewerker.${region}`);
    const uploaded = await policy.json('POST', `/api/regions/${region}/models`, { xml: flowModel(region), comment: 'gemeente' });
    expect((await policy.json('POST', `/api/regions/${region}/models/${uploaded.body.version}/deploy`)).status).toBe(200);
    as[region] = await signIn(api, `casusregisseur.${region}`);
  }
});
afterAll(async () => api?.close());

const melding = (region: string, gemeente?: string) =>
  as[region]!.json('POST', `/api/regions/${region}/cases`, {
    domains: ['ggz'],
    stuckReason: 'Gemeentetest',
    organisations: [],
    safety: false,
    entry: 'regulier',
    ...(gemeente ? { gemeente } : {}),
    person: { name: 'Gijs Gemeente' },
  });

test("a melding names the case's own gemeente where the region lists them; another gemeente, or one in a region without the list, is refused", async () => {
  const unknown = await melding(WITH, 'elders');
  expect(unknown.status).toBe(422);
  expect(unknown.body.errors).toEqual([{ path: 'body.gemeente', message: expect.stringContaining('hoort niet bij') }]);
  const elsewhere = await melding(WITHOUT, 'testdorp');
  expect(elsewhere.status).toBe(422);

  const created = await melding(WITH, 'testdorp');
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { rows } = await api.ctx.db.query<{ process_instance_key: string }>('SELECT process_instance_key FROM "case" WHERE id = $1', [created.body.id]);
  const variables = await api.ctx.engine.variablesOf([rows[0]!.process_instance_key]);
  expect(variables.find((v) => v.name === 'gemeente')?.value).toBe('testdorp');
  const events = await api.ctx.db.query<{ details: { gemeente?: string } }>(`SELECT details FROM case_event WHERE case_id = $1 AND kind = 'melding'`, [created.body.id]);
  expect(events.rows[0]!.details.gemeente).toBe('testdorp');

  // A resident's own melding, or one from before the list: no gemeente, no refusal.
  expect((await melding(WITH)).status).toBe(201);
});
