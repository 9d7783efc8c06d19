import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testRegion } from '../../test/support/fake-deps.js';
import { planDeadline } from './handler.js';

const caseId = '3f1b7a52-9c1e-4d6a-8a51-2a0d6f7e9b10';

test('working days become exact seconds, the reminder halfway, the due date an ISO date-time', async () => {
  // Friday 20 Nov 2026 10:00 in Amsterdam; 10 werkdagen later is Friday 4 December.
  const fake = fakeDeps({ regions: [testRegion()], now: new Date('2026-11-20T09:00:00.000Z') });
  const outcome = await decide(planDeadline, { caseId, region: 'testregio', deadline: 'accounthouder' }, fakeJob('plan-deadline'), fake.deps);
  expect(outcome).toEqual({
    kind: 'complete',
    variables: {
      deadline_accounthouder: `PT${14 * 86_400}S`,
      reminder_accounthouder: `PT${7 * 86_400}S`,
      due_accounthouder: '2026-12-04T09:00:00.000Z',
    },
  });
});

test('calendar durations pass through; dashes in keys become underscores', async () => {
  const fake = fakeDeps({ regions: [testRegion()], now: new Date('2026-11-20T09:00:00.000Z') });
  const outcome = await decide(planDeadline, { caseId, region: 'testregio', deadline: 'snelle-test' }, fakeJob('plan-deadline'), fake.deps);
  expect(outcome).toEqual({
    kind: 'complete',
    variables: { deadline_snelle_test: 'PT4S', reminder_snelle_test: 'PT1S', due_snelle_test: '2026-11-20T09:00:04.000Z' },
  });
});

test('an unknown deadline key or region is an incident that names what is missing', async () => {
  const fake = fakeDeps({ regions: [testRegion()] });
  expect(await decide(planDeadline, { caseId, region: 'testregio', deadline: 'onbekend' }, fakeJob('plan-deadline'), fake.deps)).toEqual({
    kind: 'incident',
    message: "Termijn 'onbekend' ontbreekt in de instellingen van regio 'testregio' (bekend: accounthouder, snelle-test).",
  });
  expect(await decide(planDeadline, { caseId, region: 'nergens', deadline: 'x' }, fakeJob('plan-deadline'), fake.deps)).toMatchObject({
    kind: 'incident',
  });
});
