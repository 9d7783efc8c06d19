import { z } from 'zod';
import { caseInput } from '../case-context.js';

export const informPartiesInput = caseInput.extend({
  /** Set by the `besluit` or `overleg-uitkomst` form; otherwise the case row's responsible party is used. */
  responsibleParty: z.string().min(1).optional(),
});
export type InformPartiesInput = z.infer<typeof informPartiesInput>;
