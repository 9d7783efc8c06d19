import { buildFeedbackReport, feedbackMailLines } from '../../domain/feedback.js';
import { loadCase, reachableRole } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { reportBackInput } from './schema.js';

/** Twente: the regional portefeuillehouder Onbegrepen gedrag receives the report back after trede 3. */
export const REPORT_ROLE = 'portefeuillehouder-onbegrepen-gedrag';

/**
 * Runs after the hand-back of casusregie on every way out of the ladder, so the report says how
 * the case ended (not "lopend"), and also when trede 3 ran out of time before the form was filled
 * in. A case that never reached the bestuurlijk escalatie overleg has nothing to report.
 */
export const reportBack = defineJob({
  label: 'Terugkoppeling volgens vast format',
  description:
    'Legt na de overdracht van de casusregie de terugkoppeling van het bestuurlijk escalatie overleg vast (uit het formulier van de verantwoordelijke gemeente, of wat bekend is als de termijn verstreek) en mailt die aan de portefeuillehouder Onbegrepen gedrag. Zonder bestuurlijk overleg gebeurt er niets.',
  input: reportBackInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCase(input, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { settings, facts } = loaded;
    const meeting = await deps.meetings.latestFor(facts.id);
    if (!meeting) return complete();
    const reachable = reachableRole(settings, REPORT_ROLE);
    if ('outcome' in reachable) return reachable.outcome;
    const report = buildFeedbackReport(
      {
        caseId: facts.id,
        caseReference: facts.reference,
        tierReached: facts.currentTier,
        status: facts.status,
        responsibleParty: facts.responsibleParty,
        knelpunten: facts.knelpunten,
        meetingProposedStart: meeting.proposedStart,
        deadlinePassed: await deps.cases.escalatedAutomaticallySince(facts.id, meeting.convenedAt),
      },
      await deps.reports.latestFormFor(facts.id),
    );
    await deps.reports.recordOnce({ ...report, jobKey: job.key });
    const overview = `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/#/terugkoppelingen/${facts.regionId}`;
    await queueForEach(deps, job, facts, reachable.role.contacts, {
      kind: 'report-back',
      subject: subjectFor(facts, 'terugkoppeling bestuurlijk escalatie overleg'),
      text: composeBody(deps.config, facts, [
        `Beste ${reachable.role.name},`,
        '',
        ...feedbackMailLines(report),
        '',
        `De partners aan tafel, de oplossing, de afspraken en het ontbrekend aanbod leest u in Doorzet onder Terugkoppelingen: ${overview}`,
      ]),
    });
    return complete();
  },
});
