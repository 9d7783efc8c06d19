import { ERROR_CODES } from '../../domain/process.js';
import type { Contact } from '../../domain/region.js';
import { addWerkdagen, amsterdamDate, amsterdamInstant } from '../../domain/workdays.js';
import { buildIcs } from '../../platform/mail/ics.js';
import { loadCase } from '../case-context.js';
import { defineJob } from '../job.js';
import { caseLink, composeBody, queueForEach, subjectFor, uniqueContacts } from '../mail.js';
import { bpmnError, complete, incident } from '../outcome.js';
import { conveneEscalationMeetingInput } from './schema.js';

/** The meeting's name where the region's settings give none: Twente's bestuurlijk escalatie overleg (seed 003). */
export const DEFAULT_MEETING_NAME = 'Bestuurlijk escalatie overleg';

/** Meetings start at 10:00 Amsterdam time: a common slot for bestuurders' agendas. */
export const MEETING_HOUR = 10;

/**
 * The proposed start: the earliest moment, the next working day at 10:00. Seed 003 has the
 * overleg organised ad hoc ("een ad hoc te organiseren bestuurlijk escalatie overleg") when a
 * situation for trede 3 arises; one working day is the least notice for bestuurders (aanname).
 */
export function proposedStart(now: Date): Date {
  return amsterdamInstant(addWerkdagen(amsterdamDate(now), 1), MEETING_HOUR);
}

/** The last day the region allows for the meeting: where the coordinator may move it to if the partners cannot come. */
export function latestStart(now: Date, withinWerkdagen: number): Date {
  return amsterdamInstant(addWerkdagen(amsterdamDate(now), withinWerkdagen), MEETING_HOUR);
}

/**
 * Trede 3 (Twente): an ad-hoc bestuurlijk escalatie overleg with the partners with
 * mandate, coordinated by the region's coordinator; fase 4 (Almere): the brandpuntfunctionaris
 * calls the parties to the table, under the name the region's settings give the meeting. One meeting per job; every
 * invitee gets an iCalendar invitation.
 */
export const conveneEscalationMeeting = defineJob({
  label: 'Bestuurlijk escalatie overleg beleggen',
  description: 'Stelt het overleg ad hoc voor op de eerstvolgende werkdag (uiterlijk binnen de termijn van de regio) en nodigt partners met mandaat en de coördinator uit met een agenda-uitnodiging (.ics).',
  input: conveneEscalationMeetingInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCase(input, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { settings, facts } = loaded;
    const meetingSettings = settings.escalationMeeting;
    if (!meetingSettings) {
      return incident(`Regio '${settings.id}' heeft geen instellingen voor het bestuurlijk escalatie overleg (escalationMeeting).`);
    }
    const meetingName = meetingSettings.name ?? DEFAULT_MEETING_NAME;
    const coordinator = settings.coordinator;
    const partners = settings.partners.filter((p) => p.mandate).map((p) => p.contact);
    if (!coordinator || partners.length === 0) {
      return bpmnError(
        ERROR_CODES.noContact,
        coordinator
          ? `Regio '${settings.id}' heeft geen partners met mandaat om uit te nodigen; vul de regio-instellingen aan.`
          : `Regio '${settings.id}' heeft geen coördinator voor het bestuurlijk escalatie overleg; vul de regio-instellingen aan.`,
        { missingRole: coordinator ? 'partners-met-mandaat' : 'coordinator' },
      );
    }
    // Seed 003: the overleg is organised 'met de bij de casus betrokken partners', and the case's own
    // municipality (chosen at the melding) is the verantwoordelijke gemeente that reports back.
    const gemeente = input.gemeente ? settings.gemeenten?.find((g) => g.id === input.gemeente) : undefined;
    if (input.gemeente && !gemeente) {
      return bpmnError(ERROR_CODES.noContact, `Gemeente '${input.gemeente}' van casus ${facts.reference} staat niet (meer) in de regio-instellingen; vul de gemeenten aan.`, {
        missingRole: `gemeente ${input.gemeente}`,
      });
    }
    const invitees: Contact[] = uniqueContacts([coordinator.contact, ...(gemeente ? [gemeente.contact] : []), ...partners]);
    const now = deps.now();
    const meeting = await deps.meetings.createOnce({
      caseId: facts.id,
      proposedStart: proposedStart(now),
      durationMinutes: meetingSettings.durationMinutes,
      location: meetingSettings.location,
      coordinatorOrganisation: coordinator.organisation,
      coordinatorEmail: coordinator.contact.email,
      invited: invitees.map((c) => c.email),
      jobKey: job.key,
    });
    const when = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(
      meeting.proposedStart,
    );
    const latest = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeZone: 'Europe/Amsterdam' }).format(
      latestStart(meeting.convenedAt, meetingSettings.withinWerkdagen),
    );
    const summary = `${meetingName} casus ${facts.reference}`;
    const ics = buildIcs({
      meetingId: meeting.id,
      start: meeting.proposedStart,
      durationMinutes: meeting.durationMinutes,
      summary,
      description: `Casus ${facts.reference}: ${caseLink(deps.config, facts.id)}`,
      location: meeting.location,
      organizer: { name: coordinator.organisation, email: coordinator.contact.email },
      attendees: invitees.map((c) => ({ name: c.name, email: c.email })),
      stamp: now,
    });
    await queueForEach(deps, job, facts, invitees, {
      kind: 'escalation-meeting-invitation',
      subject: subjectFor(facts, `uitnodiging ${meetingName.toLowerCase()}`),
      text: composeBody(deps.config, facts, [
        'Beste partner,',
        '',
        `U wordt als partner met mandaat uitgenodigd voor een ${meetingName.toLowerCase()} over deze casus.`,
        `Voorgestelde datum (ad hoc, zo snel mogelijk): ${when}`,
        `Kan het dan niet, spreek dan met de coördinatie een moment af uiterlijk ${latest}.`,
        `Duur: ${meeting.durationMinutes} minuten`,
        `Locatie: ${meeting.location}`,
        `Coördinatie: ${coordinator.organisation} (${coordinator.contact.email})`,
        ...(gemeente ? [`Verantwoordelijke gemeente: ${gemeente.name} (${gemeente.contact.email}); zij koppelt na het overleg terug volgens het vaste format.`] : []),
        '',
        'De agenda-uitnodiging zit als bijlage bij deze e-mail.',
      ]),
      ics: { filename: 'escalatie-overleg.ics', content: ics },
    });
    return complete({ meetingId: meeting.id });
  },
});
