import { z } from 'zod';
import { type RegionSettings, deadlineSpan, slug } from './region.js';

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
    /** The case's own municipality (an id of the region's `gemeenten`), where the region lists them (Twente). */
    gemeente: slug.optional(),
    /** `direct`: a professional with grave concern goes straight to the top (Almere). */
    entry: z.enum(['regulier', 'direct']),
    /** The region's deadlines as they were at the melding, read by the engine's bean `termijn` (docs/ladder-conventions.md §2). */
    /** False at the start: the model's contact sub-process reacts when a worker sets it (§3); JUEL needs it to exist. */
    contactOntbreekt: z.literal(false),
    termijnen: z.record(slug, z.object({ escalateAfter: deadlineSpan, remindAfter: deadlineSpan.optional() }).strict()),
  })
  .strict();
export type CaseStartVariables = z.infer<typeof caseStartVariables>;

export const urgentie = z.enum(['regulier', 'crisis']);
export type Urgentie = z.infer<typeof urgentie>;

/**
 * The spans a case runs on, fixed at the melding so a later change of the settings does not move
 * the deadlines of running cases. A crisis case takes the region's crisis span where one is set;
 * its reminder is then halfway, as a regular reminder could fall after the shorter deadline.
 */
export function caseTermijnen(settings: RegionSettings, level: Urgentie): CaseStartVariables['termijnen'] {
  return Object.fromEntries(
    Object.entries(settings.deadlines).map(([key, d]) => [
      key,
      level === 'crisis' && d.crisisEscalateAfter
        ? { escalateAfter: d.crisisEscalateAfter }
        : { escalateAfter: d.escalateAfter, ...(d.remindAfter ? { remindAfter: d.remindAfter } : {}) },
    ]),
  );
}

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
 * Timer expressions allowed in models: the bean `termijn` (`${termijn.verloopt(execution, 'key')}`
 * for the escalation, `${termijn.herinnering(execution, 'key')}` for the reminder, as timeDate),
 * or, in models not yet redrawn, a JUEL reference `${deadline_<key>}` / `${reminder_<key>}` to a
 * variable plan-deadline set. Either way naming a deadline key from the region's settings.
 */
export const TIMER_EXPRESSION = /^\$\{(deadline|reminder)_([a-z][a-z0-9_]*)\}$/;
export const TERMIJN_EXPRESSION = /^\$\{\s*termijn\.(verloopt|herinnering)\(\s*execution\s*,\s*'([a-z][a-z0-9-]*)'\s*\)\s*\}$/;

/** The deadline key and kind a timer or due-date expression names, in either form; undefined when it is neither. */
export function deadlineReference(expression: string): { kind: 'escalate' | 'remind'; key: string; form: 'termijn' | 'variable' } | undefined {
  const text = expression.trim();
  const bean = TERMIJN_EXPRESSION.exec(text);
  if (bean) return { kind: bean[1] === 'verloopt' ? 'escalate' : 'remind', key: bean[2]!, form: 'termijn' };
  const variable = TIMER_EXPRESSION.exec(text);
  if (variable) return { kind: variable[1] === 'deadline' ? 'escalate' : 'remind', key: variable[2]!, form: 'variable' };
  return undefined;
}

/** Process variable names that plan-deadline sets for a deadline key (dashes become underscores in JUEL identifiers). */
export function deadlineVariables(key: string): { escalate: string; remind: string; due: string } {
  const name = key.replaceAll('-', '_');
  return { escalate: `deadline_${name}`, remind: `reminder_${name}`, due: `due_${name}` };
}
