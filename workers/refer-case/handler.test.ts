import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { referCase } from './handler.js';

test('marks the case referred, records it on the timeline and mails the role that takes it over', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const job = fakeJob('refer-case');
  expect(await decide(referCase, { caseId: facts.id, region: 'testregio', role: 'consulent' }, job, fake.deps)).toMatchObject({ kind: 'complete' });
  expect(fake.caseRow(facts.id)?.status).toBe('referred');
  expect(fake.events()).toMatchObject([{ kind: 'referred', idempotencyKey: job.key, summary: 'Overgedragen aan Consulent' }]);
  expect(fake.outbox().map((m) => m.recipients[0])).toEqual(['consulent@example.org']);
  // Redelivered: no second event, no second mail.
  await decide(referCase, { caseId: facts.id, region: 'testregio', role: 'consulent' }, job, fake.deps);
  expect(fake.events()).toHaveLength(1);
  expect(fake.outbox()).toHaveLength(1);
});

test('a role nobody holds is GEEN_CONTACT and leaves the case open', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  expect(await decide(referCase, { caseId: facts.id, region: 'testregio', role: 'casusregisseur' }, fakeJob('refer-case'), fake.deps)).toMatchObject({
    kind: 'bpmnError',
    code: 'GEEN_CONTACT',
  });
  expect(fake.caseRow(facts.id)?.status).toBe('open');
  expect(fake.events()).toEqual([]);
});
