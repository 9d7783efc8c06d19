import type { RegionSettings } from './region.js';
import { type CivilDate, addDays, holidayName } from './workdays.js';

// Meeting weeks are counted from Monday 5 January 1970, so "every 2 weeks" gives the
// same weeks on every machine without storing an anchor date.
const EPOCH_MONDAY_MS = Date.UTC(1970, 0, 5);

/** The next meeting after today: the right weekday, in a meeting week, and not on a public holiday. */
export function nextLearningMeeting(meeting: Pick<RegionSettings['learningMeeting'], 'name' | 'weekday' | 'everyWeeks'>, today: CivilDate): CivilDate {
  for (let offset = 1; offset <= 7 * meeting.everyWeeks * 3 + 14; offset++) {
    const date = addDays(today, offset);
    const ms = Date.UTC(date.year, date.month - 1, date.day);
    const isoWeekday = ((new Date(ms).getUTCDay() + 6) % 7) + 1;
    const week = Math.floor((ms - EPOCH_MONDAY_MS) / (7 * 86_400_000));
    if (isoWeekday === meeting.weekday && week % meeting.everyWeeks === 0 && holidayName(date) === undefined) return date;
  }
  throw new Error(`no meeting date found for ${meeting.name} within ${meeting.everyWeeks * 3} cycles`);
}

/**
 * A knelpunt that keeps coming back is no longer a matter for one case: seed 002 ("het leerproces",
 * "adresseert (systeem)knelpunten bij de juiste partijen") asks to take it to the region. The
 * threshold is the region's (learningMeeting.recurringKnelpunt); without one, 3 cases in a year.
 */
export const DEFAULT_RECURRING_KNELPUNT = { minCases: 3, periodDays: 365 } as const;

export function recurringKnelpuntRule(settings: RegionSettings): { minCases: number; periodDays: number } {
  return { ...DEFAULT_RECURRING_KNELPUNT, ...settings.learningMeeting.recurringKnelpunt };
}

/** What the agenda rules need of an item and its outcomes; dates are yyyy-mm-dd in Dutch time. */
export type AgendaFacts = { createdOn: string; outcomes: Array<{ meetingDate: string; followUp: string | null }> };

/**
 * Whether an item is on the agenda of the meeting held on `date`. It is, once it exists, until a
 * meeting records an outcome for it; an outcome with a follow-up date puts it back from that date
 * on (seed 002: "met grote regelmaat monitoren of een oplossing ook daadwerkelijk gevonden is. Zo
 * niet, dan meteen weer opnieuw starten"). An outcome recorded at this meeting keeps it on this one.
 */
export function onAgenda(item: AgendaFacts, date: string): boolean {
  if (item.createdOn > date) return false;
  if (item.outcomes.some((o) => o.meetingDate === date)) return true;
  const latest = item.outcomes.filter((o) => o.meetingDate < date).sort((a, b) => (a.meetingDate < b.meetingDate ? 1 : -1))[0];
  return latest === undefined || (latest.followUp !== null && latest.followUp <= date);
}

/** On the agenda at `date` after having been on an earlier meeting's agenda: it comes back. */
export function returnsAt(item: AgendaFacts, date: string, meetingDates: string[]): boolean {
  return meetingDates.some((earlier) => earlier < date && onAgenda(item, earlier));
}
