import type { AppContext } from '../platform/context.js';
import type { Service } from '../platform/stack.js';
import { startExternalTaskWorkers } from './adapter.js';
import type { WorkerDeps } from './deps.js';
import type { JobDefinition } from './job.js';
import { registry } from './registry.js';
import { pgStore } from './repositories.js';
import { startTierTracker } from './tier-tracker.js';

type WorkerContext = Pick<AppContext, 'config' | 'db' | 'engine'>;

export function buildDeps(ctx: WorkerContext): WorkerDeps {
  return {
    config: ctx.config,
    now: () => new Date(),
    ...pgStore(ctx.db),
    parked: {
      async release(processInstanceKey) {
        // The flag goes down before the steps run again, so a step that still finds no contact raises it anew.
        await ctx.engine.setVariables(processInstanceKey, { contactOntbreekt: false });
        // A worker's own lock is at most JOB_TIMEOUT_S ahead; a parked step's is a week.
        return ctx.engine.releaseParked(processInstanceKey, 2 * ctx.config.JOB_TIMEOUT_S * 1000);
      },
    },
  };
}

/** Starts the workers for every registry entry (or for the entries of the given table, for tests). */
export async function startWorkers(ctx: WorkerContext, table: Record<string, JobDefinition> = registry): Promise<Service> {
  const deps = buildDeps(ctx);
  const running = startExternalTaskWorkers(ctx.engine, table, deps);
  const tracker = startTierTracker(ctx.engine, deps, ctx.config.TIER_TRACKER_INTERVAL_MS);
  return {
    name: `workers (${running.topics.length} job types, tier tracker)`,
    stop: async () => {
      await Promise.all([running.close(), tracker.stop()]);
    },
  };
}
