import type { z } from 'zod';
import { caseInput } from '../case-context.js';

export const conveneEscalationMeetingInput = caseInput;
export type ConveneEscalationMeetingInput = z.infer<typeof conveneEscalationMeetingInput>;
