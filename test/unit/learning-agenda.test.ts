import { expect, test } from 'vitest';
import { onAgenda, recurringKnelpuntRule, returnsAt } from '../../domain/learning-meeting.js';
import { testRegion } from '../support/fake-deps.js';

const item = (outcomes: Array<{ meetingDate: string; followUp: string | null }> = []) => ({ createdOn: '2026-03-02', outcomes });

test('an item is on every meeting from its creation until a meeting records an outcome', () => {
  expect(onAgenda(item(), '2026-03-01')).toBe(false);
  expect(onAgenda(item(), '2026-03-02')).toBe(true);
  expect(onAgenda(item(), '2026-04-14')).toBe(true);
  const settled = item([{ meetingDate: '2026-03-10', followUp: null }]);
  // The meeting that recorded it keeps it, later ones do not.
  expect(onAgenda(settled, '2026-03-10')).toBe(true);
  expect(onAgenda(settled, '2026-04-14')).toBe(false);
});

test('an outcome with a follow-up date brings the item back from that date on', () => {
  const followed = item([{ meetingDate: '2026-03-10', followUp: '2026-04-14' }]);
  expect(onAgenda(followed, '2026-04-07')).toBe(false);
  expect(onAgenda(followed, '2026-04-14')).toBe(true);
  expect(onAgenda(followed, '2026-05-12')).toBe(true);
  // The follow-up meeting settles it.
  const checked = item([...followed.outcomes, { meetingDate: '2026-04-14', followUp: null }]);
  expect(onAgenda(checked, '2026-05-12')).toBe(false);
});

test('an item returns when an earlier meeting had it on the agenda', () => {
  const meetings = ['2026-03-10', '2026-04-14'];
  expect(returnsAt(item(), '2026-03-10', meetings)).toBe(false);
  expect(returnsAt(item(), '2026-04-14', meetings)).toBe(true);
  expect(returnsAt({ createdOn: '2026-03-20', outcomes: [] }, '2026-04-14', meetings)).toBe(false);
});

test('the recurring-knelpunt threshold comes from the region, with defaults for what it leaves out', () => {
  const region = testRegion();
  expect(recurringKnelpuntRule(region)).toEqual({ minCases: 3, periodDays: 365 });
  expect(recurringKnelpuntRule({ ...region, learningMeeting: { ...region.learningMeeting, recurringKnelpunt: { minCases: 2 } } })).toEqual({ minCases: 2, periodDays: 365 });
});
