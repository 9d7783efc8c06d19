import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { recordTierChange } from './handler.js';

test('an automatic escalation moves the tier and is on the timeline once, however often the job is delivered', async () => {
  const facts = testCase({ currentTier: 1 });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const job = fakeJob('record-tier-change');
  const input = { caseId: facts.id, region: 'testregio', tier: 2, direction: 'op', automatic: true };
  expect(await decide(recordTierChange, input, job, fake.deps)).toEqual({ kind: 'complete', variables: { tier: 2 } });
  expect(await decide(recordTierChange, input, job, fake.deps)).toEqual({ kind: 'complete', variables: { tier: 2 } });
  expect(fake.caseRow(facts.id)?.currentTier).toBe(2);
  expect(fake.events()).toEqual([
    {
      caseId: facts.id,
      idempotencyKey: job.key,
      kind: 'automatic-escalation',
      tier: 2,
      summary: 'Automatisch opgeschaald na verlopen termijn naar trede 2 (Bovenregionaal)',
      details: { from: 1, to: 2, direction: 'op', automatic: true, elementId: 'record-tier-change' },
    },
  ]);
});

test('afschalen by a person is a tier change, not an automatic escalation', async () => {
  const facts = testCase({ currentTier: 3 });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  await decide(recordTierChange, { caseId: facts.id, region: 'testregio', tier: 2, direction: 'af', automatic: false }, fakeJob('record-tier-change'), fake.deps);
  expect(fake.events()[0]).toMatchObject({ kind: 'tier-change', summary: 'Afgeschaald naar trede 2 (Bovenregionaal)' });
  expect(fake.caseRow(facts.id)?.currentTier).toBe(2);
});

test('a direction other than op/af is an incident, not a retry', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const outcome = await decide(recordTierChange, { caseId: facts.id, region: 'testregio', tier: 2, direction: 'omhoog', automatic: false }, fakeJob('record-tier-change'), fake.deps);
  expect(outcome).toMatchObject({ kind: 'incident', message: expect.stringContaining('direction') });
});
