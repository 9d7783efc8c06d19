import { STATUS_WORDS, knelpuntWords, solutionWords } from '../../domain/feedback.js';
import type { AppContext } from '../../platform/context.js';
import { toCsv } from '../audit/service.js';
import { findFeedbackReports } from './repository.js';
import type { FeedbackQuery, FeedbackReportRow } from './schemas.js';

export const feedbackReports = (ctx: AppContext, region: string, period: FeedbackQuery) => findFeedbackReports(ctx.db, region, period);

const day = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

/** The table of the Terugkoppelingen page as a file, in the fixed format's order, for the region's own overview. */
export async function feedbackCsv(ctx: AppContext, region: string, period: FeedbackQuery): Promise<string> {
  const rows = await feedbackReports(ctx, region, period);
  return toCsv(
    [
      'datum terugkoppeling',
      'casus',
      'hoogste trede',
      'stand',
      'datum overleg',
      'termijn overleg',
      'verantwoordelijke gemeente',
      'partners aan tafel',
      'oplossing',
      'omschrijving oplossing',
      'afspraken',
      'verantwoordelijke partij',
      'ontbrekend aanbod',
      'knelpunten',
    ],
    rows.map((r: FeedbackReportRow) => [
      day(r.reportedAt),
      r.caseReference,
      r.tierReached,
      STATUS_WORDS[r.status],
      r.meetingHeldOn ?? '',
      r.deadlinePassed ? 'verstreken' : 'binnen de termijn',
      r.responsibleMunicipality ?? '',
      r.partners ?? '',
      r.solution ? solutionWords(r) : '',
      r.solutionDescription ?? '',
      r.agreements ?? '',
      r.responsibleParty ?? '',
      r.missingProvision ?? '',
      r.knelpunten.length > 0 ? knelpuntWords(r.knelpunten) : '',
    ]),
  );
}
