import { z } from 'zod';
import { type Queryable, many, maybeOne } from '../db/pool.js';

/**
 * Searches over the engine's secondary storage (tables written by the exporter in
 * exporter/). Like the engine's own search API this is eventually consistent:
 * the exporter flushes every 100 ms.
 */

const commaList = z.string().transform((value) => (value === '' ? [] : value.split(',')));

export const engineUserTask = z.object({
  key: z.string(),
  processInstanceKey: z.string(),
  processDefinitionKey: z.string(),
  bpmnProcessId: z.string(),
  elementId: z.string(),
  state: z.enum(['CREATED', 'COMPLETED', 'CANCELED']),
  assignee: z.string().nullable(),
  candidateGroups: commaList,
  dueDate: z.string().nullable(),
  formReference: z.string().nullable(),
  creationDate: z.date(),
  completionDate: z.date().nullable(),
});
export type EngineUserTask = z.infer<typeof engineUserTask>;

const USER_TASK_SELECT = `SELECT key, process_instance_key AS "processInstanceKey", process_definition_key AS "processDefinitionKey",
         bpmn_process_id AS "bpmnProcessId", element_id AS "elementId", state, assignee,
         candidate_groups AS "candidateGroups", due_date AS "dueDate", form_reference AS "formReference",
         creation_date AS "creationDate", completion_date AS "completionDate"
    FROM user_task`;

export type UserTaskFilter = {
  state?: EngineUserTask['state'];
  candidateGroups?: string[];
  processInstanceKeys?: string[];
  bpmnProcessId?: string;
  assignee?: string;
  /** `due`: most urgent first (no due date last), so a limit keeps the tasks that matter now. */
  order?: 'created' | 'due';
  limit?: number;
};

export async function searchUserTasks(db: Queryable, filter: UserTaskFilter = {}): Promise<EngineUserTask[]> {
  return many(
    db,
    engineUserTask,
    `${USER_TASK_SELECT}
      WHERE ($1::text IS NULL OR state = $1)
        AND ($2::text[] IS NULL OR string_to_array(candidate_groups, ',') && $2::text[])
        AND ($3::bigint[] IS NULL OR process_instance_key = ANY($3::bigint[]))
        AND ($4::text IS NULL OR bpmn_process_id = $4)
        AND ($5::text IS NULL OR assignee = $5)
      ORDER BY CASE WHEN $7 = 'due' THEN due_date::timestamptz END NULLS LAST, creation_date, key
      LIMIT $6`,
    [
      filter.state ?? null,
      filter.candidateGroups ?? null,
      filter.processInstanceKeys ?? null,
      filter.bpmnProcessId ?? null,
      filter.assignee ?? null,
      filter.limit ?? 1000,
      filter.order ?? 'created',
    ],
  );
}

export const engineProcessInstance = z.object({
  key: z.string(),
  bpmnProcessId: z.string(),
  version: z.number(),
  state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']),
  startDate: z.date(),
  endDate: z.date().nullable(),
});
export type EngineProcessInstance = z.infer<typeof engineProcessInstance>;

export function getProcessInstance(db: Queryable, key: string): Promise<EngineProcessInstance | undefined> {
  return maybeOne(
    db,
    engineProcessInstance,
    `SELECT key, bpmn_process_id AS "bpmnProcessId", version, state, start_date AS "startDate", end_date AS "endDate"
       FROM process_instance WHERE key = $1`,
    [key],
  );
}

export const engineElementInstance = z.object({
  key: z.string(),
  elementId: z.string(),
  elementType: z.string(),
  state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']),
  startDate: z.date(),
  endDate: z.date().nullable(),
});
export type EngineElementInstance = z.infer<typeof engineElementInstance>;

/** The path an instance took, in order: what tests and the case timeline assert on. */
export async function elementInstances(db: Queryable, processInstanceKey: string): Promise<EngineElementInstance[]> {
  return many(
    db,
    engineElementInstance,
    `SELECT key, element_id AS "elementId", element_type AS "elementType", state, start_date AS "startDate", end_date AS "endDate"
       FROM element_instance WHERE process_instance_key = $1 ORDER BY key`,
    [processInstanceKey],
  );
}

export const engineVariable = z.object({ name: z.string(), value: z.string(), processInstanceKey: z.string() });

export async function variablesOf(db: Queryable, processInstanceKeys?: string[]): Promise<z.infer<typeof engineVariable>[]> {
  return many(
    db,
    engineVariable,
    `SELECT name, value, process_instance_key AS "processInstanceKey" FROM variable
      WHERE ($1::bigint[] IS NULL OR process_instance_key = ANY($1::bigint[])) ORDER BY key`,
    [processInstanceKeys ?? null],
  );
}

export function getUserTask(db: Queryable, key: string): Promise<EngineUserTask | undefined> {
  return maybeOne(db, engineUserTask, `${USER_TASK_SELECT} WHERE key = $1`, [key]);
}
