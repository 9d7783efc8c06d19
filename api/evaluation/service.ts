import { FIGURE_DEFINITIONS } from '../../domain/figures.js';
import { KNELPUNT_LABELS, type Knelpunt } from '../../domain/knelpunten.js';
import type { AppContext } from '../../platform/context.js';
import { toCsv } from '../audit/service.js';
import { metrics, periodOf } from '../metrics/service.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';
import type { Evaluation } from './schemas.js';

const STATUS_WORDS: Record<string, string> = { open: 'nog open', solved: 'opgelost', decided: 'besluit genomen', referred: 'doorverwezen', closed: 'gesloten' };

/** One year of a region: the dashboard's figures over the year, the cases' status now, the learning agenda, the residents' answers. */
export async function evaluation(ctx: AppContext, region: string, year: number): Promise<Evaluation> {
  const settings = await getRegion(ctx, region);
  const query = { periode: 'alles' as const, van: `${year}-01-01`, tot: `${year}-12-31` };
  const { from, to } = periodOf(query).range;
  const window = { from: from!, to: to! };
  const [figures, statuses, meetings, learningOutcomes, feedback] = await Promise.all([
    metrics(ctx, region, query),
    repo.statuses(ctx.db, region, window),
    repo.learningMeetings(ctx.db, region, window),
    repo.learningOutcomes(ctx.db, region, window),
    repo.clientFeedback(ctx.db, region, window),
  ]);
  const ratings = feedback.map((f) => f.rating);
  return {
    region,
    regionName: settings.name,
    year,
    meldingen: figures.reported,
    statuses,
    tiers: figures.tiers,
    leadTimes: figures.leadTimes,
    decided: figures.decided,
    autoEscalations: figures.autoEscalations,
    knelpunten: figures.knelpunten,
    learning: { meetingName: settings.learningMeeting.name, meetings, outcomes: learningOutcomes },
    clientExperience: {
      count: feedback.length,
      averageRating: ratings.length === 0 ? null : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10,
      comments: feedback.flatMap((f) => (f.comment ? [{ answeredOn: f.answeredOn, rating: f.rating, comment: f.comment }] : [])),
    },
  };
}

/** The same report as rows, for a spreadsheet: one figure per row. */
export async function evaluationCsv(ctx: AppContext, region: string, year: number): Promise<string> {
  const e = await evaluation(ctx, region, year);
  const labels = FIGURE_DEFINITIONS.leadTimes as Record<string, { label: string } | undefined>;
  const rows: unknown[][] = [
    ['meldingen', 'aantal meldingen', e.meldingen, ''],
    ...e.statuses.map((s) => ['stand nu', STATUS_WORDS[s.status] ?? s.status, s.count, '']),
    ...e.tiers.flatMap((t) => [
      ['opgelost op trede', `trede ${t.tier}`, t.solvedHere, ''],
      ['besloten op trede', `trede ${t.tier}`, t.decidedHere, ''],
      ['hoogste trede bereikt', `trede ${t.tier}`, t.highestFor, ''],
      ['opgeschaald naar trede', `trede ${t.tier}`, t.escalatedInto, ''],
      ['tijd op trede, mediaan (uren)', `trede ${t.tier}`, t.timeSpent.n, t.timeSpent.medianHours ?? ''],
    ]),
    ...Object.entries(e.leadTimes).flatMap(([key, t]) => [
      ['doorlooptijd mediaan (uren)', labels[key]?.label ?? key, t.n, t.medianHours ?? ''],
      ['doorlooptijd p90 (uren)', labels[key]?.label ?? key, t.n, t.p90Hours ?? ''],
    ]),
    ['casussen met een besluit', '', e.decided, ''],
    ['automatische opschalingen', '', e.autoEscalations, ''],
    ...e.knelpunten.map((k) => ['knelpunt', KNELPUNT_LABELS[k.category as Knelpunt] ?? k.category, k.count, '']),
    ['leeroverleg', `${e.learning.meetingName}: aantal overleggen`, e.learning.meetings, ''],
    ...e.learning.outcomes.map((o) => ['leeragenda uitkomst', `${o.meetingDate} ${o.caseReference} (${o.ownerRole}${o.followUp ? `, opvolgen ${o.followUp}` : ''})`, '', o.measure]),
    ['cliëntervaring', 'aantal antwoorden', e.clientExperience.count, ''],
    ['cliëntervaring', 'gemiddeld cijfer (1-5)', '', e.clientExperience.averageRating ?? ''],
    ...e.clientExperience.comments.map((c) => ['cliëntervaring opmerking', `${c.answeredOn}, cijfer ${c.rating}`, '', c.comment]),
  ];
  return toCsv(['onderdeel', 'omschrijving', 'aantal', 'waarde'], rows);
}
