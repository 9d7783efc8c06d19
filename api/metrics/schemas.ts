import { z } from 'zod';
import { slug } from '../../domain/region.js';

export const regionParams = z.object({ region: slug });

/** The period the figures count over: cases reported in the last N days, everything, or `van`–`tot` (dates, inclusive). */
export const PERIODS = ['30', '90', '365', 'alles'] as const;
export const metricsQuery = z
  .object({
    periode: z.enum(PERIODS).default('alles'),
    van: z.iso.date().optional(),
    tot: z.iso.date().optional(),
  })
  .refine((q) => (q.van === undefined) === (q.tot === undefined), { message: 'van en tot horen samen: een periode heeft een begin en een eind', path: ['tot'] })
  .refine((q) => q.van === undefined || q.tot === undefined || q.van <= q.tot, { message: 'tot ligt voor van', path: ['tot'] });
export type MetricsQuery = z.infer<typeof metricsQuery>;
const leadTime = z.object({ medianHours: z.number().nullable(), p90Hours: z.number().nullable(), n: z.number() });
export type LeadTime = z.infer<typeof leadTime>;

/** What is computed over the period (docs/figures.md defines each one) and kept in region_figures. */
export const periodFigures = z.object({
  reported: z.number(),
  leadTimes: z.object({
    /** melding → opgepakt */
    pickup: leadTime,
    /** opgepakt → besluit: the waiting time of seed 001 §6.6 */
    waiting: leadTime,
    /** opgepakt → hulp ingezet */
    waitingHelp: leadTime,
    /** melding → afgerond */
    total: leadTime,
  }),
  leadTimesByMonth: z.array(z.object({ month: z.string(), pickupMedianHours: z.number().nullable(), waitingMedianHours: z.number().nullable() })),
  /** Per tier: time the cases spent there, escalations into it, where cases ended. */
  tiers: z.array(
    z.object({
      tier: z.number(),
      timeSpent: leadTime,
      escalatedInto: z.number(),
      automatic: z.number(),
      solvedHere: z.number(),
      decidedHere: z.number(),
      /** Cases whose highest tier this was. */
      highestFor: z.number(),
    }),
  ),
  decided: z.number(),
  autoEscalations: z.number(),
  knelpunten: z.array(z.object({ category: z.string(), count: z.number() })),
});
export type PeriodFigures = z.infer<typeof periodFigures>;

export const metrics = periodFigures.extend({
  /** When the period's figures were computed (at most FIGURES_MAX_AGE_S ago); open cases are counted now. */
  computedAt: z.string(),
  openPerTier: z.array(z.object({ tier: z.number(), count: z.number() })),
});
export type Metrics = z.infer<typeof metrics>;

export const elementStatistics = z.object({
  processDefinitionKey: z.string().nullable(),
  xml: z.string().nullable(),
  // incidents: instances stuck at the element on a failed external task or job (Operaton's statistics).
  elements: z.array(
    z.object({
      elementId: z.string(),
      active: z.number(),
      overdue: z.number(),
      incidents: z.number(),
      /** What failed there: the incidents' messages (the worker's error), most frequent first. */
      failures: z.array(z.object({ message: z.string(), count: z.number() })),
      /** The element is not in the newest model: cases still run on an older version that has it. */
      onlyInOlderVersions: z.boolean(),
      /** Its name in the model version it comes from. */
      name: z.string(),
    }),
  ),
  /** Cases per model version still running, newest first: the heat map sums them per element. */
  versions: z.array(z.object({ version: z.number(), active: z.number() })),
});

export const meetings = z.array(
  z.object({
    id: z.string(),
    caseId: z.string(),
    caseReference: z.string(),
    proposedStart: z.string(),
    durationMinutes: z.number(),
    location: z.string(),
    coordinatorOrganisation: z.string(),
    invited: z.array(z.string()),
    outcome: z.string().nullable(),
    responsibleParty: z.string().nullable(),
  }),
);
