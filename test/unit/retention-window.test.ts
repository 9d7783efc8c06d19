import { expect, test } from 'vitest';
import { inWindow } from '../../api/privacy/retention.js';

const at = (hh: number, mm: number) => new Date(2026, 10, 30, hh, mm);

test('the retention window is local time, start included and end excluded, and may wrap past midnight', () => {
  expect(inWindow('01:00-05:00', at(1, 0))).toBe(true);
  expect(inWindow('01:00-05:00', at(4, 59))).toBe(true);
  expect(inWindow('01:00-05:00', at(5, 0))).toBe(false);
  expect(inWindow('01:00-05:00', at(0, 59))).toBe(false);
  expect(inWindow('23:00-02:00', at(23, 30))).toBe(true);
  expect(inWindow('23:00-02:00', at(1, 30))).toBe(true);
  expect(inWindow('23:00-02:00', at(12, 0))).toBe(false);
});
