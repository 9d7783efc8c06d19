import type { ReportBack } from '../deps.js';
import { loadCaseWithRole } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { reportBackInput } from './schema.js';

/** Twente: the regional portefeuillehouder Onbegrepen gedrag receives the report back after trede 3. */
export const REPORT_ROLE = 'portefeuillehouder-onbegrepen-gedrag';

const STATUS_WORDS: Record<string, string> = {
  open: 'lopend',
  solved: 'opgelost',
  decided: 'besloten',
  referred: 'doorverwezen',
  closed: 'afgesloten',
};

/** The fixed format, the same fields in the same order for every case, so the region can compare them. */
export function reportLines(report: ReportBack): string[] {
  const date = report.meetingDate
    ? new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(report.meetingDate)
    : 'geen overleg vastgelegd';
  return [
    'TERUGKOPPELING BESTUURLIJK ESCALATIE OVERLEG (vast format)',
    `1. Casusnummer: ${report.caseReference}`,
    `2. Hoogste trede: ${report.tierReached}`,
    `3. Datum bestuurlijk escalatie overleg: ${date}`,
    `4. Verantwoordelijke partij: ${report.responsibleParty ?? 'nog niet vastgesteld'}`,
    `5. Stand van de casus: ${STATUS_WORDS[report.status] ?? report.status}`,
    `6. Knelpunten in het aanbod: ${report.knelpunten.length > 0 ? report.knelpunten.join(', ') : 'geen benoemd'}`,
  ];
}

export const reportBack = defineJob({
  label: 'Terugkoppeling volgens vast format',
  description: 'Legt de terugkoppeling na het bestuurlijk escalatie overleg vast en mailt die aan de portefeuillehouder Onbegrepen gedrag.',
  input: reportBackInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCaseWithRole(input, REPORT_ROLE, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { facts, role } = loaded;
    const meeting = await deps.meetings.latestFor(facts.id);
    const report: ReportBack = {
      caseId: facts.id,
      caseReference: facts.reference,
      tierReached: facts.currentTier,
      meetingDate: meeting?.proposedStart ?? null,
      responsibleParty: facts.responsibleParty,
      status: facts.status,
      knelpunten: facts.knelpunten,
      jobKey: job.key,
    };
    await deps.reports.recordOnce(report);
    await queueForEach(deps, job, facts, role.contacts, {
      kind: 'report-back',
      subject: subjectFor(facts, 'terugkoppeling bestuurlijk escalatie overleg'),
      text: composeBody(deps.config, facts, [`Beste ${role.name},`, '', ...reportLines(report)]),
    });
    return complete();
  },
});
