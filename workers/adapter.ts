import type { Camunda8 } from '@camunda8/sdk';
import type { JobDefinition, JobInfo } from './job.js';
import type { WorkerDeps } from './deps.js';
import { type Outcome, incident, retry } from './outcome.js';

export type RunningWorker = { type: string; close(): Promise<void> };

const TRANSIENT_BACKOFF_MS = 2_000;

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

/** The single place that talks to the SDK's job API. */
export function startJobWorker(camunda: Camunda8, type: string, definition: JobDefinition, deps: WorkerDeps): RunningWorker {
  const zeebe = camunda.getZeebeGrpcApiClient();
  const worker = zeebe.createWorker({
    taskType: type,
    // A worker that dies mid-job (crash, SIGKILL, lost host) gives its jobs back after this time.
    timeout: deps.config.JOB_TIMEOUT_S * 1000,
    maxJobsToActivate: 16,
    loglevel: 'NONE',
    taskHandler: async (job) => {
      const info: JobInfo = {
        key: job.key,
        type: job.type,
        processInstanceKey: job.processInstanceKey,
        bpmnProcessId: job.bpmnProcessId,
        elementId: job.elementId,
        retries: job.retries,
        headers: Object.fromEntries(Object.entries(job.customHeaders ?? {}).map(([k, v]) => [k, String(v)])),
      };
      const outcome = await decide(definition, job.variables, info, deps);
      switch (outcome.kind) {
        case 'complete':
          return job.complete(outcome.variables as never);
        case 'bpmnError':
          return job.error({ errorCode: outcome.code, errorMessage: outcome.message, variables: outcome.variables as never });
        case 'retry':
          return job.fail({ errorMessage: outcome.message, retries: Math.max(job.retries - 1, 0), retryBackOff: outcome.backoffMs });
        case 'incident':
          return job.fail({ errorMessage: outcome.message, retries: 0 });
      }
    },
  });
  return {
    type,
    close: async () => {
      await worker.close();
    },
  };
}
