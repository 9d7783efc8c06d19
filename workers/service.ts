import type { AppContext } from '../platform/context.js';
import type { Service } from '../platform/stack.js';
import { type RunningWorker, startJobWorker } from './adapter.js';
import type { WorkerDeps } from './deps.js';
import type { JobDefinition } from './job.js';
import { registry } from './registry.js';
import { pgStore } from './repositories.js';

type WorkerContext = Pick<AppContext, 'config' | 'db' | 'camunda'>;

export function buildDeps(ctx: WorkerContext): WorkerDeps {
  return { config: ctx.config, now: () => new Date(), ...pgStore(ctx.db) };
}

/** Starts one worker per registry entry (or per entry of the given table, for tests). */
export async function startWorkers(ctx: WorkerContext, table: Record<string, JobDefinition> = registry): Promise<Service> {
  const deps = buildDeps(ctx);
  const running: RunningWorker[] = Object.entries(table).map(([type, definition]) =>
    startJobWorker(ctx.camunda, type, definition, deps),
  );
  return {
    name: `workers (${running.length} job types)`,
    stop: async () => void (await Promise.all(running.map((w) => w.close()))),
  };
}
