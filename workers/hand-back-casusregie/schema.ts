import { z } from 'zod';
import { slug } from '../../domain/region.js';
import { caseInput } from '../case-context.js';

export const handBackCasusregieInput = caseInput.extend({
  /** Who gets casusregie back, e.g. `consulent` or `casusregisseur`. */
  role: slug,
});
export type HandBackCasusregieInput = z.infer<typeof handBackCasusregieInput>;
