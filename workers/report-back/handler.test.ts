import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { reportBack } from './handler.js';

test('the fixed format is stored and mailed to the portefeuillehouder Onbegrepen gedrag, once', async () => {
  const facts = testCase({ currentTier: 3, status: 'decided', responsibleParty: 'Gemeente Testdorp', knelpunten: ['wachtlijst', 'financiering'] });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  await fake.deps.meetings.createOnce({
    caseId: facts.id,
    proposedStart: new Date('2026-11-27T09:00:00.000Z'),
    durationMinutes: 90,
    location: 'Stadhuis',
    coordinatorOrganisation: 'ZVH',
    coordinatorEmail: 'coordinatie@zvh.example.org',
    invited: [],
    jobKey: 'eerder',
  });
  const job = fakeJob('report-back');
  await decide(reportBack, { caseId: facts.id, region: 'testregio' }, job, fake.deps);
  await decide(reportBack, { caseId: facts.id, region: 'testregio' }, job, fake.deps);
  expect(fake.reports()).toEqual([
    {
      caseId: facts.id,
      caseReference: 'DZ-2026-000042',
      tierReached: 3,
      meetingDate: new Date('2026-11-27T09:00:00.000Z'),
      responsibleParty: 'Gemeente Testdorp',
      status: 'decided',
      knelpunten: ['wachtlijst', 'financiering'],
      jobKey: job.key,
    },
  ]);
  const [mail, ...more] = fake.outbox();
  expect(more).toEqual([]);
  expect(mail?.recipients).toEqual(['onbegrepen-gedrag@example.org']);
  expect(mail?.text).toContain(
    [
      'TERUGKOPPELING BESTUURLIJK ESCALATIE OVERLEG (vast format)',
      '1. Casusnummer: DZ-2026-000042',
      '2. Hoogste trede: 3',
      '3. Datum bestuurlijk escalatie overleg: 27 november 2026',
      '4. Verantwoordelijke partij: Gemeente Testdorp',
      '5. Stand van de casus: besloten',
      '6. Knelpunten in het aanbod: wachtlijst, financiering',
    ].join('\n'),
  );
});

test('no portefeuillehouder Onbegrepen gedrag is GEEN_CONTACT and nothing is recorded', async () => {
  const region = testRegion();
  region.roles = region.roles.filter((r) => r.id !== 'portefeuillehouder-onbegrepen-gedrag');
  const facts = testCase();
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  expect(await decide(reportBack, { caseId: facts.id, region: 'testregio' }, fakeJob('report-back'), fake.deps)).toMatchObject({
    kind: 'bpmnError',
    code: 'GEEN_CONTACT',
  });
  expect(fake.reports()).toEqual([]);
});
