/**
 * What a handler decides; the adapter turns it into the engine call. Handlers never
 * touch the SDK, so every path is visible in the handler's return type.
 * - complete: done, with output variables.
 * - bpmnError: a business problem the model handles (a boundary error event).
 * - retry: a transient fault; the engine redelivers after the back-off.
 * - incident: a permanent technical fault; retries 0 raises an incident for a person.
 * - park: nobody to reach yet; the task waits, without an incident, until policy staff have
 *   completed the settings and `release-parked` hands it back (docs/ladder-conventions.md §3).
 *   The variables (contactOntbreekt, ontbrekendeRol) start the model's contact sub-process.
 */
export type Outcome =
  | { kind: 'complete'; variables: Record<string, unknown> }
  | { kind: 'bpmnError'; code: string; message: string; variables: Record<string, unknown> }
  | { kind: 'retry'; message: string; backoffMs: number }
  | { kind: 'incident'; message: string }
  | { kind: 'park'; message: string; variables: Record<string, unknown> };

export const complete = (variables: Record<string, unknown> = {}): Outcome => ({ kind: 'complete', variables });
export const bpmnError = (code: string, message: string, variables: Record<string, unknown> = {}): Outcome => ({
  kind: 'bpmnError',
  code,
  message,
  variables,
});
export const retry = (message: string, backoffMs = 5_000): Outcome => ({ kind: 'retry', message, backoffMs });
export const incident = (message: string): Outcome => ({ kind: 'incident', message });
