import { z } from 'zod';
import { caseInput } from '../case-context.js';

export const recordTierChangeInput = caseInput.extend({
  /** The tier the case is now at. */
  tier: z.number().int().min(0),
  direction: z.enum(['op', 'af']),
  /** True on timer paths: the deadline passed and the engine escalated on its own. */
  automatic: z.boolean(),
});
export type RecordTierChangeInput = z.infer<typeof recordTierChangeInput>;
