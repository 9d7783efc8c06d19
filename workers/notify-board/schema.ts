import type { z } from 'zod';
import { caseInput } from '../case-context.js';

export const notifyBoardInput = caseInput;
export type NotifyBoardInput = z.infer<typeof notifyBoardInput>;
