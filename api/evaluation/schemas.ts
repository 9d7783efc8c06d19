import { z } from 'zod';
import { caseStatus } from '../../domain/case.js';
import { slug } from '../../domain/region.js';
import { periodFigures } from '../metrics/schemas.js';

export const regionParams = z.object({ region: slug });
export const evaluationQuery = z.object({ jaar: z.coerce.number().int().min(2000).max(2100) });
export type EvaluationQuery = z.infer<typeof evaluationQuery>;

/**
 * The yearly evaluation of a region's doorzettingsmacht (seed 001 §7.3: only some 40 % of the
 * municipalities evaluate it, and 40 % of those include client experiences). The figures are the
 * dashboard's own over the year (api/metrics, docs/figures.md), taken as they are; this report adds
 * where the year's cases stand now, the learning agenda and the residents' answers.
 */
export const evaluation = z.object({
  region: z.string(),
  regionName: z.string(),
  year: z.number(),
  /** Meldingen in the year (the metrics' `reported`). */
  meldingen: z.number(),
  /** The year's cases by their status now: open, solved, decided, referred, closed. */
  statuses: z.array(z.object({ status: caseStatus, count: z.number() })),
  tiers: periodFigures.shape.tiers,
  leadTimes: periodFigures.shape.leadTimes,
  decided: z.number(),
  autoEscalations: z.number(),
  knelpunten: periodFigures.shape.knelpunten,
  learning: z.object({
    meetingName: z.string(),
    meetings: z.number(),
    /** What the learning meetings of the year agreed, per case reference. */
    outcomes: z.array(z.object({ meetingDate: z.string(), caseReference: z.string(), measure: z.string(), ownerRole: z.string(), followUp: z.string().nullable() })),
  }),
  clientExperience: z.object({
    count: z.number(),
    averageRating: z.number().nullable(),
    comments: z.array(z.object({ answeredOn: z.string(), rating: z.number(), comment: z.string() })),
  }),
});
export type Evaluation = z.infer<typeof evaluation>;
