import type { RegionSettings } from '../../domain/region.js';
import { type CivilDate, addDays, amsterdamDate, holidayName, isoDate } from '../../domain/workdays.js';
import { loadCase } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { addToLearningAgendaInput } from './schema.js';

// Meeting weeks are counted from Monday 5 January 1970, so "every 2 weeks" gives the
// same weeks on every machine without storing an anchor date.
const EPOCH_MONDAY_MS = Date.UTC(1970, 0, 5);

/** The next meeting after today: the right weekday, in a meeting week, and not on a public holiday. */
export function nextLearningMeeting(meeting: RegionSettings['learningMeeting'], today: CivilDate): CivilDate {
  for (let offset = 1; offset <= 7 * meeting.everyWeeks * 3 + 14; offset++) {
    const date = addDays(today, offset);
    const ms = Date.UTC(date.year, date.month - 1, date.day);
    const isoWeekday = ((new Date(ms).getUTCDay() + 6) % 7) + 1;
    const week = Math.floor((ms - EPOCH_MONDAY_MS) / (7 * 86_400_000));
    if (isoWeekday === meeting.weekday && week % meeting.everyWeeks === 0 && holidayName(date) === undefined) return date;
  }
  throw new Error(`no meeting date found for ${meeting.name} within ${meeting.everyWeeks * 3} cycles`);
}

/** Wijchen: after the case, it goes on the agenda of the next Driehoeksoverleg (the region's learning meeting). */
export const addToLearningAgenda = defineJob({
  label: 'Agenderen voor het leeroverleg',
  description: 'Zet de casus op de agenda van het eerstvolgende leeroverleg van de regio en mailt de contactpersoon.',
  input: addToLearningAgendaInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCase(input, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { settings, facts } = loaded;
    const meeting = settings.learningMeeting;
    const planned = isoDate(nextLearningMeeting(meeting, amsterdamDate(deps.now())));
    const agendaDate = await deps.agenda.addOnce({ caseId: facts.id, meetingName: meeting.name, meetingDate: planned, jobKey: job.key });
    await queueForEach(deps, job, facts, [meeting.contact], {
      kind: 'learning-agenda',
      subject: subjectFor(facts, `geagendeerd voor ${meeting.name}`),
      text: composeBody(deps.config, facts, [
        `Beste contactpersoon van het ${meeting.name},`,
        '',
        `Deze casus staat op de agenda van het ${meeting.name} van ${agendaDate}, om ervan te leren.`,
      ]),
    });
    await deps.cases.addEvent({
      caseId: facts.id,
      idempotencyKey: job.key,
      kind: 'learning-agenda',
      tier: facts.currentTier,
      summary: `Geagendeerd voor het ${meeting.name} van ${agendaDate}`,
      details: { meetingName: meeting.name, agendaDate },
    });
    return complete({ agendaDate });
  },
});
