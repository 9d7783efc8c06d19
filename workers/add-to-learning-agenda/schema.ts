import type { z } from 'zod';
import { caseInput } from '../case-context.js';

export const addToLearningAgendaInput = caseInput;
export type AddToLearningAgendaInput = z.infer<typeof addToLearningAgendaInput>;
