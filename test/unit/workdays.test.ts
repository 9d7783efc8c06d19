import { describe, expect, test } from 'vitest';
import {
  addWerkdagen,
  addWerkdagenAt,
  amsterdamInstant,
  dutchHolidays,
  easterSunday,
  isoDate,
  isWerkdag,
  planReminder,
  planSpan,
} from '../../domain/workdays.js';

describe('Easter by the computus', () => {
  test.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, expected) => {
    expect(isoDate(easterSunday(year))).toBe(expected);
  });
});

describe('Dutch public holidays', () => {
  test('2026: Koningsdag on the 27th, no Bevrijdingsdag, movable feasts from Easter', () => {
    expect([...dutchHolidays(2026)].map(([date, name]) => `${date} ${name}`).sort()).toEqual([
      '2026-01-01 Nieuwjaarsdag',
      '2026-04-03 Goede Vrijdag',
      '2026-04-05 Eerste Paasdag',
      '2026-04-06 Tweede Paasdag',
      '2026-04-27 Koningsdag',
      '2026-05-14 Hemelvaartsdag',
      '2026-05-24 Eerste Pinksterdag',
      '2026-05-25 Tweede Pinksterdag',
      '2026-12-25 Eerste Kerstdag',
      '2026-12-26 Tweede Kerstdag',
    ]);
  });

  test('Koningsdag moves to the 26th when the 27th is a Sunday (2025)', () => {
    const h = dutchHolidays(2025);
    expect(h.get('2025-04-26')).toBe('Koningsdag');
    expect(h.has('2025-04-27')).toBe(false);
  });

  test('Bevrijdingsdag only in lustrum years', () => {
    expect(dutchHolidays(2025).get('2025-05-05')).toBe('Bevrijdingsdag');
    expect(dutchHolidays(2030).get('2030-05-05')).toBe('Bevrijdingsdag');
    expect(dutchHolidays(2026).has('2026-05-05')).toBe(false);
  });
});

describe('werkdagen', () => {
  test('weekends are skipped: Friday + 1 = Monday', () => {
    expect(isoDate(addWerkdagen({ year: 2026, month: 11, day: 20 }, 1))).toBe('2026-11-23');
    expect(isWerkdag({ year: 2026, month: 11, day: 21 })).toBe(false);
  });

  test('a span over Christmas and New Year skips both Kerstdagen, Nieuwjaarsdag and the weekends', () => {
    // Wed 23 Dec 2026: 24 (Thu), then 25/26 holidays, 27 Sun, 28–31, Fri 1 Jan holiday, weekend, Mon 4 Jan.
    expect(isoDate(addWerkdagen({ year: 2026, month: 12, day: 23 }, 1))).toBe('2026-12-24');
    expect(isoDate(addWerkdagen({ year: 2026, month: 12, day: 23 }, 2))).toBe('2026-12-28');
    expect(isoDate(addWerkdagen({ year: 2026, month: 12, day: 23 }, 6))).toBe('2027-01-04');
  });

  test('over Easter: Thursday before Good Friday + 1 is the Tuesday after Easter Monday', () => {
    expect(isoDate(addWerkdagen({ year: 2026, month: 4, day: 2 }, 1))).toBe('2026-04-07');
  });

  test('keeps the Amsterdam wall-clock time, across the change to winter time', () => {
    // Fri 23 Oct 2026 14:30 CEST; clocks go back on Sun 25 Oct; 5 werkdagen later is Fri 30 Oct 14:30 CET.
    const start = amsterdamInstant({ year: 2026, month: 10, day: 23 }, 14, 30);
    expect(start.toISOString()).toBe('2026-10-23T12:30:00.000Z');
    expect(addWerkdagenAt(start, 5).toISOString()).toBe('2026-10-30T13:30:00.000Z');
  });
});

describe('planning a region deadline', () => {
  const now = new Date('2026-11-20T09:00:00.000Z'); // a Friday, 10:00 in Amsterdam

  test('calendar spans pass through unchanged', () => {
    const planned = planSpan({ duration: 'P5D' }, now);
    expect(planned).toEqual({ due: new Date('2026-11-25T09:00:00.000Z'), duration: 'P5D' });
    expect(planSpan({ duration: 'PT2S' }, now).due).toEqual(new Date('2026-11-20T09:00:02.000Z'));
  });

  test('working days become an exact duration over the weekend', () => {
    const planned = planSpan({ werkdagen: 2 }, now);
    expect(planned.due.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(planned.duration).toBe(`PT${4 * 86_400}S`);
  });

  test('the reminder defaults to halfway, or follows its own span', () => {
    const escalate = planSpan({ duration: 'PT10S' }, now);
    expect(planReminder(escalate, undefined, now)).toEqual({ due: new Date('2026-11-20T09:00:05.000Z'), duration: 'PT5S' });
    expect(planReminder(escalate, { werkdagen: 1 }, now).due.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });
});
