import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { notifyRole } from './handler.js';

const region = testRegion();
const facts = testCase();
const input = (role: string, reason = 'taak') => ({ caseId: facts.id, region: 'testregio', role, reason, caseReference: facts.reference });

test('mails every contact of the role once, with reference and link and nothing else about the case', async () => {
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  const outcome = await decide(notifyRole, input('accounthouder'), fakeJob('notify-role'), fake.deps);
  expect(outcome).toEqual({ kind: 'complete', variables: {} });
  const mails = fake.outbox();
  expect(mails.map((m) => m.recipients)).toEqual([['accounthouder@example.org'], ['accounthouder2@example.org']]);
  for (const mail of mails) {
    expect(mail.subject).toBe('[Doorzet] Casus DZ-2026-000042: er staat een taak voor u klaar');
    expect(mail.text).toContain(`https://doorzet.example.org/casus/${facts.id}`);
    // The contact's own name is not needed either: the mail greets the role.
    expect(mail.text).not.toContain('Anna');
  }
});

test('a redelivered job queues nothing new', async () => {
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  const job = fakeJob('notify-role');
  await decide(notifyRole, input('accounthouder', 'herinnering'), job, fake.deps);
  await decide(notifyRole, input('accounthouder', 'herinnering'), job, fake.deps);
  expect(fake.outbox()).toHaveLength(2);
  expect(fake.outbox()[0]?.subject).toContain('herinnering');
});

test('the progress report after a decision says the help started, and nothing about the case', async () => {
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  await decide(notifyRole, input('accounthouder', 'voortgang'), fakeJob('notify-role'), fake.deps);
  const [mail] = fake.outbox();
  expect(mail?.subject).toBe('[Doorzet] Casus DZ-2026-000042: voortgang na het besluit');
  expect(mail?.text).toContain('De hulp na het besluit over deze casus is gestart.');
});

test('a role without contacts, or unknown to the region, is the business error GEEN_CONTACT', async () => {
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  for (const role of ['leeg', 'bestaat-niet']) {
    const outcome = await decide(notifyRole, input(role), fakeJob('notify-role'), fake.deps);
    expect(outcome).toMatchObject({ kind: 'bpmnError', code: 'GEEN_CONTACT', variables: { missingRole: role } });
  }
  expect(fake.outbox()).toEqual([]);
});

test('a database outage while queueing becomes a retry', async () => {
  const fake = fakeDeps({ regions: [region], cases: [facts] });
  fake.failNextEnqueue(new Error('connect ECONNREFUSED 127.0.0.1:54329'));
  const outcome = await decide(notifyRole, input('accounthouder'), fakeJob('notify-role'), fake.deps);
  expect(outcome).toMatchObject({ kind: 'retry', message: 'notify-role failed: connect ECONNREFUSED 127.0.0.1:54329' });
});

test('an unknown reason, a missing case or a case of another region is an incident', async () => {
  const fake = fakeDeps({ regions: [region, testRegion({ id: 'andere' })], cases: [facts] });
  expect(await decide(notifyRole, input('accounthouder', 'groet'), fakeJob('notify-role'), fake.deps)).toMatchObject({
    kind: 'incident',
    message: expect.stringContaining('reason'),
  });
  const missing = { ...input('accounthouder'), caseId: '00000000-0000-4000-8000-000000000000' };
  expect(await decide(notifyRole, missing, fakeJob('notify-role'), fake.deps)).toMatchObject({ kind: 'incident' });
  expect(await decide(notifyRole, { ...input('accounthouder'), region: 'andere' }, fakeJob('notify-role'), fake.deps)).toMatchObject({
    kind: 'incident',
    message: expect.stringContaining("hoort bij regio 'testregio'"),
  });
});
