import { z } from 'zod';
import type { CaseStatus } from './case.js';
import { KNELPUNT_LABELS, type Knelpunt } from './knelpunten.js';
import type { FormName } from './task-forms.js';

/**
 * Twente's fixed-format feedback (seed 003, advies 2): after the bestuurlijk escalatie overleg
 * the responsible municipality reports to the regional portefeuillehouder Onbegrepen gedrag, so
 * the region sees which provision is missing. The same fields in the same order for every case,
 * so the reports of a year can be laid side by side.
 */

/** The form key of the task that holds the fixed format (`domain/task-forms.ts`). */
export const FEEDBACK_FORM = 'terugkoppeling' satisfies FormName;

export type Solution = 'gevonden' | 'niet-gevonden';

/** What the responsible municipality filled in; kept in `feedback_form`, never in the engine. A row of that table. */
export const feedbackFormRow = z.object({
  taskKey: z.string(),
  meetingHeldOn: z.string(),
  responsibleMunicipality: z.string(),
  partners: z.string(),
  solution: z.enum(['gevonden', 'niet-gevonden']),
  solutionDescription: z.string().nullable(),
  agreements: z.string(),
  missingProvision: z.string().nullable(),
  knelpunten: z.array(z.string()),
});
export type FeedbackForm = z.infer<typeof feedbackFormRow>;

/** The stored report (`report_back`): the form plus what Doorzet knows of the case at hand-back. */
export type FeedbackReport = {
  caseId: string;
  caseReference: string;
  tierReached: number;
  status: CaseStatus;
  meetingProposedStart: Date | null;
  meetingHeldOn: string | null;
  /** The overleg did not reach an outcome within its deadline: the case went up on its own. */
  deadlinePassed: boolean;
  responsibleMunicipality: string | null;
  partners: string | null;
  solution: Solution | null;
  solutionDescription: string | null;
  agreements: string | null;
  missingProvision: string | null;
  responsibleParty: string | null;
  knelpunten: string[];
  formTaskKey: string | null;
};

export type FeedbackFacts = {
  caseId: string;
  caseReference: string;
  tierReached: number;
  status: CaseStatus;
  responsibleParty: string | null;
  knelpunten: string[];
  meetingProposedStart: Date | null;
  deadlinePassed: boolean;
};

/** Joins the form (absent when trede 3 ran out of time before it was filled in) with the case's facts. */
export function buildFeedbackReport(facts: FeedbackFacts, form: FeedbackForm | undefined): FeedbackReport {
  return {
    caseId: facts.caseId,
    caseReference: facts.caseReference,
    tierReached: facts.tierReached,
    status: facts.status,
    meetingProposedStart: facts.meetingProposedStart,
    meetingHeldOn: form?.meetingHeldOn ?? null,
    deadlinePassed: facts.deadlinePassed,
    responsibleMunicipality: form?.responsibleMunicipality ?? null,
    partners: form?.partners ?? null,
    solution: form?.solution ?? null,
    solutionDescription: form?.solutionDescription ?? null,
    agreements: form?.agreements ?? null,
    missingProvision: form?.missingProvision ?? null,
    responsibleParty: facts.responsibleParty,
    knelpunten: [...new Set([...facts.knelpunten, ...(form?.knelpunten ?? [])])].sort(),
    formTaskKey: form?.taskKey ?? null,
  };
}

export const STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'lopend',
  solved: 'opgelost',
  decided: 'besloten',
  referred: 'doorverwezen',
  closed: 'afgesloten',
};

const SOLUTION_WORDS: Record<Solution, string> = { gevonden: 'gevonden', 'niet-gevonden': 'niet gevonden' };

const NOT_FILLED_IN = 'onbekend: de terugkoppeling is niet ingevuld';

export const longDate = (date: Date) => new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(date);

/** `2026-03-02` as "2 maart 2026", read as a calendar day (no time zone shift). */
export const dayWords = (isoDay: string) => longDate(new Date(`${isoDay}T12:00:00Z`));

export const knelpuntWords = (list: string[]) => (list.length > 0 ? list.map((k) => KNELPUNT_LABELS[k as Knelpunt] ?? k).join(', ') : 'geen benoemd');

export function meetingWords(report: Pick<FeedbackReport, 'meetingHeldOn' | 'meetingProposedStart'>): string {
  if (report.meetingHeldOn) return dayWords(report.meetingHeldOn);
  return report.meetingProposedStart ? `niet vastgelegd (gepland op ${longDate(report.meetingProposedStart)})` : 'geen overleg vastgelegd';
}

export function deadlineWords(report: Pick<FeedbackReport, 'deadlinePassed'>): string {
  return report.deadlinePassed
    ? 'verstreken: het overleg kwam niet binnen de termijn tot een uitkomst, de casus is automatisch opgeschaald'
    : 'binnen de termijn';
}

export const solutionWords = (report: Pick<FeedbackReport, 'solution'>) => (report.solution ? SOLUTION_WORDS[report.solution] : NOT_FILLED_IN);

/**
 * The fixed format as it goes out by e-mail. Mail leaves the protected system (workers/mail.ts),
 * so it carries the process facts only; the free text (partners, solution, agreements, the
 * missing provision itself) is read in Doorzet, under Terugkoppelingen.
 */
export function feedbackMailLines(report: FeedbackReport): string[] {
  const missing = report.formTaskKey === null ? NOT_FILLED_IN : report.missingProvision ? 'benoemd (zie Doorzet)' : 'geen benoemd';
  return [
    'TERUGKOPPELING BESTUURLIJK ESCALATIE OVERLEG (vast format)',
    `1. Casusnummer: ${report.caseReference}`,
    `2. Hoogste trede: ${report.tierReached}`,
    `3. Stand van de casus: ${STATUS_WORDS[report.status]}`,
    `4. Datum bestuurlijk escalatie overleg: ${meetingWords(report)}`,
    `5. Termijn van het overleg: ${deadlineWords(report)}`,
    `6. Verantwoordelijke gemeente: ${report.responsibleMunicipality ?? NOT_FILLED_IN}`,
    `7. Oplossing: ${solutionWords(report)}`,
    `8. Verantwoordelijke partij: ${report.responsibleParty ?? 'nog niet vastgesteld'}`,
    `9. Ontbrekend aanbod: ${missing}`,
    `10. Knelpunten in het aanbod: ${knelpuntWords(report.knelpunten)}`,
  ];
}
