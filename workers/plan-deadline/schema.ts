import { z } from 'zod';
import { slug } from '../../domain/region.js';
import { caseInput } from '../case-context.js';

export const planDeadlineInput = caseInput.extend({
  /** A key of the region's `deadlines`. */
  deadline: slug,
});
export type PlanDeadlineInput = z.infer<typeof planDeadlineInput>;
