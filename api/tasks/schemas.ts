import { z } from 'zod';

// Operaton's task ids: UUIDs by default, or the engine's numeric ids with another id generator.
export const taskKeyParams = z.object({ key: z.string().regex(/^[0-9a-f-]{1,64}$/i, 'taaksleutel: een taak-id van de procesengine') });

export const task = z.object({
  key: z.string(),
  caseId: z.string(),
  caseReference: z.string(),
  region: z.string(),
  name: z.string(),
  elementId: z.string(),
  form: z.string().nullable(),
  candidateGroups: z.array(z.string()),
  /** The candidate groups' roles by their names in the region ("Coördinator IDT (casusmanager)"). */
  roleNames: z.array(z.string()),
  assignee: z.string().nullable(),
  /** Whether the assignee is the signed-in user. */
  mine: z.boolean(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  state: z.enum(['CREATED', 'COMPLETED', 'CANCELED']),
  /** The signed-in user's own follow-up date for this task (yyyy-mm-dd), if set. */
  followUp: z.string().nullable(),
});
export type Task = z.infer<typeof task>;
export const taskList = z.array(task);

/**
 * One page of the user's open tasks, nearest deadline first. A page, not the whole list: with
 * thousands of open tasks in a region the page answers in the same time as with ten.
 */
export const taskListQuery = z.object({
  /** Only the tasks of this case (the case page, a test looking for its own task). */
  caseId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;
export const taskCount = z.object({ total: z.number().int() });

/** Form fields are checked against the form's own schema (domain/task-forms.ts) in the service. */
export const completeBody = z.record(z.string(), z.unknown());
export const completed = z.object({ key: z.string(), form: z.string().nullable(), status: z.literal('completed') });

/** null clears the follow-up date. */
export const followUpBody = z.object({ datum: z.iso.date().nullable() }).strict();
export const followUpSet = z.object({ key: z.string(), followUp: z.string().nullable() });
