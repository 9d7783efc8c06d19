import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { addWerkdagen, amsterdamDate, amsterdamInstant } from '../../domain/workdays.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { conveneEscalationMeeting } from './handler.js';

const facts = testCase({ currentTier: 3 });
const input = { caseId: facts.id, region: 'testregio' };
const now = new Date('2026-12-21T09:00:00.000Z'); // Monday before Christmas

test('proposes the meeting ad hoc, on the next working day, names the region limit as the latest day, and invites the partners with mandate and the coordinator', async () => {
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts], now });
  const outcome = await decide(conveneEscalationMeeting, input, fakeJob('convene-escalation-meeting'), fake.deps);
  const [meeting] = fake.meetings();
  expect(outcome).toEqual({ kind: 'complete', variables: { meetingId: meeting?.id } });
  // Seed 003: 'ad hoc'. The earliest moment is the next working day at 10:00, not the last allowed day.
  expect(meeting?.proposedStart.toISOString()).toBe('2026-12-22T09:00:00.000Z');
  expect(meeting?.proposedStart.getTime()).toBeLessThanOrEqual(amsterdamInstant(addWerkdagen(amsterdamDate(now), 5), 23).getTime());
  expect(meeting?.invited).toEqual(['coordinatie@zvh.example.org', 'bestuur@ggz-oost.example.org', 'directie@wonen.example.org']);
  const mails = fake.outbox();
  expect(mails.flatMap((m) => m.recipients)).toEqual(meeting?.invited);
  expect(mails.every((m) => m.ics?.content.includes(`UID:escalatie-overleg-${meeting?.id}@doorzet`))).toBe(true);
  expect(mails[0]?.text).toContain('Locatie: Stadhuis Testregio, zaal 2');
  expect(mails[0]?.text).toContain('Voorgestelde datum (ad hoc, zo snel mogelijk): dinsdag 22 december 2026 om 10:00');
  // 5 werkdagen from Mon 21 Dec skips both Kerstdagen and the weekend: Tue 22, Wed 23, Thu 24, Mon 28, Tue 29.
  expect(mails[0]?.text).toContain('uiterlijk dinsdag 29 december 2026');
  expect(mails.flatMap((m) => m.recipients)).not.toContain('buurtteam@example.org');
});

test('a redelivered job returns the same meeting and queues no second invitation', async () => {
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts], now });
  const job = fakeJob('convene-escalation-meeting');
  const first = await decide(conveneEscalationMeeting, input, job, fake.deps);
  const second = await decide(conveneEscalationMeeting, input, job, fake.deps);
  expect(second).toEqual(first);
  expect(fake.meetings()).toHaveLength(1);
  expect(fake.outbox()).toHaveLength(3);
});

test('no coordinator or no partner with mandate is GEEN_CONTACT; no meeting settings is an incident', async () => {
  const noCoordinator = testRegion();
  delete noCoordinator.coordinator;
  const noPartners = testRegion({ partners: [] });
  const noMeeting = testRegion();
  delete noMeeting.escalationMeeting;
  for (const [region, expected] of [
    [noCoordinator, { kind: 'bpmnError', code: 'GEEN_CONTACT' }],
    [noPartners, { kind: 'bpmnError', code: 'GEEN_CONTACT' }],
    [noMeeting, { kind: 'incident' }],
  ] as const) {
    const fake = fakeDeps({ regions: [region], cases: [facts], now });
    expect(await decide(conveneEscalationMeeting, input, fakeJob('convene-escalation-meeting'), fake.deps)).toMatchObject(expected);
    expect(fake.meetings()).toEqual([]);
  }
});

test('the invitation names the meeting as the region calls it (Almere: the brandpuntoverleg), else bestuurlijk escalatie overleg', async () => {
  for (const [name, words] of [
    [undefined, 'bestuurlijk escalatie overleg'],
    ['Brandpuntoverleg', 'brandpuntoverleg'],
  ] as const) {
    const region = testRegion();
    region.escalationMeeting = { ...region.escalationMeeting!, ...(name ? { name } : {}) };
    const fake = fakeDeps({ regions: [region], cases: [facts], now });
    await decide(conveneEscalationMeeting, input, fakeJob('convene-escalation-meeting'), fake.deps);
    const [mail] = fake.outbox();
    expect(mail?.subject).toContain(`uitnodiging ${words}`);
    expect(mail?.text).toContain(`uitgenodigd voor een ${words} over deze casus`);
    expect(mail?.ics?.content).toContain(`SUMMARY:${name ?? 'Bestuurlijk escalatie overleg'} casus ${facts.reference}`);
  }
});

test("the case's own gemeente is invited as the verantwoordelijke gemeente; a gemeente the settings no longer list is GEEN_CONTACT", async () => {
  const region = testRegion({ gemeenten: [{ id: 'hengelo', name: 'Hengelo', contact: { name: 'Procesmanager Hengelo', email: 'procesmanager@hengelo.example.org' } }] });
  const fake = fakeDeps({ regions: [region], cases: [facts], now });
  await decide(conveneEscalationMeeting, { ...input, gemeente: 'hengelo' }, fakeJob('convene-escalation-meeting'), fake.deps);
  const [meeting] = fake.meetings();
  expect(meeting?.invited).toEqual(['coordinatie@zvh.example.org', 'procesmanager@hengelo.example.org', 'bestuur@ggz-oost.example.org', 'directie@wonen.example.org']);
  expect(fake.outbox()[0]?.text).toContain('Verantwoordelijke gemeente: Hengelo (procesmanager@hengelo.example.org)');

  const other = fakeDeps({ regions: [region], cases: [facts], now });
  expect(await decide(conveneEscalationMeeting, { ...input, gemeente: 'enschede' }, fakeJob('convene-escalation-meeting'), other.deps)).toMatchObject({ kind: 'bpmnError', code: 'GEEN_CONTACT' });
  expect(other.meetings()).toEqual([]);
  // Without a gemeente (a resident's own melding, or a region without gemeenten) nobody extra is invited.
  const none = fakeDeps({ regions: [region], cases: [facts], now });
  await decide(conveneEscalationMeeting, input, fakeJob('convene-escalation-meeting'), none.deps);
  expect(none.meetings()[0]?.invited).not.toContain('procesmanager@hengelo.example.org');
});
