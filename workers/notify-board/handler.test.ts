import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { notifyBoard } from './handler.js';

test('the portefeuillehouder only, when public order and safety is not at stake', async () => {
  const facts = testCase({ safety: false });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  expect(await decide(notifyBoard, { caseId: facts.id, region: 'testregio' }, fakeJob('notify-board'), fake.deps)).toMatchObject({ kind: 'complete' });
  expect(fake.outbox().map((m) => m.recipients[0])).toEqual(['wethouder@example.org']);
  expect(fake.outbox()[0]?.subject).toBe('[Doorzet] Casus DZ-2026-000042: bestuurlijke opschaling');
});

test('the burgemeester as well when the case is a safety case', async () => {
  const facts = testCase({ safety: true });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  await decide(notifyBoard, { caseId: facts.id, region: 'testregio' }, fakeJob('notify-board'), fake.deps);
  expect(fake.outbox().map((m) => m.recipients[0])).toEqual(['wethouder@example.org', 'burgemeester@example.org']);
});

test('a role the model names besides the board is mailed in every case, once also when it is the safety role', async () => {
  const facts = testCase({ safety: false });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  await decide(notifyBoard, { caseId: facts.id, region: 'testregio', role: 'burgemeester' }, fakeJob('notify-board'), fake.deps);
  expect(fake.outbox().map((m) => m.recipients[0])).toEqual(['wethouder@example.org', 'burgemeester@example.org']);
  const safety = testCase({ safety: true });
  const again = fakeDeps({ regions: [testRegion()], cases: [safety] });
  await decide(notifyBoard, { caseId: safety.id, region: 'testregio', role: 'burgemeester' }, fakeJob('notify-board'), again.deps);
  expect(again.outbox().map((m) => m.recipients[0])).toEqual(['wethouder@example.org', 'burgemeester@example.org']);
});

test('a safety case in a region without a burgemeester contact is GEEN_CONTACT, and nobody is mailed', async () => {
  const region = testRegion();
  region.roles = region.roles.filter((r) => r.id !== 'burgemeester');
  const facts = testCase({ safety: true });
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  expect(await decide(notifyBoard, { caseId: facts.id, region: 'testregio' }, fakeJob('notify-board'), fake.deps)).toMatchObject({
    kind: 'bpmnError',
    code: 'GEEN_CONTACT',
    variables: { missingRole: 'burgemeester' },
  });
  expect(fake.outbox()).toEqual([]);
});
