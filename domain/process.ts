import { z } from 'zod';
import { slug } from './region.js';

/**
 * The contract between Doorzet and every region model. Process variables carry
 * identifiers and process facts only, never a resident's personal data.
 */

/** Variables a case starts with (set by the API when a melding is made). */
export const caseStartVariables = z
  .object({
    caseId: z.string().uuid(),
    caseReference: z.string().regex(/^DZ-\d{4}-\d{6}$/),
    region: slug,
    /** Openbare orde en veiligheid at stake: Wijchen's safety route, the burgemeester informed. */
    safety: z.boolean(),
    /** `direct`: a professional with grave concern goes straight to the top (Almere). */
    entry: z.enum(['regulier', 'direct']),
  })
  .strict();
export type CaseStartVariables = z.infer<typeof caseStartVariables>;

/** Message that ends the escalation from any tier and hands casusregie back; correlated by case id. */
export const CASE_SOLVED_MESSAGE = 'casus-opgelost';

/** BPMN error codes workers throw and models catch. */
export const ERROR_CODES = {
  /** No contact configured for the role the job must reach: policy staff complete the settings. */
  noContact: 'GEEN_CONTACT',
} as const;

/** What a person decides in a `beoordelen` task; gateways route on `outcome`. */
export const tierOutcome = z.enum(['opgelost', 'opschalen', 'afschalen']);

/**
 * Timer expressions allowed in models: a JUEL reference `${deadline_<key>}` or `${reminder_<key>}`
 * to a variable plan-deadline set (an ISO-8601 duration), naming a deadline key from the region's settings.
 */
export const TIMER_EXPRESSION = /^\$\{(deadline|reminder)_([a-z][a-z0-9_]*)\}$/;

/** Process variable names that plan-deadline sets for a deadline key (dashes become underscores in JUEL identifiers). */
export function deadlineVariables(key: string): { escalate: string; remind: string; due: string } {
  const name = key.replaceAll('-', '_');
  return { escalate: `deadline_${name}`, remind: `reminder_${name}`, due: `due_${name}` };
}
