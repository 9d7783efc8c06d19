import { caseInput } from '../case-context.js';

/** Only the case: which steps wait is the engine's knowledge, found by the process instance. */
export const releaseParkedInput = caseInput;
