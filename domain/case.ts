import { z } from 'zod';

/**
 * Where a case stands: open while it escalates; solved, decided (a responsible party was
 * designated) or referred (another route took it over) once the escalation ended; closed.
 * The same values as the CHECK on "case".status (migration 002).
 */
export const caseStatus = z.enum(['open', 'solved', 'decided', 'referred', 'closed']);
export type CaseStatus = z.infer<typeof caseStatus>;
