import { z } from 'zod';
import { slug } from '../../domain/region.js';

export const regionParams = z.object({ region: slug });

/** The period the lead times, escalations and knelpunten count over: cases reported in the last N days. */
export const PERIODS = ['30', '90', '365', 'alles'] as const;
export const metricsQuery = z.object({ periode: z.enum(PERIODS).default('alles') });
export type MetricsQuery = z.infer<typeof metricsQuery>;
const leadTime = z.object({ medianHours: z.number().nullable(), p90Hours: z.number().nullable(), n: z.number() });
export const metrics = z.object({
  openPerTier: z.array(z.object({ tier: z.number(), count: z.number() })),
  leadTimes: z.object({ pickup: leadTime, decision: leadTime, helpStarted: leadTime }),
  leadTimesByMonth: z.array(z.object({ month: z.string(), pickupMedianHours: z.number().nullable(), decisionMedianHours: z.number().nullable() })),
  autoEscalations: z.number(),
  knelpunten: z.array(z.object({ category: z.string(), count: z.number() })),
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
