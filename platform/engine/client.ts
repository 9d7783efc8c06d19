import { z } from 'zod';
import { type Milestone, milestonesOf } from '../../domain/milestones.js';
import type { Config } from '../config.js';
import { type Pool, createPool, many, maybeOne } from '../db/pool.js';
import { basicAuth, enginePassword } from './engine.js';

/**
 * The one interface through which Doorzet talks to the engine (Operaton). Commands go to
 * its REST API, spread over every node with fail-over; reads that the REST API answers
 * one round trip per row (a task's candidate groups, a definition's form keys) are SQL on
 * the engine's own tables, which Operaton writes synchronously in the command's
 * transaction. Nothing outside platform/engine/ calls the engine or reads those tables.
 *
 * Ids are Operaton's ids (strings). "key" names are kept where the rest of Doorzet stores
 * them (`process_instance_key`, `task_key`).
 */

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export const engineUserTask = z.object({
  key: z.string(),
  processInstanceKey: z.string(),
  processDefinitionKey: z.string(),
  bpmnProcessId: z.string(),
  elementId: z.string(),
  name: z.string().nullable(),
  state: z.enum(['CREATED', 'COMPLETED', 'CANCELED']),
  assignee: z.string().nullable(),
  candidateGroups: z.array(z.string()),
  dueDate: z
    .date()
    .nullable()
    .transform((d) => d?.toISOString() ?? null),
  creationDate: z.date(),
  completionDate: z.date().nullable(),
});
export type EngineUserTask = z.infer<typeof engineUserTask> & { formReference: string | null };

export type UserTaskFilter = {
  state?: UserTaskState;
  candidateGroups?: string[];
  processInstanceKeys?: string[];
  bpmnProcessId?: string;
  assignee?: string;
  /** `due`: most urgent first (no due date last), so a limit keeps the tasks that matter now. */
  order?: 'created' | 'due';
  limit?: number;
  /** Rows skipped before `limit` (paging through a long list in the same order). */
  offset?: number;
};

export const engineProcessInstance = z.object({
  key: z.string(),
  bpmnProcessId: z.string(),
  processDefinitionKey: z.string(),
  version: z.number(),
  businessKey: z.string().nullable(),
  state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']),
  startDate: z.date(),
  endDate: z.date().nullable(),
});
export type EngineProcessInstance = z.infer<typeof engineProcessInstance>;

export const engineElementInstance = z.object({
  key: z.string(),
  elementId: z.string(),
  elementType: z.string(),
  state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']),
  startDate: z.date(),
  endDate: z.date().nullable(),
});
export type EngineElementInstance = z.infer<typeof engineElementInstance>;

export type EngineVariable = { processInstanceKey: string; name: string; value: unknown };

export type DeployedProcess = { processDefinitionKey: string; bpmnProcessId: string; version: number };
export type ProcessDefinition = DeployedProcess & { xml: string };

export type ElementStatistics = { elementId: string; active: number; overdue: number; incidents: number };
export type Incident = {
  id: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  elementId: string;
  type: string;
  message: string | null;
  created: string;
  /** For a failed external task: its id, the one to retry. */
  externalTaskId: string | null;
};

export type ExternalTaskQueue = { topic: string; waiting: number; locked: number; failed: number; oldestWaitingSince: string | null };

/** An external task as fetchAndLock hands it to a worker. */
export type ExternalTask = {
  id: string;
  topicName: string;
  workerId: string;
  processInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  activityId: string;
  businessKey: string | null;
  retries: number | null;
  variables: Record<string, unknown>;
  extensionProperties: Record<string, string>;
};

/**
 * What the workers read from a deployed model's lanes and events (docs/ladder-conventions.md):
 * the tier of every step in a lane with a `trede` property, the interrupting boundary timers
 * with the step they end, and whether the model parks a step whose role has no contact (a
 * conditional event sub-process on `contactOntbreekt`) instead of catching GEEN_CONTACT; and, for the
 * API, the `mijlpaal` of each user task that has one (domain/milestones.ts) and the names the model's
 * `${...}` expressions read (which form values the engine gets, which melding choices it acts on).
 */
export type Ladder = {
  tierOf: Map<string, number>;
  interruptingTimers: Map<string, string>;
  parksMissingContact: boolean;
  milestones: Map<string, Milestone>;
  reads: Set<string>;
};

/** A user task that started, as the tier tracker reads it from the activity history. */
export type UserTaskStart = { activityInstanceId: string; processInstanceKey: string; processDefinitionKey: string; businessKey: string | null; startDate: Date };

export type FetchRequest = {
  workerId: string;
  topics: string[];
  maxTasks: number;
  lockDurationMs: number;
  asyncResponseTimeoutMs: number;
  signal?: AbortSignal;
};

/** A refusal by the engine, with its HTTP status and Operaton's exception type. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(`engine ${status} ${type}: ${message}`);
  }
  /** Another transaction changed the same instance first; this one was rolled back and may be sent again. */
  get isOptimisticLockingFailure(): boolean {
    return /OptimisticLocking/.test(this.type) || /ENGINE-03005|updated by another transaction concurrently/.test(this.message);
  }

  /** The target is gone or in another state: completed, claimed by someone else, no longer waiting. */
  get isConflict(): boolean {
    return (
      this.status === 404 ||
      /TaskAlreadyClaimed|NotFound|NullValue|MismatchingMessageCorrelation|BadUserRequest/.test(this.type) ||
      /not found|cannot find|already claimed|no .*subscription|is locked by/i.test(this.message)
    );
  }
}

/** No node answered at all (connection refused, timed out). */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

export interface Engine {
  readonly nodes: readonly string[];
  /** True when at least one node answers. */
  ready(): Promise<boolean>;

  deploy(name: string, resources: Array<{ name: string; content: Buffer | string }>): Promise<DeployedProcess[]>;
  newestDefinition(bpmnProcessId: string): Promise<ProcessDefinition | undefined>;
  definition(processDefinitionKey: string): Promise<ProcessDefinition | undefined>;

  /** Starts the newest version; the business key is the case id (messages correlate on it). */
  startInstance(bpmnProcessId: string, businessKey: string, variables: Record<string, unknown>): Promise<{ processInstanceKey: string } & DeployedProcess>;
  /** `false` when no instance of that business key waits for the message (Operaton does not buffer them). */
  correlateMessage(messageName: string, businessKey: string, variables?: Record<string, unknown>): Promise<boolean>;
  getProcessInstance(processInstanceKey: string): Promise<EngineProcessInstance | undefined>;
  /** The path an instance took, in order (start events, tasks, gateways, end events). */
  elementInstances(processInstanceKey: string): Promise<EngineElementInstance[]>;
  /** The elements where the instance waits now (tasks, catch events). */
  activeElements(processInstanceKey: string): Promise<string[]>;
  /** Process-level variables only (not the local inputs of a task). */
  variablesOf(processInstanceKeys: string[]): Promise<EngineVariable[]>;

  searchUserTasks(filter?: UserTaskFilter): Promise<EngineUserTask[]>;
  /** How many open tasks the candidate groups have (the count beside "Mijn taken"). */
  countOpenUserTasks(candidateGroups: string[]): Promise<number>;
  getUserTask(key: string): Promise<EngineUserTask | undefined>;
  claimUserTask(key: string, userId: string): Promise<void>;
  unclaimUserTask(key: string): Promise<void>;
  completeUserTask(key: string, variables?: Record<string, unknown>): Promise<void>;

  elementStatistics(processDefinitionKey: string): Promise<ElementStatistics[]>;
  incidents(filter: { processDefinitionKey?: string; processInstanceKey?: string; bpmnProcessId?: string }): Promise<Incident[]>;
  /** Gives a failed external task new retries, which resolves its incident; a worker fetches it again. */
  retryExternalTask(id: string, retries: number): Promise<void>;
  /** External tasks of a process (all versions) per topic: waiting for a worker, locked by one, failed (no retries left). */
  externalTaskQueues(bpmnProcessId: string): Promise<ExternalTaskQueue[]>;
  /** The deployed versions of a process that still have running instances, with how many, newest first. */
  runningVersions(bpmnProcessId: string): Promise<Array<{ processDefinitionKey: string; version: number; instances: number }>>;

  fetchAndLock(node: string, request: FetchRequest): Promise<ExternalTask[]>;
  completeExternalTask(id: string, workerId: string, variables: Record<string, unknown>): Promise<void>;
  externalTaskBpmnError(id: string, workerId: string, errorCode: string, errorMessage: string, variables: Record<string, unknown>): Promise<void>;
  externalTaskFailure(id: string, workerId: string, failure: { message: string; retries: number; retryTimeoutMs: number }): Promise<void>;
  /** Sets process variables from outside a task, which (unlike a task's own outcome) lets conditional events react. */
  setVariables(processInstanceKey: string, variables: Record<string, unknown>): Promise<void>;
  /**
   * Hands the parked external tasks of an instance back to the workers at once: those locked far
   * longer than any worker holds a lock (a park, see workers/adapter.ts), not those being worked on.
   * Returns how many.
   */
  releaseParked(processInstanceKey: string, longerThanMs: number): Promise<number>;
  /** Lanes, tiers, timers and milestones of a deployed definition; parsed once per definition. */
  ladder(processDefinitionKey: string): Promise<Ladder>;
  /** User tasks started at or after `since`, oldest first, with their case (business key). */
  userTaskStartsSince(since: Date, limit: number): Promise<UserTaskStart[]>;
  extendLock(id: string, workerId: string, newDurationMs: number): Promise<void>;
  unlockExternalTask(id: string): Promise<void>;

  /**
   * Retention and erasure: ends the instances that still run (no listeners, no I/O mappings) and
   * removes everything the engine keeps of them: history (activities, tasks, identity links,
   * variables, details, incidents, job and external-task logs) and the user operation log,
   * which names each instance and which the engine's REST API cannot delete directly. Resolves
   * once none of it remains; instances the engine no longer knows are not an error.
   */
  purgeInstances(processInstanceKeys: string[], options?: { timeoutMs?: number }): Promise<void>;
  close(): Promise<void>;
}

type TypedValue = { value: unknown; type: string };

/**
 * Operaton's REST API wants typed values. Only primitives go in as themselves: without the
 * Spin plugin the engine has no JSON type, so arrays and objects travel as JSON text (the
 * models route on primitives only).
 */
export function toTypedVariables(variables: Record<string, unknown>): Record<string, TypedValue> {
  const typed: Record<string, TypedValue> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) continue;
    if (value === null) typed[name] = { value: null, type: 'Null' };
    else if (typeof value === 'boolean') typed[name] = { value, type: 'Boolean' };
    else if (typeof value === 'number') typed[name] = { value, type: Number.isSafeInteger(value) ? 'Long' : 'Double' };
    else if (typeof value === 'string') typed[name] = { value, type: 'String' };
    else typed[name] = { value: JSON.stringify(value), type: 'String' };
  }
  return typed;
}

export function fromTypedVariables(variables: Record<string, TypedValue> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables ?? {}).map(([name, v]) => [name, v.value]));
}

const FORM_KEY = /<(?:bpmn:)?userTask\b[^>]*>/g;

/** Form key per user task of a BPMN XML; parsed once per definition (definitions never change). */
export function formKeysOf(xml: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [tag] of xml.matchAll(FORM_KEY)) {
    const id = /\sid="([^"]+)"/.exec(tag)?.[1];
    const form = /\scamunda:formKey="([^"]+)"/.exec(tag)?.[1];
    if (id && form) keys.set(id, form);
  }
  return keys;
}

const LANE = /<(?:bpmn:)?lane\b([^>]*)>([\s\S]*?)<\/(?:bpmn:)?lane>/g;
const BOUNDARY = /<(?:bpmn:)?boundaryEvent\b([^>]*)>([\s\S]*?)<\/(?:bpmn:)?boundaryEvent>/g;
const START_EVENT = /<(?:bpmn:)?startEvent\b[^>]*>([\s\S]*?)<\/(?:bpmn:)?startEvent>/g;

/** The ladder of a BPMN XML (see Ladder); lanes without a whole-number `trede` give no tier. */
export function ladderOf(xml: string): Ladder {
  const tierOf = new Map<string, number>();
  for (const [, , body] of xml.matchAll(LANE)) {
    const trede = /<camunda:property\s+name="trede"\s+value="(\d+)"/.exec(body!)?.[1];
    if (trede === undefined) continue;
    for (const [, node] of body!.matchAll(/<(?:bpmn:)?flowNodeRef>\s*([^<\s]+)\s*</g)) tierOf.set(node!, Number(trede));
  }
  const interruptingTimers = new Map<string, string>();
  for (const [, attributes, body] of xml.matchAll(BOUNDARY)) {
    const id = /\sid="([^"]+)"/.exec(attributes!)?.[1];
    const attachedTo = /\sattachedToRef="([^"]+)"/.exec(attributes!)?.[1];
    if (id && attachedTo && !/\scancelActivity="false"/.test(attributes!) && /timerEventDefinition/.test(body!)) interruptingTimers.set(id, attachedTo);
  }
  const parksMissingContact = [...xml.matchAll(START_EVENT)].some(([, body]) => /conditionalEventDefinition[^>]*camunda:variableName="contactOntbreekt"/.test(body!));
  const reads = new Set([...xml.matchAll(/\$\{([^}]*)\}/g)].flatMap((m) => m[1]!.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []));
  return { tierOf, interruptingTimers, parksMissingContact, milestones: milestonesOf(xml), reads };
}

const definitionRow = z.object({ processDefinitionKey: z.string(), bpmnProcessId: z.string(), version: z.number(), xml: z.instanceof(Buffer) });

const DEFINITION_SELECT = `SELECT d.id_ AS "processDefinitionKey", d.key_ AS "bpmnProcessId", d.version_ AS version, b.bytes_ AS xml
    FROM act_re_procdef d JOIN act_ge_bytearray b ON b.deployment_id_ = d.deployment_id_ AND b.name_ = d.resource_name_`;

const OPEN_TASK_SELECT = `SELECT t.id_ AS key, t.proc_inst_id_ AS "processInstanceKey", t.proc_def_id_ AS "processDefinitionKey",
         d.key_ AS "bpmnProcessId", t.task_def_key_ AS "elementId", t.name_ AS name, 'CREATED' AS state, t.assignee_ AS assignee,
         ARRAY(SELECT l.group_id_ FROM act_ru_identitylink l WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ IS NOT NULL ORDER BY l.group_id_) AS "candidateGroups",
         t.due_date_ AS "dueDate", t.create_time_ AS "creationDate", NULL::timestamp AS "completionDate"
    FROM act_ru_task t JOIN act_re_procdef d ON d.id_ = t.proc_def_id_`;

const HISTORIC_TASK_SELECT = `SELECT t.id_ AS key, t.proc_inst_id_ AS "processInstanceKey", t.proc_def_id_ AS "processDefinitionKey",
         t.proc_def_key_ AS "bpmnProcessId", t.task_def_key_ AS "elementId", t.name_ AS name,
         CASE WHEN t.end_time_ IS NULL THEN 'CREATED' WHEN t.delete_reason_ = 'completed' THEN 'COMPLETED' ELSE 'CANCELED' END AS state,
         t.assignee_ AS assignee,
         ARRAY(SELECT DISTINCT l.group_id_ FROM act_hi_identitylink l
                WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.operation_type_ = 'add' AND l.group_id_ IS NOT NULL ORDER BY l.group_id_) AS "candidateGroups",
         t.due_date_ AS "dueDate", t.start_time_ AS "creationDate", t.end_time_ AS "completionDate"
    FROM act_hi_taskinst t`;

const processInstanceRow = engineProcessInstance.extend({ state: z.string() });

export type EngineOptions = { config: Config; engineDatabaseUrl: string; password?: string };

export function createEngine({ config, engineDatabaseUrl, password }: EngineOptions): Engine {
  return new OperatonEngine(config.engineRestUrls, basicAuth(config.ENGINE_USER, password ?? enginePassword(config)), createPool(engineDatabaseUrl, 5));
}

const REQUEST_TIMEOUT_MS = 30_000;
const OPTIMISTIC_LOCKING_ATTEMPTS = 5;

type RequestOptions = { node?: string; timeoutMs?: number; signal?: AbortSignal; form?: FormData };
/** A node that refused a connection is tried last for this long. */
const NODE_BACKOFF_MS = 5_000;

class OperatonEngine implements Engine {
  private next = 0;
  private readonly downUntil = new Map<string, number>();
  private readonly definitions = new Map<string, Promise<ProcessDefinition | undefined>>();
  private readonly ladders = new Map<string, Ladder>();

  constructor(
    readonly nodes: readonly string[],
    private readonly authorization: string,
    private readonly db: Pool,
  ) {}

  /** Round robin over the nodes that answered last time; a node that does not answer is skipped for a while. */
  private order(): string[] {
    const now = Date.now();
    const start = this.next++ % this.nodes.length;
    const rotated = [...this.nodes.slice(start), ...this.nodes.slice(0, start)];
    return [...rotated.filter((n) => (this.downUntil.get(n) ?? 0) <= now), ...rotated.filter((n) => (this.downUntil.get(n) ?? 0) > now)];
  }

  /**
   * Two commands on one instance at the same moment (a user task completed while a parallel
   * branch's external task completes) collide in the engine's optimistic locking; the loser was
   * rolled back whole, so it is simply sent again.
   */
  private async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(method, path, body, options);
      } catch (error) {
        if (!(error instanceof EngineError && error.isOptimisticLockingFailure) || attempt >= OPTIMISTIC_LOCKING_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
      }
    }
  }

  private async send<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
    const targets = options.node ? [options.node] : this.order();
    let lastError: unknown;
    for (const node of targets) {
      let response: Response;
      try {
        const timeout = AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
        response = await fetch(`${node}${path}`, {
          method,
          headers: {
            authorization: this.authorization,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: options.form ?? (body !== undefined ? JSON.stringify(body) : undefined),
          signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        this.downUntil.set(node, Date.now() + NODE_BACKOFF_MS);
        lastError = error;
        // A command that may have reached the node (timed out, connection cut while waiting) is not
        // sent again elsewhere: starting an instance twice is worse than one clear failure.
        if (method !== 'GET' && !neverReached(error)) break;
        continue;
      }
      this.downUntil.delete(node);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      if (!response.ok) {
        let type = 'HttpError';
        let message = text;
        try {
          const parsed = JSON.parse(text) as { type?: string; message?: string };
          type = parsed.type ?? type;
          message = parsed.message ?? text;
        } catch {
          // Not JSON (a proxy's error page): keep the text.
        }
        throw new EngineError(response.status, type, message);
      }
      return (text === '' ? undefined : JSON.parse(text)) as T;
    }
    throw new EngineUnavailableError(`No engine node answered (${targets.join(', ')}): ${String((lastError as Error)?.cause ?? lastError)}`);
  }

  async ready(): Promise<boolean> {
    try {
      await this.request('GET', '/version', undefined, { timeoutMs: 2000 });
      return true;
    } catch {
      return false;
    }
  }

  async deploy(name: string, resources: Array<{ name: string; content: Buffer | string }>): Promise<DeployedProcess[]> {
    const form = new FormData();
    form.set('deployment-name', name);
    form.set('deployment-source', 'doorzet');
    form.set('enable-duplicate-filtering', 'true');
    for (const resource of resources) form.set(resource.name, new Blob([typeof resource.content === 'string' ? resource.content : new Uint8Array(resource.content)]), resource.name);
    const response = await this.request<{ deployedProcessDefinitions: Record<string, { id: string; key: string; version: number }> | null }>(
      'POST',
      '/deployment/create',
      undefined,
      { form },
    );
    const fresh = Object.values(response.deployedProcessDefinitions ?? {});
    if (fresh.length > 0) return fresh.map((d) => ({ processDefinitionKey: d.id, bpmnProcessId: d.key, version: d.version }));
    // Unchanged content: the engine kept its newest version of each process in the files.
    const ids = resources.flatMap((r) => [...String(r.content).matchAll(/<(?:bpmn:)?process\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!));
    const known = await Promise.all(ids.map((id) => this.newestDefinition(id)));
    return known.flatMap((d) => (d ? [{ processDefinitionKey: d.processDefinitionKey, bpmnProcessId: d.bpmnProcessId, version: d.version }] : []));
  }

  private async readDefinition(where: string, param: string): Promise<ProcessDefinition | undefined> {
    const row = await maybeOne(this.db, definitionRow, `${DEFINITION_SELECT} WHERE ${where} ORDER BY d.version_ DESC LIMIT 1`, [param]);
    return row ? { ...row, xml: row.xml.toString('utf8') } : undefined;
  }

  newestDefinition(bpmnProcessId: string): Promise<ProcessDefinition | undefined> {
    return this.readDefinition('d.key_ = $1', bpmnProcessId);
  }

  definition(processDefinitionKey: string): Promise<ProcessDefinition | undefined> {
    let cached = this.definitions.get(processDefinitionKey);
    if (!cached) {
      cached = this.readDefinition('d.id_ = $1', processDefinitionKey);
      this.definitions.set(processDefinitionKey, cached);
      // A miss is not cached: the definition may be deployed a moment later.
      void cached.then((d) => d ?? this.definitions.delete(processDefinitionKey)).catch(() => this.definitions.delete(processDefinitionKey));
    }
    return cached;
  }

  async startInstance(bpmnProcessId: string, businessKey: string, variables: Record<string, unknown>) {
    const started = await this.request<{ id: string; definitionId: string }>(
      'POST',
      `/process-definition/key/${encodeURIComponent(bpmnProcessId)}/start`,
      { businessKey, variables: toTypedVariables(variables) },
    );
    const definition = await this.definition(started.definitionId);
    return { processInstanceKey: started.id, processDefinitionKey: started.definitionId, bpmnProcessId, version: definition?.version ?? 0 };
  }

  async correlateMessage(messageName: string, businessKey: string, variables: Record<string, unknown> = {}): Promise<boolean> {
    try {
      await this.request('POST', '/message', { messageName, businessKey, processVariables: toTypedVariables(variables) });
      return true;
    } catch (error) {
      if (error instanceof EngineError && error.status === 400 && /MismatchingMessageCorrelation|RestException/.test(error.type)) return false;
      throw error;
    }
  }

  async getProcessInstance(processInstanceKey: string): Promise<EngineProcessInstance | undefined> {
    const row = await maybeOne(
      this.db,
      processInstanceRow,
      `SELECT h.id_ AS key, h.proc_def_key_ AS "bpmnProcessId", h.proc_def_id_ AS "processDefinitionKey", d.version_ AS version,
              h.business_key_ AS "businessKey", h.state_ AS state, h.start_time_ AS "startDate", h.end_time_ AS "endDate"
         FROM act_hi_procinst h JOIN act_re_procdef d ON d.id_ = h.proc_def_id_ WHERE h.id_ = $1`,
      [processInstanceKey],
    );
    if (!row) return undefined;
    const state = row.state === 'COMPLETED' ? 'COMPLETED' : row.state === 'ACTIVE' || row.state === 'SUSPENDED' ? 'ACTIVE' : 'TERMINATED';
    return { ...row, state };
  }

  elementInstances(processInstanceKey: string): Promise<EngineElementInstance[]> {
    // act_inst_state_ 2 is Operaton's "canceled": interrupted by a boundary timer or a message.
    return many(
      this.db,
      engineElementInstance,
      `SELECT id_ AS key, act_id_ AS "elementId", act_type_ AS "elementType",
              CASE WHEN end_time_ IS NULL THEN 'ACTIVE' WHEN act_inst_state_ = 2 THEN 'TERMINATED' ELSE 'COMPLETED' END AS state,
              start_time_ AS "startDate", end_time_ AS "endDate"
         FROM act_hi_actinst WHERE proc_inst_id_ = $1 ORDER BY start_time_, sequence_counter_, id_`,
      [processInstanceKey],
    );
  }

  async activeElements(processInstanceKey: string): Promise<string[]> {
    const rows = await many(
      this.db,
      z.object({ elementId: z.string() }),
      `SELECT act_id_ AS "elementId" FROM act_hi_actinst
        WHERE proc_inst_id_ = $1 AND end_time_ IS NULL AND act_type_ NOT IN ('subProcess', 'multiInstanceBody')
        ORDER BY start_time_, sequence_counter_`,
      [processInstanceKey],
    );
    return rows.map((r) => r.elementId);
  }

  async variablesOf(processInstanceKeys: string[]): Promise<EngineVariable[]> {
    const rows = await many(
      this.db,
      z.object({
        processInstanceKey: z.string(),
        name: z.string(),
        type: z.string(),
        text: z.string().nullable(),
        long: z.string().nullable(),
        double: z.number().nullable(),
      }),
      `SELECT proc_inst_id_ AS "processInstanceKey", name_ AS name, var_type_ AS type, text_ AS text, long_ AS long, double_ AS double
         FROM act_hi_varinst
        WHERE proc_inst_id_ = ANY($1::text[]) AND execution_id_ = proc_inst_id_ AND state_ = 'CREATED'
        ORDER BY create_time_, id_`,
      [processInstanceKeys],
    );
    return rows.map((r) => ({ processInstanceKey: r.processInstanceKey, name: r.name, value: variableValue(r) }));
  }

  private async withForms(rows: z.infer<typeof engineUserTask>[]): Promise<EngineUserTask[]> {
    const forms = new Map<string, Map<string, string>>();
    for (const id of new Set(rows.map((r) => r.processDefinitionKey))) {
      const definition = await this.definition(id);
      forms.set(id, definition ? formKeysOf(definition.xml) : new Map());
    }
    return rows.map((r) => ({ ...r, formReference: forms.get(r.processDefinitionKey)?.get(r.elementId) ?? null }));
  }

  async searchUserTasks(filter: UserTaskFilter = {}): Promise<EngineUserTask[]> {
    const params = [
      filter.candidateGroups ?? null,
      filter.processInstanceKeys ?? null,
      filter.bpmnProcessId ?? null,
      filter.assignee ?? null,
      filter.limit ?? 1000,
      filter.order ?? 'created',
      filter.offset ?? 0,
    ];
    // Open tasks come from the runtime tables (indexed on candidate group), the rest from history.
    const open = filter.state === 'CREATED';
    const rows = await many(
      this.db,
      engineUserTask,
      open
        ? `${OPEN_TASK_SELECT}
            WHERE ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM act_ru_identitylink l WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ = ANY($1::text[])))
              AND ($2::text[] IS NULL OR t.proc_inst_id_ = ANY($2::text[]))
              AND ($3::text IS NULL OR d.key_ = $3)
              AND ($4::text IS NULL OR t.assignee_ = $4)
            ORDER BY CASE WHEN $6 = 'due' THEN t.due_date_ END NULLS LAST, t.create_time_, t.id_
            LIMIT $5 OFFSET $7`
        : `${HISTORIC_TASK_SELECT}
            WHERE ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM act_hi_identitylink l WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ = ANY($1::text[])))
              AND ($2::text[] IS NULL OR t.proc_inst_id_ = ANY($2::text[]))
              AND ($3::text IS NULL OR t.proc_def_key_ = $3)
              AND ($4::text IS NULL OR t.assignee_ = $4)
              AND ($8::text IS NULL OR CASE WHEN t.end_time_ IS NULL THEN 'CREATED' WHEN t.delete_reason_ = 'completed' THEN 'COMPLETED' ELSE 'CANCELED' END = $8)
            ORDER BY CASE WHEN $6 = 'due' THEN t.due_date_ END NULLS LAST, t.start_time_, t.id_
            LIMIT $5 OFFSET $7`,
      open ? params : [...params, filter.state ?? null],
    );
    return this.withForms(rows);
  }

  async countOpenUserTasks(candidateGroups: string[]): Promise<number> {
    const row = await maybeOne(
      this.db,
      z.object({ n: z.number() }),
      `SELECT count(*)::int AS n FROM act_ru_task t
        WHERE EXISTS (SELECT 1 FROM act_ru_identitylink l WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ = ANY($1::text[]))`,
      [candidateGroups],
    );
    return row?.n ?? 0;
  }

  async getUserTask(key: string): Promise<EngineUserTask | undefined> {
    const rows = await many(this.db, engineUserTask, `${HISTORIC_TASK_SELECT} WHERE t.id_ = $1`, [key]);
    return (await this.withForms(rows))[0];
  }

  async claimUserTask(key: string, userId: string): Promise<void> {
    await this.request('POST', `/task/${encodeURIComponent(key)}/claim`, { userId });
  }

  async unclaimUserTask(key: string): Promise<void> {
    await this.request('POST', `/task/${encodeURIComponent(key)}/unclaim`);
  }

  async completeUserTask(key: string, variables: Record<string, unknown> = {}): Promise<void> {
    await this.request('POST', `/task/${encodeURIComponent(key)}/complete`, { variables: toTypedVariables(variables) });
  }

  async elementStatistics(processDefinitionKey: string): Promise<ElementStatistics[]> {
    // What the engine's REST statistics (?incidents=true) count, read in one query: it took 148 ms for
    // 5,000 waiting instances against about 15 ms here. An instance waits at an element where one of
    // its executions is active; incidents count per element apart, as an instance may have several.
    return many(
      this.db,
      z.object({ elementId: z.string(), active: z.number(), overdue: z.number(), incidents: z.number() }),
      `SELECT act_id_ AS "elementId", COALESCE(a.n, 0)::int AS active, COALESCE(t.n, 0)::int AS overdue, COALESCE(i.n, 0)::int AS incidents
         FROM (SELECT act_id_, count(*) AS n FROM act_ru_execution WHERE proc_def_id_ = $1 AND is_active_ AND act_id_ IS NOT NULL GROUP BY act_id_) a
         FULL JOIN (SELECT task_def_key_ AS act_id_, count(*) AS n FROM act_ru_task WHERE proc_def_id_ = $1 AND due_date_ < now() GROUP BY 1) t USING (act_id_)
         FULL JOIN (SELECT activity_id_ AS act_id_, count(*) AS n FROM act_ru_incident WHERE proc_def_id_ = $1 AND activity_id_ IS NOT NULL GROUP BY 1) i USING (act_id_)
        ORDER BY act_id_`,
      [processDefinitionKey],
    );
  }

  async incidents(filter: { processDefinitionKey?: string; processInstanceKey?: string; bpmnProcessId?: string }): Promise<Incident[]> {
    const query = new URLSearchParams();
    if (filter.processDefinitionKey) query.set('processDefinitionId', filter.processDefinitionKey);
    if (filter.processInstanceKey) query.set('processInstanceId', filter.processInstanceKey);
    // The engine's "process definition key" is the BPMN process id, over every deployed version.
    if (filter.bpmnProcessId) query.set('processDefinitionKeyIn', filter.bpmnProcessId);
    const rows = await this.request<
      Array<{
        id: string;
        processInstanceId: string;
        processDefinitionId: string;
        activityId: string;
        incidentType: string;
        incidentMessage: string | null;
        incidentTimestamp: string;
        configuration: string | null;
      }>
    >('GET', `/incident?${query}`);
    return rows.map((r) => ({
      id: r.id,
      processInstanceKey: r.processInstanceId,
      processDefinitionKey: r.processDefinitionId,
      elementId: r.activityId,
      type: r.incidentType,
      message: r.incidentMessage,
      created: r.incidentTimestamp,
      // A failed external task's incident carries the task's id as its configuration.
      externalTaskId: r.incidentType === 'failedExternalTask' ? r.configuration : null,
    }));
  }

  async retryExternalTask(id: string, retries: number): Promise<void> {
    await this.request('PUT', `/external-task/${encodeURIComponent(id)}/retries`, { retries });
  }

  async externalTaskQueues(bpmnProcessId: string): Promise<ExternalTaskQueue[]> {
    const rows = await many(
      this.db,
      z.object({ topic: z.string(), waiting: z.number(), locked: z.number(), failed: z.number(), oldest: z.date().nullable() }),
      `SELECT topic_name_ AS topic,
              count(*) FILTER (WHERE (retries_ IS NULL OR retries_ > 0) AND (lock_exp_time_ IS NULL OR lock_exp_time_ < now()))::int AS waiting,
              count(*) FILTER (WHERE (retries_ IS NULL OR retries_ > 0) AND lock_exp_time_ >= now())::int AS locked,
              count(*) FILTER (WHERE retries_ = 0)::int AS failed,
              min(create_time_) FILTER (WHERE (retries_ IS NULL OR retries_ > 0) AND (lock_exp_time_ IS NULL OR lock_exp_time_ < now())) AS oldest
         FROM act_ru_ext_task WHERE proc_def_key_ = $1 GROUP BY topic_name_ ORDER BY topic_name_`,
      [bpmnProcessId],
    );
    return rows.map((r) => ({ topic: r.topic, waiting: r.waiting, locked: r.locked, failed: r.failed, oldestWaitingSince: r.oldest?.toISOString() ?? null }));
  }

  async runningVersions(bpmnProcessId: string): Promise<Array<{ processDefinitionKey: string; version: number; instances: number }>> {
    // One row per process instance: the root execution, whose id is the instance's id.
    return many(
      this.db,
      z.object({ processDefinitionKey: z.string(), version: z.number(), instances: z.number() }),
      `SELECT d.id_ AS "processDefinitionKey", d.version_ AS version, count(*)::int AS instances
         FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
        WHERE d.key_ = $1 AND e.id_ = e.proc_inst_id_
        GROUP BY d.id_, d.version_ ORDER BY d.version_ DESC`,
      [bpmnProcessId],
    );
  }

  async fetchAndLock(node: string, request: FetchRequest): Promise<ExternalTask[]> {
    const tasks = await this.request<Array<Omit<ExternalTask, 'variables'> & { variables: Record<string, TypedValue> }>>(
      'POST',
      '/external-task/fetchAndLock',
      {
        workerId: request.workerId,
        maxTasks: request.maxTasks,
        usePriority: false,
        asyncResponseTimeout: request.asyncResponseTimeoutMs,
        topics: request.topics.map((topicName) => ({ topicName, lockDuration: request.lockDurationMs, includeExtensionProperties: true })),
      },
      { node, timeoutMs: request.asyncResponseTimeoutMs + REQUEST_TIMEOUT_MS, signal: request.signal },
    );
    return tasks.map((t) => ({ ...t, extensionProperties: t.extensionProperties ?? {}, variables: fromTypedVariables(t.variables) }));
  }

  async completeExternalTask(id: string, workerId: string, variables: Record<string, unknown>): Promise<void> {
    await this.request('POST', `/external-task/${encodeURIComponent(id)}/complete`, { workerId, variables: toTypedVariables(variables) });
  }

  async externalTaskBpmnError(id: string, workerId: string, errorCode: string, errorMessage: string, variables: Record<string, unknown>): Promise<void> {
    await this.request('POST', `/external-task/${encodeURIComponent(id)}/bpmnError`, {
      workerId,
      errorCode,
      errorMessage,
      variables: toTypedVariables(variables),
    });
  }

  async externalTaskFailure(id: string, workerId: string, failure: { message: string; retries: number; retryTimeoutMs: number }): Promise<void> {
    await this.request('POST', `/external-task/${encodeURIComponent(id)}/failure`, {
      workerId,
      errorMessage: failure.message.slice(0, 600),
      retries: failure.retries,
      retryTimeout: failure.retryTimeoutMs,
    });
  }

  async setVariables(processInstanceKey: string, variables: Record<string, unknown>): Promise<void> {
    await this.request('POST', `/process-instance/${encodeURIComponent(processInstanceKey)}/variables`, { modifications: toTypedVariables(variables) });
  }

  async releaseParked(processInstanceKey: string, longerThanMs: number): Promise<number> {
    const parked = await many(
      this.db,
      z.object({ id: z.string() }),
      `SELECT id_ AS id FROM act_ru_ext_task
        WHERE proc_inst_id_ = $1 AND retries_ > 0 AND lock_exp_time_ > now() + make_interval(secs => $2::double precision / 1000)`,
      [processInstanceKey, longerThanMs],
    );
    for (const task of parked) await this.unlockExternalTask(task.id);
    return parked.length;
  }

  async ladder(processDefinitionKey: string): Promise<Ladder> {
    const cached = this.ladders.get(processDefinitionKey);
    if (cached) return cached;
    const definition = await this.definition(processDefinitionKey);
    const ladder = definition ? ladderOf(definition.xml) : { tierOf: new Map(), interruptingTimers: new Map(), parksMissingContact: false, milestones: new Map(), reads: new Set<string>() };
    if (definition) this.ladders.set(processDefinitionKey, ladder);
    return ladder;
  }

  userTaskStartsSince(since: Date, limit: number): Promise<UserTaskStart[]> {
    return many(
      this.db,
      z.object({ activityInstanceId: z.string(), processInstanceKey: z.string(), processDefinitionKey: z.string(), businessKey: z.string().nullable(), startDate: z.date() }),
      `SELECT a.id_ AS "activityInstanceId", a.proc_inst_id_ AS "processInstanceKey", a.proc_def_id_ AS "processDefinitionKey",
              p.business_key_ AS "businessKey", a.start_time_ AS "startDate"
         FROM act_hi_actinst a JOIN act_hi_procinst p ON p.id_ = a.proc_inst_id_
        WHERE a.act_type_ = 'userTask' AND a.start_time_ >= $1
        ORDER BY a.start_time_, a.id_ LIMIT $2`,
      [since, limit],
    );
  }

  async extendLock(id: string, workerId: string, newDurationMs: number): Promise<void> {
    await this.request('POST', `/external-task/${encodeURIComponent(id)}/extendLock`, { workerId, newDuration: newDurationMs });
  }

  async unlockExternalTask(id: string): Promise<void> {
    await this.request('POST', `/external-task/${encodeURIComponent(id)}/unlock`);
  }

  /** How many rows of the engine's history and operation log still name these instances. */
  private async instanceTraces(keys: string[]): Promise<number> {
    const row = await maybeOne(
      this.db,
      z.object({ n: z.number() }),
      `SELECT ((SELECT count(*) FROM act_hi_procinst WHERE id_ = ANY($1::text[]) OR root_proc_inst_id_ = ANY($1::text[]))
             + (SELECT count(*) FROM act_hi_op_log WHERE proc_inst_id_ = ANY($1::text[]) OR root_proc_inst_id_ = ANY($1::text[]))
             + (SELECT count(*) FROM act_ru_execution WHERE proc_inst_id_ = ANY($1::text[])))::int AS n`,
      [keys],
    );
    return row?.n ?? 0;
  }

  private async waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new EngineError(504, 'Timeout', `${what} did not finish within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async purgeInstances(processInstanceKeys: string[], options: { timeoutMs?: number } = {}): Promise<void> {
    const keys = [...new Set(processInstanceKeys)];
    if (keys.length === 0) return;
    const timeoutMs = options.timeoutMs ?? 120_000;
    for (const key of keys) {
      await this.request('DELETE', `/process-instance/${encodeURIComponent(key)}?skipCustomListeners=true&skipIoMappings=true&skipSubprocesses=false&failIfNotExists=false`);
    }
    const historic = await many(this.db, z.object({ id: z.string() }), 'SELECT id_ AS id FROM act_hi_procinst WHERE id_ = ANY($1::text[])', [keys]);
    if (historic.length > 0) {
      // DELETE /history/process-instance would leave the operation log (claims, completions, the
      // deletion itself) behind. Instead the instances' removal time is set to now, for the
      // whole history including that log, and the engine's own history cleanup removes it.
      const batch = await this.request<{ id: string }>('POST', '/history/process-instance/set-removal-time', {
        absoluteRemovalTime: new Date(Date.now() - 1000).toISOString().replace('Z', '+0000'),
        hierarchical: true,
        historicProcessInstanceIds: historic.map((h) => h.id),
      });
      await this.waitUntil(
        async () => (await maybeOne(this.db, z.object({ id: z.string() }), 'SELECT id_ AS id FROM act_ru_batch WHERE id_ = $1', [batch.id])) === undefined,
        'setting the removal time',
        timeoutMs,
      );
    }
    if ((await this.instanceTraces(keys)) === 0) return;
    await this.request('POST', '/history/cleanup?immediatelyDue=true');
    await this.waitUntil(async () => (await this.instanceTraces(keys)) === 0, "the engine's history cleanup", timeoutMs);
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}

/** The connection was refused or the host unknown: the request never reached an engine. */
function neverReached(error: unknown): boolean {
  const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
  return code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND';
}

function variableValue(row: { type: string; text: string | null; long: string | null; double: number | null }): unknown {
  switch (row.type) {
    case 'boolean':
      return row.long === null ? null : row.long === '1';
    case 'integer':
    case 'long':
    case 'short':
      return row.long === null ? null : Number(row.long);
    case 'double':
      return row.double;
    case 'date':
      return row.long === null ? null : new Date(Number(row.long)).toISOString();
    case 'null':
      return null;
    default:
      return row.text;
  }
}

