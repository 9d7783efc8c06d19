import type { z } from 'zod';
import type { Outcome } from './outcome.js';
import type { WorkerDeps } from './deps.js';

/** The facts of a job a handler may use; the job key makes every side effect idempotent. */
export type JobInfo = {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  headers: Record<string, string>;
};

export type JobDefinition<Input extends z.ZodType = z.ZodType> = {
  /** Dutch label, used as element-template name in the modeler. */
  label: string;
  /** Dutch one-line description for the element template. */
  description: string;
  input: Input;
  handle(input: z.infer<Input>, job: JobInfo, deps: WorkerDeps): Promise<Outcome>;
};

/** Keeps the input type of each registry entry while the registry itself stays a plain record. */
export function defineJob<Input extends z.ZodType>(definition: JobDefinition<Input>): JobDefinition<Input> {
  return definition;
}
