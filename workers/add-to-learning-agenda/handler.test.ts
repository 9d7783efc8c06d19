import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { isoDate } from '../../domain/workdays.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { nextLearningMeeting } from '../../domain/learning-meeting.js';
import { addToLearningAgenda } from './handler.js';

const weekly = { name: 'Driehoeksoverleg', weekday: 2, everyWeeks: 1, contact: { name: 'D', email: 'driehoek@example.org' } };

test('the next meeting is the next matching weekday, skipping public holidays and off-weeks', () => {
  expect(isoDate(nextLearningMeeting(weekly, { year: 2026, month: 11, day: 23 }))).toBe('2026-11-24');
  // Tuesday 24 Nov is the meeting day itself: "next" means after today.
  expect(isoDate(nextLearningMeeting(weekly, { year: 2026, month: 11, day: 24 }))).toBe('2026-12-01');
  // A Monday meeting on Tweede Paasdag (6 April 2026) moves to the next week.
  expect(isoDate(nextLearningMeeting({ ...weekly, weekday: 1 }, { year: 2026, month: 4, day: 2 }))).toBe('2026-04-13');
  const fortnightly = { ...weekly, everyWeeks: 2 };
  const first = nextLearningMeeting(fortnightly, { year: 2026, month: 11, day: 23 });
  const second = nextLearningMeeting(fortnightly, first);
  expect(Date.UTC(second.year, second.month - 1, second.day) - Date.UTC(first.year, first.month - 1, first.day)).toBe(14 * 86_400_000);
});

test('puts the case on the agenda once, mails the contact and returns the date', async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion({ learningMeeting: weekly })], cases: [facts], now: new Date('2026-11-23T09:00:00.000Z') });
  const job = fakeJob('add-to-learning-agenda');
  expect(await decide(addToLearningAgenda, { caseId: facts.id, region: 'testregio' }, job, fake.deps)).toEqual({
    kind: 'complete',
    variables: { agendaDate: '2026-11-24' },
  });
  // A second run later (another job) keeps the date the case is already on.
  const later = fakeDeps({ regions: [testRegion({ learningMeeting: weekly })], cases: [facts], now: new Date('2026-11-25T09:00:00.000Z') });
  later.deps.agenda = fake.deps.agenda;
  expect(await decide(addToLearningAgenda, { caseId: facts.id, region: 'testregio' }, fakeJob('add-to-learning-agenda'), later.deps)).toEqual({
    kind: 'complete',
    variables: { agendaDate: '2026-11-24' },
  });
  expect(fake.agenda()).toHaveLength(1);
  expect(fake.outbox().map((m) => m.recipients[0])).toEqual(['driehoek@example.org']);
  expect(fake.outbox()[0]?.subject).toBe('[Doorzet] Casus DZ-2026-000042: geagendeerd voor Driehoeksoverleg');
});
