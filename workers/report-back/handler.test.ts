import { expect, test } from 'vitest';
import type { FeedbackForm } from '../../domain/feedback.js';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { reportBack } from './handler.js';

const form: FeedbackForm = {
  taskKey: 'taak-terugkoppeling-1',
  meetingHeldOn: '2026-11-26',
  responsibleMunicipality: 'Gemeente Testdorp',
  partners: 'GGZ Oost, Woonstichting',
  solution: 'gevonden',
  solutionDescription: 'Beschermd wonen met begeleiding bij GGZ Oost',
  agreements: 'GGZ Oost start binnen twee weken; de gemeente betaalt de eerste drie maanden',
  missingProvision: 'Beschermd wonen voor jongvolwassenen met een licht verstandelijke beperking',
  knelpunten: ['geen-passend-aanbod'],
};

async function convene(fake: ReturnType<typeof fakeDeps>, caseId: string) {
  await fake.deps.meetings.createOnce({
    caseId,
    proposedStart: new Date('2026-11-27T09:00:00.000Z'),
    durationMinutes: 90,
    location: 'Stadhuis',
    coordinatorOrganisation: 'ZVH',
    coordinatorEmail: 'coordinatie@zvh.example.org',
    invited: [],
    jobKey: `convene-${caseId}`,
  });
}

test('after the hand-back the form and the case make one stored report and one mail without the free text', async () => {
  const facts = testCase({ currentTier: 3, status: 'decided', responsibleParty: 'GGZ Oost', knelpunten: ['wachtlijst'] });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts], feedbackForms: [{ ...form, caseId: facts.id }] });
  await convene(fake, facts.id);
  const job = fakeJob('report-back');
  await decide(reportBack, { caseId: facts.id, region: 'testregio' }, job, fake.deps);
  await decide(reportBack, { caseId: facts.id, region: 'testregio' }, job, fake.deps);
  expect(fake.reports()).toEqual([
    {
      caseId: facts.id,
      caseReference: 'DZ-2026-000042',
      tierReached: 3,
      status: 'decided',
      meetingProposedStart: new Date('2026-11-27T09:00:00.000Z'),
      meetingHeldOn: '2026-11-26',
      deadlinePassed: false,
      responsibleMunicipality: 'Gemeente Testdorp',
      partners: 'GGZ Oost, Woonstichting',
      solution: 'gevonden',
      solutionDescription: 'Beschermd wonen met begeleiding bij GGZ Oost',
      agreements: 'GGZ Oost start binnen twee weken; de gemeente betaalt de eerste drie maanden',
      missingProvision: 'Beschermd wonen voor jongvolwassenen met een licht verstandelijke beperking',
      responsibleParty: 'GGZ Oost',
      knelpunten: ['geen-passend-aanbod', 'wachtlijst'],
      formTaskKey: 'taak-terugkoppeling-1',
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
      '3. Stand van de casus: besloten',
      '4. Datum bestuurlijk escalatie overleg: 26 november 2026',
      '5. Termijn van het overleg: binnen de termijn',
      '6. Verantwoordelijke gemeente: Gemeente Testdorp',
      '7. Oplossing: gevonden',
      '8. Verantwoordelijke partij: GGZ Oost',
      '9. Ontbrekend aanbod: benoemd (zie Doorzet)',
      '10. Knelpunten in het aanbod: Geen passend aanbod, Wachtlijst',
    ].join('\n'),
  );
  expect(mail?.text).toContain('https://doorzet.example.org/#/terugkoppelingen/testregio');
  // Mail leaves the protected system: what people wrote stays in Doorzet.
  for (const freeText of [form.partners, form.solutionDescription!, form.agreements, form.missingProvision!]) expect(mail?.text).not.toContain(freeText);
});

test('trede 3 ran out of time: the report says so and holds what is known', async () => {
  const facts = testCase({ currentTier: 3, status: 'open' });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  // An automatic escalation before the overleg (trede 1 ran out) is not the overleg's deadline.
  await fake.deps.cases.changeTier(facts.id, 2, { caseId: facts.id, idempotencyKey: 't1', kind: 'automatic-escalation', tier: 2, summary: 'op', details: {} });
  fake.setNow(new Date('2026-11-21T09:00:00.000Z'));
  await convene(fake, facts.id);
  const early = fakeJob('report-back');
  await decide(reportBack, { caseId: facts.id, region: 'testregio' }, early, fake.deps);
  expect(fake.reports().map((r) => r.deadlinePassed)).toEqual([false]);

  fake.setNow(new Date('2026-12-12T09:00:00.000Z'));
  await fake.deps.cases.changeTier(facts.id, 4, { caseId: facts.id, idempotencyKey: 't3', kind: 'automatic-escalation', tier: 4, summary: 'op', details: {} });
  await fake.deps.cases.closeEscalation(facts.id, { caseId: facts.id, idempotencyKey: 'terug', kind: 'casusregie-returned', tier: 4, summary: 'terug', details: {} });
  const late = fakeJob('report-back');
  await decide(reportBack, { caseId: facts.id, region: 'testregio' }, late, fake.deps);
  expect(fake.reports().at(-1)).toMatchObject({
    tierReached: 4,
    status: 'solved',
    deadlinePassed: true,
    meetingHeldOn: null,
    solution: null,
    agreements: null,
    missingProvision: null,
    formTaskKey: null,
  });
  const mail = fake.outbox().at(-1)?.text ?? '';
  expect(mail).toContain('3. Stand van de casus: opgelost');
  expect(mail).toContain('4. Datum bestuurlijk escalatie overleg: niet vastgelegd (gepland op 27 november 2026)');
  expect(mail).toContain('5. Termijn van het overleg: verstreken: het overleg kwam niet binnen de termijn tot een uitkomst, de casus is automatisch opgeschaald');
  expect(mail).toContain('7. Oplossing: onbekend: de terugkoppeling is niet ingevuld');
  expect(mail).toContain('9. Ontbrekend aanbod: onbekend: de terugkoppeling is niet ingevuld');
});

test('a case that never reached the bestuurlijk escalatie overleg is not reported', async () => {
  const facts = testCase({ currentTier: 1, status: 'solved' });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  expect(await decide(reportBack, { caseId: facts.id, region: 'testregio' }, fakeJob('report-back'), fake.deps)).toMatchObject({ kind: 'complete' });
  expect(fake.reports()).toEqual([]);
  expect(fake.outbox()).toEqual([]);
});

test('no portefeuillehouder Onbegrepen gedrag is GEEN_CONTACT and nothing is recorded', async () => {
  const region = testRegion();
  region.roles = region.roles.filter((r) => r.id !== 'portefeuillehouder-onbegrepen-gedrag');
  const facts = testCase({ currentTier: 3 });
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  await convene(fake, facts.id);
  expect(await decide(reportBack, { caseId: facts.id, region: 'testregio' }, fakeJob('report-back'), fake.deps)).toMatchObject({
    kind: 'bpmnError',
    code: 'GEEN_CONTACT',
  });
  expect(fake.reports()).toEqual([]);
});
