import { expect, test } from 'vitest';
import { toDutchDate, toIsoDate } from '../../web-modeler/src/dates.js';

test('a Dutch date (dd-mm-jjjj, also with slashes, dots or single digits) becomes an ISO date', () => {
  expect(toIsoDate('15-01-2026')).toBe('2026-01-15');
  expect(toIsoDate('5/1/2026')).toBe('2026-01-05');
  expect(toIsoDate(' 29.02.2024 ')).toBe('2024-02-29');
  expect(toIsoDate('2026-01-15')).toBe('2026-01-15');
});

test('what is not a real date is not guessed at: the American order and impossible days are refused', () => {
  expect(toIsoDate('01/31/2026')).toBeUndefined();
  expect(toIsoDate('29-02-2025')).toBeUndefined();
  expect(toIsoDate('15-01-26')).toBeUndefined();
  expect(toIsoDate('morgen')).toBeUndefined();
});

test('an ISO date is shown back as dd-mm-jjjj', () => {
  expect(toDutchDate('2011-04-02')).toBe('02-04-2011');
});
