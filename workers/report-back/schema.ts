import type { z } from 'zod';
import { caseInput } from '../case-context.js';

export const reportBackInput = caseInput;
export type ReportBackInput = z.infer<typeof reportBackInput>;
