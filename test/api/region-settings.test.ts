import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { RegionSettings } from '../../domain/region.js';
import { many } from '../../platform/db/pool.js';
import { testContext } from '../support/context.js';
import { upsertRegion } from '../support/seed-case.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, signIn, startTestApi, testRegion } from './support.js';

/** A region of this file's own: its live model names accounthouder, portefeuillehouder and casusregisseur. */
const REGION = 'api-settings';
let api: Api;
let policy: Client;

/** A region whose live model names two deadlines (in the bean's form; the former plan-deadline variables are read too, test/unit/deadline-references.test.ts). */
const DEADLINE_REGION: RegionSettings = {
  ...testRegion('api-settings-termijn'),
  deadlines: {
    accounthouder: { label: 'Accounthouder lost op', escalateAfter: { werkdagen: 5 } },
    'pfh-besluit': { label: 'Portefeuillehouder besluit', escalateAfter: { werkdagen: 10 } },
    ongebruikt: { label: 'Door geen model genoemd', escalateAfter: { werkdagen: 3 } },
  },
};

beforeAll(async () => {
  const setup = testContext();
  await upsertRegion(setup.db, testRegion(REGION));
  await upsertRegion(setup.db, DEADLINE_REGION);
  await setup.close();
  api = await startTestApi();
  policy = await signIn(api, `beleidsmedewerker.${REGION}`);
  const uploaded = await policy.json('POST', `/api/regions/${REGION}/models`, { xml: flowModel(REGION), comment: 'eerste versie' });
  expect(uploaded.status).toBe(201);
  expect((await policy.json('POST', `/api/regions/${REGION}/models/${uploaded.body.version}/deploy`)).status).toBe(200);
});
afterAll(async () => api?.close());

const current = async () => (await policy.json<RegionSettings>('GET', `/api/regions/${REGION}`)).body;

test('a policy officer adds and renames roles, contacts and partners; the change is in the audit log', async () => {
  const settings = await current();
  settings.roles.find((r) => r.id === 'accounthouder')!.name = 'Accounthouder sociaal domein';
  settings.roles.find((r) => r.id === 'accounthouder')!.contacts.push({ name: 'Tweede Contact', email: 'tweede.contact@example.org' });
  settings.roles.push({ id: 'wijkcoach', name: 'Wijkcoach', tier: 1, contacts: [{ name: 'Wies Wijk', email: 'wijkcoach@example.org' }] });
  settings.partners = [{ id: 'woonpartner', name: 'Woonpartner (voorbeeld)', mandate: false, contact: { name: 'Wout Woon', email: 'woon@example.org' } }];
  settings.tiers[1]!.name = 'Tweede trede';
  expect((await policy.json('PUT', `/api/regions/${REGION}`, settings)).status).toBe(200);

  const saved = await current();
  expect(saved.roles.find((r) => r.id === 'accounthouder')).toMatchObject({ name: 'Accounthouder sociaal domein', contacts: [{}, { email: 'tweede.contact@example.org' }] });
  expect(saved.roles.map((r) => r.id)).toContain('wijkcoach');
  expect(saved.partners.map((p) => p.id)).toEqual(['woonpartner']);
  expect(saved.tiers[1]!.name).toBe('Tweede trede');
  const audit = await many(api.ctx.db, z.object({ outcome: z.string() }), `SELECT outcome FROM audit_log WHERE region_id = $1 AND event = 'region.settings.change'`, [REGION]);
  expect(audit.map((a) => a.outcome)).toContain('allowed');

  // A role no model names can go again.
  saved.roles = saved.roles.filter((r) => r.id !== 'wijkcoach');
  expect((await policy.json('PUT', `/api/regions/${REGION}`, saved)).status).toBe(200);
});

test('removing a role the live model still names is refused with the role and the elements that name it', async () => {
  const settings = await current();
  settings.roles = settings.roles.filter((r) => r.id !== 'accounthouder' && r.id !== 'casusregisseur');
  const refused = await policy.json('PUT', `/api/regions/${REGION}`, settings);
  expect(refused.status).toBe(409);
  expect(refused.body.type).toBe('https://doorzet.example.org/problems/role-in-use');
  expect(refused.body.detail).toMatch(/nog gebruikt/);
  // In the order of the region's roles.
  expect(refused.body.roles).toEqual([
    { role: 'casusregisseur', version: 1, elements: ['voortgang'] },
    { role: 'accounthouder', version: 1, elements: ['beoordelen'] },
  ]);
  expect(refused.body.errors.map((e: { elementId: string }) => e.elementId)).toEqual(['voortgang', 'beoordelen']);
  expect((await current()).roles.map((r) => r.id)).toContain('accounthouder');
});

test('removing a deadline the live model still names is refused with the key, the version and the elements that name it', async () => {
  const region = DEADLINE_REGION.id;
  const officer = await signIn(api, `beleidsmedewerker.${region}`);
  const xml = flowModel(region)
    .replace('camunda:formKey="beoordelen"', `camunda:formKey="beoordelen" camunda:dueDate="\${termijn.verloopt(execution, 'accounthouder')}"`)
    .replace('camunda:formKey="besluit"', `camunda:formKey="besluit" camunda:dueDate="\${termijn.verloopt(execution, 'pfh-besluit')}"`);
  const uploaded = await officer.json('POST', `/api/regions/${region}/models`, { xml, comment: 'met termijnen' });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  expect((await officer.json('POST', `/api/regions/${region}/models/${uploaded.body.version}/deploy`)).status).toBe(200);
  const settings = (await officer.json<RegionSettings>('GET', `/api/regions/${region}`)).body;

  const { accounthouder: _a, 'pfh-besluit': _p, ...fewer } = settings.deadlines;
  const refused = await officer.json('PUT', `/api/regions/${region}`, { ...settings, deadlines: fewer });
  expect(refused.status).toBe(409);
  expect(refused.body.type).toBe('https://doorzet.example.org/problems/deadline-in-use');
  expect(refused.body.detail).toBe(
    'De termijnen "Accounthouder lost op" (accounthouder), "Portefeuillehouder besluit" (pfh-besluit) worden nog gebruikt in een model dat live staat of waarop casussen lopen. Haal ze eerst uit het model en zet dat live.',
  );
  expect(refused.body.deadlines).toEqual([
    { deadline: 'accounthouder', version: 1, elements: ['beoordelen'] },
    { deadline: 'pfh-besluit', version: 1, elements: ['besluit'] },
  ]);
  expect(refused.body.errors).toEqual([
    { elementId: 'beoordelen', rule: 'deadline-in-use', message: 'Termijn "Accounthouder lost op" (accounthouder) wordt in modelversie 1 gebruikt door "Los op of schaal op" (beoordelen).' },
    { elementId: 'besluit', rule: 'deadline-in-use', message: 'Termijn "Portefeuillehouder besluit" (pfh-besluit) wordt in modelversie 1 gebruikt door "Besluit" (besluit).' },
  ]);
  expect(Object.keys((await officer.json<RegionSettings>('GET', `/api/regions/${region}`)).body.deadlines)).toContain('accounthouder');

  // A deadline no model names can go.
  const { ongebruikt: _o, ...kept } = settings.deadlines;
  expect((await officer.json('PUT', `/api/regions/${region}`, { ...settings, deadlines: kept })).status).toBe(200);
  expect(Object.keys((await officer.json<RegionSettings>('GET', `/api/regions/${region}`)).body.deadlines).sort()).toEqual(['accounthouder', 'pfh-besluit']);
});

test('invalid settings are refused with Dutch messages per field', async () => {
  const settings = await current();
  settings.roles.find((r) => r.id === 'accounthouder')!.contacts[0]!.email = 'geen-adres';
  settings.roles.push({ id: 'Wijk Coach', name: '', tier: 7, contacts: [] });
  const refused = await policy.json('PUT', `/api/regions/${REGION}`, settings);
  expect(refused.status).toBe(400);
  const messages = refused.body.errors.map((e: { path: string; message: string }) => `${e.path}: ${e.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^body\.roles\.\d+\.contacts\.0\.email: Vul een geldig e-mailadres in/),
      expect.stringMatching(/^body\.roles\.\d+\.id: kleine letters, cijfers en streepjes/),
      expect.stringMatching(/^body\.roles\.\d+\.name: Een rol heeft een naam nodig/),
    ]),
  );

  const noTier = await current();
  noTier.roles.push({ id: 'wijkcoach', name: 'Wijkcoach', tier: 7, contacts: [] });
  const refusedTier = await policy.json('PUT', `/api/regions/${REGION}`, noTier);
  expect(refusedTier.status).toBe(400);
  expect(refusedTier.body.errors).toEqual([{ path: `body.roles.${noTier.roles.length - 1}.tier`, message: expect.stringMatching(/geen trede 7/) }]);
});

test('only the region’s policy officer changes its settings', async () => {
  const worker = await signIn(api, `accounthouder.${REGION}`);
  expect((await worker.json('PUT', `/api/regions/${REGION}`, await current())).status).toBe(403);
});

test('"Begin met het sjabloonmodel": the server copies the template for the region, by element as for a new region', async () => {
  const settings = await current();
  const got = await policy.json<{ xml: string }>('GET', `/api/regions/${REGION}/models/template`);
  expect(got.status).toBe(200);
  const { xml } = got.body;
  expect(xml).toContain(`<bpmn:process id="doorzet-${REGION}" name="Escalatiemodel ${settings.name}"`);
  expect(xml).not.toContain('doorzet-template');
  const groups = [...xml.matchAll(/camunda:candidateGroups="([^"]*)"/g)].flatMap((m) => m[1]!.split(','));
  expect(groups.length).toBeGreaterThan(3);
  expect(groups.filter((g) => !g.startsWith(`${REGION}:`))).toEqual([]);
  // The lanes carry this region's tier names instead of the template's.
  for (const tier of settings.tiers) expect(xml).toContain(`name="Trede ${tier.number} – ${tier.name}"`);
  expect(xml).not.toContain('– Middenmanagers"');
  expect((await (await signIn(api, `accounthouder.${REGION}`)).json('GET', `/api/regions/${REGION}/models/template`)).status).toBe(403);
});

describe('a new region from the template', () => {
  const draft = async (id: string) => {
    const { settings } = (await policy.json<{ settings: RegionSettings }>('GET', '/api/region-template')).body;
    const { bpmnProcessId: _fixed, ...rest } = settings;
    return {
      ...rest,
      id,
      name: `Regio ${id}`,
      tiers: settings.tiers.map((t) => ({ number: t.number, name: `Niveau ${t.number}` })),
      roles: settings.roles.map((r) => ({ ...r, name: `${r.name} (${id})`, contacts: [{ name: `Contact ${r.id}`, email: `${r.id}.${id}@example.org` }] })),
    };
  };

  test('is created, deployed and given to its creator as policy officer, in one step', async () => {
    const created = await policy.json('POST', '/api/regions', await draft('api-nieuw'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.settings).toMatchObject({ id: 'api-nieuw', bpmnProcessId: 'doorzet-api-nieuw', tiers: [{ name: 'Niveau 1' }, {}, {}] });
    const versions = (await policy.json('GET', '/api/regions/api-nieuw/models')).body;
    expect(versions).toEqual([expect.objectContaining({ version: 1, engineVersion: 1, deployedAt: expect.any(String) })]);
    const model = (await policy.json('GET', '/api/regions/api-nieuw/models/1')).body.xml as string;
    expect(model).toContain('id="doorzet-api-nieuw"');
    expect(model).not.toMatch(/candidateGroups="[^"]*template:/);
    // Demo accounts for the new region's roles, as for the seed regions (embedded mode).
    const worker = await signIn(api, 'uitvoerder.api-nieuw');
    expect((await worker.json('GET', '/api/regions/api-nieuw')).status).toBe(200);
    const audit = await many(api.ctx.db, z.object({ status: z.number() }), `SELECT status FROM audit_log WHERE region_id = 'api-nieuw' AND event = 'region.create'`, []);
    expect(audit.map((a) => a.status)).toEqual([201]);

    expect((await policy.json('POST', '/api/regions', await draft('api-nieuw'))).status).toBe(409);
  });

  test('is all or nothing: settings the template model does not fit leave no region behind', async () => {
    const settings = await draft('api-half');
    settings.roles = settings.roles.filter((r) => r.id !== 'bestuurder');
    const refused = await policy.json('POST', '/api/regions', settings);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((f: { rule: string }) => f.rule)).toContain('candidate-group');
    const left = await many(api.ctx.db, z.object({ id: z.string() }), `SELECT id FROM region WHERE id = 'api-half' UNION ALL SELECT region_id FROM model_version WHERE region_id = 'api-half'`, []);
    expect(left).toEqual([]);
  });

  test('only policy staff may create one', async () => {
    const worker = await signIn(api, `accounthouder.${REGION}`);
    expect((await worker.json('POST', '/api/regions', await draft('api-niet'))).status).toBe(403);
    expect((await worker.json('GET', '/api/region-template')).status).toBe(403);
  });
});
