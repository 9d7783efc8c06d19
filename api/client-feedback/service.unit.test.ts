import { expect, test } from 'vitest';
import { withoutContactDetails } from './service.js';

test('a comment keeps its words but loses what can be recognised as contact details or a BSN', () => {
  expect(withoutContactDetails('Fijn geholpen, bel me op 06-12345678 of mail piet.test@example.org')).toBe('Fijn geholpen, bel me op [weggehaald] of mail [weggehaald]');
  expect(withoutContactDetails('Mijn BSN is 999990019.')).toBe('Mijn BSN is [weggehaald].');
  expect(withoutContactDetails('Bel +31 6 1234 5678 gerust')).toBe('Bel [weggehaald] gerust');
  expect(withoutContactDetails('Het duurde 3 weken, daarna ging het in 2026 goed (cijfer 4).')).toBe('Het duurde 3 weken, daarna ging het in 2026 goed (cijfer 4).');
});
