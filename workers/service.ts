import type { AppContext } from '../platform/context.js';
import type { Service } from '../platform/stack.js';
import { startExternalTaskWorkers } from './adapter.js';
import type { WorkerDeps } from './deps.js';
import type { JobDefinition } from './job.js';
import { registry } from './registry.js';
import { pgStore } from './repositories.js';

type WorkerContext = Pick<AppContext, 'config' | 'db' | 'engine'>;

export function buildDeps(ctx: WorkerContext): WorkerDeps {
  return { config: ctx.config, now: () => new Date(), ...pgStore(ctx.db) };
}

/** Starts the workers for every registry entry (or for the entries of the given table, for tests). */
export async function startWorkers(ctx: WorkerContext, table: Record<string, JobDefinition> = registry): Promise<Service> {
  const running = startExternalTaskWorkers(ctx.engine, table, buildDeps(ctx));
  return {
    name: `workers (${running.topics.length} job types)`,
    stop: () => running.close(),
  };
}
