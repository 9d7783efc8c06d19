import { afterAll, beforeAll, expect, test } from 'vitest';
import { testContext } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, signIn, startTestApi, testRegion } from './support.js';
import { upsertRegion } from '../support/seed-case.js';

/** Consent and family involvement, recorded per tier by the case's roles and shown to the region's members. */
const REGION = 'api-test-consent';
let api: Api;
const as: Record<string, Client> = {};

beforeAll(async () => {
  const setup = testContext();
  // Like AVE niveau 3 (seed 002), but from the first tier, so the test needs no escalation.
  const settings = { ...testRegion(REGION), consentFromTier: 1 };
  await upsertRegion(setup.db, settings);
  await setup.close();
  api = await startTestApi();
  for (const role of ['beleidsmedewerker', 'casusregisseur', 'accounthouder', 'portefeuillehouder', 'manager']) as[role] = await signIn(api, `${role}.${REGION}`);
  const uploaded = await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION}/models`, { xml: flowModel(REGION), comment: 'toestemming' });
  expect((await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION}/models/${uploaded.body.version}/deploy`)).status).toBe(200);
});
afterAll(async () => api?.close());

test('consent and family involvement: missing until recorded at the tier that needs it; each recording says who, in which role and when; only the case\'s roles record', async () => {
  const created = await as.casusregisseur!.json('POST', `/api/regions/${REGION}/cases`, {
    domains: ['jeugd'],
    stuckReason: 'Toestemmingstest',
    organisations: [],
    safety: false,
    entry: 'regulier',
    person: { name: 'Tess Toestemming' },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;

  const before = await as.manager!.json('GET', `/api/cases/${id}/consent`);
  expect(before.body).toEqual({ records: [], consentFromTier: 1, currentTier: 1, missing: true });

  // No task or decision in the case: the portefeuillehouder may not record it.
  expect((await as.portefeuillehouder!.json('POST', `/api/cases/${id}/consent`, { consent: 'gegeven', familyInvolved: true })).status).toBe(403);
  expect((await as.casusregisseur!.json('POST', `/api/cases/${id}/consent`, { consent: 'misschien', familyInvolved: true })).status).toBe(400);

  const refused = await as.casusregisseur!.json('POST', `/api/cases/${id}/consent`, { consent: 'geweigerd', familyInvolved: true, toelichting: 'Moeder wil eerst met de huisarts praten.' });
  expect(refused.status).toBe(201);
  expect(refused.body.missing).toBe(true);
  const given = await as.accounthouder!.json('POST', `/api/cases/${id}/consent`, { consent: 'gegeven', familyInvolved: true });
  expect(given.body.missing).toBe(false);
  expect(given.body.records).toEqual([
    { tier: 1, consent: 'gegeven', familyInvolved: true, toelichting: null, recordedBy: expect.any(String), recordedRole: 'accounthouder', recordedAt: expect.any(String) },
    expect.objectContaining({ consent: 'geweigerd', recordedRole: 'casusregisseur', toelichting: 'Moeder wil eerst met de huisarts praten.' }),
  ]);
  const timeline = (await as.manager!.json('GET', `/api/cases/${id}/timeline`)).body as { kind: string }[];
  expect(timeline.filter((e) => e.kind === 'toestemming')).toHaveLength(2);
});
