import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { informParties } from './handler.js';

test('the involved partners and the ladder roles hear who is responsible; the timeline records it', async () => {
  const facts = testCase({ organisations: ['GGZ Oost'], responsibleParty: 'Gemeente Testdorp' });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const job = fakeJob('inform-parties');
  expect(await decide(informParties, { caseId: facts.id, region: 'testregio' }, job, fake.deps)).toMatchObject({ kind: 'complete' });
  expect(fake.outbox().map((m) => m.recipients[0])).toEqual([
    'bestuur@ggz-oost.example.org',
    'accounthouder@example.org',
    'accounthouder2@example.org',
    'consulent@example.org',
    'wethouder@example.org',
    'burgemeester@example.org',
  ]);
  expect(fake.outbox()[0]?.text).toContain('Verantwoordelijke partij: Gemeente Testdorp');
  expect(fake.events()).toMatchObject([{ idempotencyKey: job.key, kind: 'parties-informed' }]);
});

test('the decision from the form wins over an empty case row', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  await decide(informParties, { caseId: facts.id, region: 'testregio', responsibleParty: 'Zorgaanbieder Noord' }, fakeJob('inform-parties'), fake.deps);
  expect(fake.outbox()[0]?.text).toContain('Verantwoordelijke partij: Zorgaanbieder Noord');
});

test('without a responsible party it is an incident; without anyone to inform GEEN_CONTACT', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  expect(await decide(informParties, { caseId: facts.id, region: 'testregio' }, fakeJob('inform-parties'), fake.deps)).toMatchObject({ kind: 'incident' });
  const empty = testRegion({ partners: [] });
  empty.roles = empty.roles.map((r) => ({ ...r, contacts: [] }));
  const lonely = fakeDeps({ regions: [empty], cases: [testCase({ id: facts.id, responsibleParty: 'Gemeente Testdorp' })] });
  expect(await decide(informParties, { caseId: facts.id, region: 'testregio' }, fakeJob('inform-parties'), lonely.deps)).toMatchObject({
    kind: 'bpmnError',
    code: 'GEEN_CONTACT',
  });
});
