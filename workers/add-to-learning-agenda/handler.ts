import { nextLearningMeeting } from '../../domain/learning-meeting.js';
import { amsterdamDate, isoDate } from '../../domain/workdays.js';
import { loadCase } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { addToLearningAgendaInput } from './schema.js';

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
