import type { Engine, UserTaskStart } from '../platform/engine/client.js';
import { warn } from '../platform/log.js';
import type { WorkerDeps } from './deps.js';

/** The cursor's name in engine_history_cursor. */
const CURSOR = 'tier-tracker';
/**
 * The engine stamps an activity when it starts, but commits it with its transaction a moment
 * later: each read looks this far back, and skips what it saw before.
 */
const OVERLAP_MS = 10_000;
const BATCH = 10_000;

/** The tier a case has at its melding (the API's insert), where the walk over its tasks starts. */
const MELDING_TIER = 1;

/**
 * Moves a case's tier to where the case is (docs/ladder-conventions.md §1). Each user task in a
 * tier lane (trede ≥ 1) that lies in another tier than the task before it is a tier change, on
 * the timeline with the same events the old record-tier-change step wrote, keyed by the task's
 * activity instance: replaying the walk (a second read, a second tracker) changes nothing, and
 * two changes between two reads are both recorded, in order. Models without lanes are left alone.
 */
export async function followInstance(engine: Engine, deps: WorkerDeps, start: Pick<UserTaskStart, 'processInstanceKey' | 'processDefinitionKey' | 'businessKey'>): Promise<void> {
  if (!start.businessKey) return;
  const ladder = await engine.ladder(start.processDefinitionKey);
  if (ladder.tierOf.size === 0) return;
  const path = await engine.elementInstances(start.processInstanceKey);
  const tierTasks = path.filter((e) => e.elementType === 'userTask' && (ladder.tierOf.get(e.elementId) ?? 0) > 0);
  if (tierTasks.length === 0) return;
  const facts = await deps.cases.get(start.businessKey);
  if (!facts) return;
  const settings = await deps.regions.get(facts.regionId);
  let from = MELDING_TIER;
  let previous: (typeof tierTasks)[number] | undefined;
  for (const task of tierTasks) {
    const tier = ladder.tierOf.get(task.elementId)!;
    if (tier !== from) {
      // Automatic: the task of the tier the case left was ended by an interrupting timer on it.
      const left = previous;
      const automatic =
        left !== undefined &&
        left.state === 'TERMINATED' &&
        path.some((e) => e.elementType === 'boundaryTimer' && ladder.interruptingTimers.get(e.elementId) === left.elementId && e.startDate >= left.startDate);
      const direction = tier > from ? 'op' : 'af';
      const tierName = settings?.tiers.find((t) => t.number === tier)?.name;
      const label = `trede ${tier}${tierName ? ` (${tierName})` : ''}`;
      const summary =
        direction === 'op'
          ? `${automatic ? 'Automatisch opgeschaald na verlopen termijn' : 'Opgeschaald'} naar ${label}`
          : `${automatic ? 'Automatisch afgeschaald' : 'Afgeschaald'} naar ${label}`;
      await deps.cases.changeTier(facts.id, tier, {
        caseId: facts.id,
        idempotencyKey: `tier:${task.key}`,
        kind: automatic ? 'automatic-escalation' : 'tier-change',
        tier,
        summary,
        details: { from, to: tier, direction, automatic, elementId: task.elementId },
      });
      from = tier;
    }
    previous = task;
  }
}

/** Reads the user tasks started since the cursor and follows each instance they belong to, once per read. */
export function tierTracker(engine: Engine, deps: WorkerDeps) {
  let seen = new Set<string>();
  return async function trackOnce(): Promise<number> {
    const position = (await deps.cursors.get(CURSOR)) ?? new Date(0);
    const starts = await engine.userTaskStartsSince(new Date(position.getTime() - OVERLAP_MS), BATCH);
    const fresh = starts.filter((s) => !seen.has(s.activityInstanceId));
    const instances = new Map(fresh.map((s) => [s.processInstanceKey, s]));
    for (const start of instances.values()) await followInstance(engine, deps, start);
    seen = new Set(starts.map((s) => s.activityInstanceId));
    const newest = starts.at(-1)?.startDate;
    if (newest) await deps.cursors.set(CURSOR, newest);
    return instances.size;
  };
}

/** The tracker's loop in the workers process: one read every `intervalMs`, a failed read retried on the next. */
export function startTierTracker(engine: Engine, deps: WorkerDeps, intervalMs: number): { stop(): Promise<void> } {
  const trackOnce = tierTracker(engine, deps);
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await trackOnce();
      } catch (error) {
        warn(`tier tracker: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs);
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
