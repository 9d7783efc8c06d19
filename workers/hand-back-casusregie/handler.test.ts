import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { handBackCasusregie } from './handler.js';

test('closes the escalation as decided when a responsible party is known, and mails the consulent', async () => {
  const facts = testCase({ responsibleParty: 'Gemeente Testdorp' });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const job = fakeJob('hand-back-casusregie');
  expect(await decide(handBackCasusregie, { caseId: facts.id, region: 'testregio', role: 'consulent' }, job, fake.deps)).toMatchObject({ kind: 'complete' });
  expect(fake.caseRow(facts.id)?.status).toBe('decided');
  expect(fake.events()).toMatchObject([{ kind: 'casusregie-returned', idempotencyKey: job.key }]);
  expect(fake.outbox().map((m) => m.recipients[0])).toEqual(['consulent@example.org']);
  expect(fake.outbox()[0]?.text).toContain('er is besloten wie verantwoordelijk is');
  expect(fake.outbox()[0]?.text).toContain('De casusregie ligt weer bij u. Het verloop van de escalatie staat in Doorzet.');
});

test('closes as solved without a responsible party', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  await decide(handBackCasusregie, { caseId: facts.id, region: 'testregio', role: 'consulent' }, fakeJob('hand-back-casusregie'), fake.deps);
  expect(fake.caseRow(facts.id)?.status).toBe('solved');
});

test('a role nobody holds is GEEN_CONTACT and leaves the case open', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  expect(await decide(handBackCasusregie, { caseId: facts.id, region: 'testregio', role: 'casusregisseur' }, fakeJob('hand-back-casusregie'), fake.deps)).toMatchObject({
    kind: 'bpmnError',
    code: 'GEEN_CONTACT',
  });
  expect(fake.caseRow(facts.id)?.status).toBe('open');
  expect(fake.events()).toEqual([]);
});
