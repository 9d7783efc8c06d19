import type { DeadlineSpan } from './region.js';

/**
 * Working days (werkdagen) in the Netherlands: no Saturdays, Sundays or national
 * public holidays. The engine has no business calendar, so Doorzet turns a region's
 * deadline into a concrete due date and an ISO duration before the timer starts.
 * Days are counted in Europe/Amsterdam, where the people who act on the case live.
 */

export const TIME_ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;

/** A calendar date without time or zone; month 1–12. */
export type CivilDate = { year: number; month: number; day: number };

const toUtcMs = (d: CivilDate) => Date.UTC(d.year, d.month - 1, d.day);
const fromUtcMs = (ms: number): CivilDate => {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};
export const addDays = (d: CivilDate, days: number): CivilDate => fromUtcMs(toUtcMs(d) + days * DAY_MS);
export const isoDate = (d: CivilDate) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** The Dutch national public holidays of a year, by ISO date, with their Dutch names. */
export function dutchHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const kingsDay: CivilDate = { year, month: 4, day: 27 };
  // Koningsdag moves to the Saturday before when 27 April is a Sunday.
  if (new Date(toUtcMs(kingsDay)).getUTCDay() === 0) kingsDay.day = 26;
  const entries: Array<[CivilDate, string]> = [
    [{ year, month: 1, day: 1 }, 'Nieuwjaarsdag'],
    [addDays(easter, -2), 'Goede Vrijdag'],
    [easter, 'Eerste Paasdag'],
    [addDays(easter, 1), 'Tweede Paasdag'],
    [kingsDay, 'Koningsdag'],
    [addDays(easter, 39), 'Hemelvaartsdag'],
    [addDays(easter, 49), 'Eerste Pinksterdag'],
    [addDays(easter, 50), 'Tweede Pinksterdag'],
    [{ year, month: 12, day: 25 }, 'Eerste Kerstdag'],
    [{ year, month: 12, day: 26 }, 'Tweede Kerstdag'],
  ];
  // Bevrijdingsdag is a national day off once every five years (2025, 2030, ...).
  if (year % 5 === 0) entries.push([{ year, month: 5, day: 5 }, 'Bevrijdingsdag']);
  return new Map(entries.map(([date, name]) => [isoDate(date), name]));
}

const holidayCache = new Map<number, Map<string, string>>();
export function holidayName(d: CivilDate): string | undefined {
  let holidays = holidayCache.get(d.year);
  if (!holidays) {
    holidays = dutchHolidays(d.year);
    holidayCache.set(d.year, holidays);
  }
  return holidays.get(isoDate(d));
}

export function isWerkdag(d: CivilDate): boolean {
  const weekday = new Date(toUtcMs(d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && holidayName(d) === undefined;
}

/** The N-th working day after `from` (not counting `from` itself). */
export function addWerkdagen(from: CivilDate, werkdagen: number): CivilDate {
  let date = from;
  let left = werkdagen;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWerkdag(date)) left -= 1;
  }
  return date;
}

const zoneParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** Wall-clock reading of an instant in Amsterdam. */
function amsterdamParts(instant: Date): CivilDate & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(zoneParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

export function amsterdamDate(instant: Date): CivilDate {
  const { year, month, day } = amsterdamParts(instant);
  return { year, month, day };
}

/** Offset of Amsterdam from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function amsterdamOffsetMs(instant: Date): number {
  const p = amsterdamParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which Amsterdam's clocks read the given date and time. */
export function amsterdamInstant(date: CivilDate, hour: number, minute = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // Two passes settle the offset even on the day the clocks change.
  let guess = new Date(wall - amsterdamOffsetMs(new Date(wall)));
  guess = new Date(wall - amsterdamOffsetMs(guess));
  return guess;
}

/** Same Amsterdam wall-clock time, N working days later. */
export function addWerkdagenAt(instant: Date, werkdagen: number): Date {
  const p = amsterdamParts(instant);
  const target = addWerkdagen({ year: p.year, month: p.month, day: p.day }, werkdagen);
  const shifted = amsterdamInstant(target, p.hour, p.minute);
  return new Date(shifted.getTime() + p.second * 1000 + (instant.getTime() % 1000));
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds an ISO 8601 duration the way the engine does: years, months and days on the calendar, the time part exactly. */
export function addIsoDuration(instant: Date, duration: string): Date {
  const match = DURATION.exec(duration);
  if (!match) throw new Error(`Not an ISO 8601 duration: ${duration}`);
  const [, y, mo, w, d, h, mi, s] = match.map((v) => (v === undefined ? 0 : Number(v)));
  const date = new Date(instant.getTime());
  date.setUTCFullYear(date.getUTCFullYear() + (y ?? 0), date.getUTCMonth() + (mo ?? 0), date.getUTCDate() + (w ?? 0) * 7 + (d ?? 0));
  return new Date(date.getTime() + ((h ?? 0) * 3600 + (mi ?? 0) * 60 + (s ?? 0)) * 1000);
}

/** An exact ISO 8601 duration in seconds (what a timer needs once the due date is known). */
export function secondsDuration(ms: number): string {
  return `PT${Math.max(1, Math.round(ms / 1000))}S`;
}

export type PlannedSpan = { due: Date; duration: string };

/**
 * Turns a deadline span into the instant it expires and the ISO duration a timer
 * must wait. Calendar spans pass through unchanged; working days become exact seconds.
 */
export function planSpan(span: DeadlineSpan, now: Date): PlannedSpan {
  if ('duration' in span) return { due: addIsoDuration(now, span.duration), duration: span.duration };
  const due = addWerkdagenAt(now, span.werkdagen);
  return { due, duration: secondsDuration(due.getTime() - now.getTime()) };
}

/** The reminder: the region's own span, or halfway to the escalation deadline. */
export function planReminder(escalate: PlannedSpan, remind: DeadlineSpan | undefined, now: Date): PlannedSpan {
  if (remind) return planSpan(remind, now);
  const half = (escalate.due.getTime() - now.getTime()) / 2;
  return { due: new Date(now.getTime() + half), duration: secondsDuration(half) };
}
