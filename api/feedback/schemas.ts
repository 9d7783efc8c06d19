import { z } from 'zod';
import { caseStatus } from '../../domain/case.js';
import { slug } from '../../domain/region.js';

export const regionParams = z.object({ region: slug });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-DD');

/** The period is on the day the report was made, both days included; either end may stay open. */
export const feedbackQuery = z
  .object({ van: isoDay.optional(), tot: isoDay.optional() })
  .refine((q) => !q.van || !q.tot || q.van <= q.tot, { message: 'De begindatum ligt na de einddatum', path: ['tot'] });
export type FeedbackQuery = z.infer<typeof feedbackQuery>;

export const feedbackReport = z.object({
  id: z.string(),
  caseId: z.string(),
  caseReference: z.string(),
  reportedAt: z.string(),
  tierReached: z.number(),
  status: caseStatus,
  meetingProposedStart: z.string().nullable(),
  meetingHeldOn: z.string().nullable(),
  deadlinePassed: z.boolean(),
  responsibleMunicipality: z.string().nullable(),
  partners: z.string().nullable(),
  solution: z.enum(['gevonden', 'niet-gevonden']).nullable(),
  solutionDescription: z.string().nullable(),
  agreements: z.string().nullable(),
  missingProvision: z.string().nullable(),
  responsibleParty: z.string().nullable(),
  knelpunten: z.array(z.string()),
});
export type FeedbackReportRow = z.infer<typeof feedbackReport>;
export const feedbackReports = z.array(feedbackReport);
