import crypto from 'node:crypto';
import os from 'node:os';
import type { Engine, ExternalTask } from '../platform/engine/client.js';
import { warn } from '../platform/log.js';
import type { JobDefinition, JobInfo } from './job.js';
import type { WorkerDeps } from './deps.js';
import { ERROR_CODES } from '../domain/process.js';
import { type Outcome, incident, retry } from './outcome.js';

const TRANSIENT_BACKOFF_MS = 2_000;
/** Attempts of a job before it becomes an incident. Operaton leaves a new task's retries empty; the first failure sets them. */
export const JOB_ATTEMPTS = 3;
/** Tasks one poll takes per node; they are handled side by side. */
const MAX_TASKS = 16;
/**
 * How long a parked task waits before a worker looks at it again on its own: a week, a safety net
 * for settings completed without the model's task; normally `release-parked` hands it back sooner.
 */
export const PARK_MS = 7 * 24 * 3600 * 1000;
/** After an engine that does not answer, wait this long before polling it again. */
const UNREACHABLE_BACKOFF_MS = 1_000;

/** Runs one handler for one job and decides the outcome; pure apart from the handler itself, so it is unit-tested. */
export async function decide(definition: JobDefinition, variables: unknown, job: JobInfo, deps: WorkerDeps): Promise<Outcome> {
  const parsed = definition.input.safeParse(variables);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    // The model passes the wrong variables: no retry will fix that, a person must.
    return incident(`Job ${job.type} received invalid variables: ${details}`);
  }
  try {
    return await definition.handle(parsed.data, job, deps);
  } catch (error) {
    // Unexpected exceptions are treated as transient (a database blip, a mail server hiccup);
    // the engine counts the retries down and raises an incident when they run out.
    return retry(`${job.type} failed: ${(error as Error).message}`, TRANSIENT_BACKOFF_MS);
  }
}

/**
 * A role nobody holds (GEEN_CONTACT) parks the step in a model drawn with the contact sub-process;
 * models not yet redrawn catch the BPMN error with a boundary event, as before. The flag is set
 * only when it is not set yet, so two parked steps give policy staff one task, not two.
 */
export async function parkIfModelDoes(engine: Engine, task: ExternalTask, outcome: Outcome): Promise<Outcome> {
  if (outcome.kind !== 'bpmnError' || outcome.code !== ERROR_CODES.noContact) return outcome;
  if (!(await engine.ladder(task.processDefinitionId)).parksMissingContact) return outcome;
  const flagged = task.variables.contactOntbreekt === true;
  return {
    kind: 'park',
    message: outcome.message,
    variables: flagged ? {} : { contactOntbreekt: true, ontbrekendeRol: String(outcome.variables.missingRole ?? 'onbekend') },
  };
}

/**
 * The timeline says why a case stands still: once per parked step (keyed by its task), naming the
 * role without a contact. Only when the park raised the flag, so a step parked behind another says
 * nothing new.
 */
export async function recordPark(deps: Pick<WorkerDeps, 'cases'>, task: ExternalTask, outcome: Outcome): Promise<void> {
  if (outcome.kind !== 'park' || typeof outcome.variables.ontbrekendeRol !== 'string' || typeof task.variables.caseId !== 'string') return;
  await deps.cases.addEvent({
    caseId: task.variables.caseId,
    idempotencyKey: `park:${task.id}`,
    kind: 'contact-missing',
    tier: null,
    summary: `Stap wacht: geen contactpersoon voor rol '${outcome.variables.ontbrekendeRol}'; de beleidsmedewerker vult de instellingen aan.`,
    details: { role: outcome.variables.ontbrekendeRol, elementId: task.activityId },
  });
}

export function jobInfo(task: ExternalTask): JobInfo {
  return {
    key: task.id,
    type: task.topicName,
    processInstanceKey: task.processInstanceId,
    bpmnProcessId: task.processDefinitionKey,
    elementId: task.activityId,
    retries: task.retries ?? JOB_ATTEMPTS,
    headers: task.extensionProperties,
  };
}

/** Reports an outcome to the engine: the one mapping from Doorzet's outcomes to Operaton's external-task calls. */
export async function report(engine: Engine, workerId: string, job: JobInfo, outcome: Outcome): Promise<void> {
  switch (outcome.kind) {
    case 'complete':
      return engine.completeExternalTask(job.key, workerId, outcome.variables);
    case 'bpmnError':
      return engine.externalTaskBpmnError(job.key, workerId, outcome.code, outcome.message, outcome.variables);
    case 'retry':
      return engine.externalTaskFailure(job.key, workerId, { message: outcome.message, retries: Math.max(job.retries - 1, 0), retryTimeoutMs: outcome.backoffMs });
    case 'incident':
      return engine.externalTaskFailure(job.key, workerId, { message: outcome.message, retries: 0, retryTimeoutMs: 0 });
    case 'park':
      // Variables first: if the worker dies in between, the lock runs out and the task is parked again.
      if (Object.keys(outcome.variables).length > 0) await engine.setVariables(job.processInstanceKey, outcome.variables);
      return engine.externalTaskFailure(job.key, workerId, { message: outcome.message, retries: job.retries, retryTimeoutMs: PARK_MS });
  }
}

export type RunningWorkers = { workerId: string; topics: string[]; close(): Promise<void> };

/**
 * The single place that takes external tasks from the engine. One long poll per engine node
 * for every topic of the table: a long poll is woken only by tasks created on its own node,
 * so in a cluster each node is asked. A task is locked for JOB_TIMEOUT_S and the lock is
 * extended while its handler runs, so a worker that dies gives its tasks back quickly while
 * a slow handler keeps its own.
 */
export function startExternalTaskWorkers(engine: Engine, table: Record<string, JobDefinition>, deps: WorkerDeps): RunningWorkers {
  const workerId = `doorzet-${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const topics = Object.keys(table);
  const lockMs = deps.config.JOB_TIMEOUT_S * 1000;
  const pollMs = deps.config.ENGINE_POLL_TIMEOUT_S * 1000;
  let closing = false;

  const handle = async (task: ExternalTask) => {
    const job = jobInfo(task);
    const definition = table[task.topicName];
    if (!definition) return;
    const extend = setInterval(() => {
      engine.extendLock(job.key, workerId, lockMs).catch((error: unknown) => warn(`lock of ${job.type} ${job.key} not extended: ${(error as Error).message}`));
    }, Math.max(lockMs / 2, 500));
    try {
      const outcome = await parkIfModelDoes(engine, task, await decide(definition, task.variables, job, deps));
      await recordPark(deps, task, outcome);
      await report(engine, workerId, job, outcome);
    } catch (error) {
      // The lock was lost (the task was given to another worker) or the engine is gone; the lock
      // expiry hands the task out again, and its side effects are keyed by the task id.
      warn(`${job.type} ${job.key}: outcome not delivered: ${(error as Error).message}`);
    } finally {
      clearInterval(extend);
    }
  };

  const poll = async (node: string) => {
    while (!closing) {
      let tasks: ExternalTask[];
      try {
        tasks = await engine.fetchAndLock(node, { workerId, topics, maxTasks: MAX_TASKS, lockDurationMs: lockMs, asyncResponseTimeoutMs: pollMs });
      } catch {
        await new Promise((r) => setTimeout(r, UNREACHABLE_BACKOFF_MS));
        continue;
      }
      if (closing) {
        // Taken while we were stopping: give them straight back instead of holding them for a lock's length.
        await Promise.all(tasks.map((t) => engine.unlockExternalTask(t.id).catch(() => undefined)));
        return;
      }
      await Promise.all(tasks.map(handle));
    }
  };

  const loops = engine.nodes.map((node) => poll(node));
  return {
    workerId,
    topics,
    close: async () => {
      closing = true;
      // The polls end within their timeout; a poll cut off here would leave tasks locked to nobody.
      await Promise.all(loops);
    },
  };
}
