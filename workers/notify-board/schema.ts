import { z } from 'zod';
import { slug } from '../../domain/region.js';
import { caseInput } from '../case-context.js';

export const notifyBoardInput = caseInput.extend({
  /** A role the model has informed with the board in every case (Wijchen: the burgemeester, seed 000 stap 4). */
  role: slug.optional(),
});
export type NotifyBoardInput = z.infer<typeof notifyBoardInput>;
