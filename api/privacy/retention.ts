import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { many, maybeOne } from '../../platform/db/pool.js';
import { warn } from '../../platform/log.js';
import type { Service } from '../../platform/stack.js';
import { type PurgeCounts, addCounts, casesWhere, purgeCase } from './purge.js';

export type RetentionReport = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  trigger: 'schedule' | 'manual';
  regionId: string | null;
  startedBy: string;
  casesRemoved: number;
  report: { perRegion: Record<string, number>; rows: PurgeCounts; failed: number };
};

/**
 * One retention run: every case that is closed (not open, closed_at set) for longer than its
 * region's retention period is removed from both databases (purge.ts). Cases that fail (the
 * engine did not answer) stay and are counted, so the next run takes them again. The report
 * holds counts only: a list of what was removed would keep what should be gone.
 */
export async function runRetention(
  ctx: AppContext,
  options: { trigger: 'schedule' | 'manual'; startedBy: string; region?: string; now?: Date },
): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const run = await maybeOne(
    ctx.db,
    z.object({ id: z.string() }),
    `INSERT INTO retention_run (trigger, region_id, started_by, started_at) VALUES ($1, $2, $3, $4) RETURNING id::text`,
    [options.trigger, options.region ?? null, options.startedBy, now],
  );
  const expired = await casesWhere(
    ctx.db,
    `JOIN region r ON r.id = c.region_id
      WHERE c.status <> 'open' AND c.closed_at IS NOT NULL
        AND ($3::text IS NULL OR c.region_id = $3)
        AND c.closed_at <= $1::timestamptz - make_interval(days => COALESCE((r.settings->>'retentionDays')::int, $2))
      ORDER BY c.closed_at`,
    [now, ctx.config.RETENTION_DAYS, options.region ?? null],
  );
  const perRegion: Record<string, number> = {};
  const rows: PurgeCounts = {};
  let failed = 0;
  for (const head of expired) {
    try {
      addCounts(rows, await purgeCase(ctx, head));
      perRegion[head.regionId] = (perRegion[head.regionId] ?? 0) + 1;
    } catch (error) {
      failed += 1;
      warn(`retention: a case of ${head.regionId} could not be removed yet: ${String(error)}`);
    }
  }
  const removed = expired.length - failed;
  await ctx.db.query(`UPDATE retention_run SET finished_at = now(), cases_removed = $2, report = $3 WHERE id = $1`, [
    run!.id,
    removed,
    JSON.stringify({ perRegion, rows, failed }),
  ]);
  return (await retentionRuns(ctx, { id: run!.id }))[0]!;
}

const runRow = z.object({
  id: z.string(),
  startedAt: z.date().transform((d) => d.toISOString()),
  finishedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
  trigger: z.enum(['schedule', 'manual']),
  regionId: z.string().nullable(),
  startedBy: z.string(),
  casesRemoved: z.number(),
  report: z.object({ perRegion: z.record(z.string(), z.number()), rows: z.record(z.string(), z.number()), failed: z.number() }),
});

export function retentionRuns(ctx: AppContext, filter: { id?: string; region?: string; limit?: number }) {
  return many(
    ctx.db,
    runRow,
    `SELECT id::text, started_at AS "startedAt", finished_at AS "finishedAt", trigger, region_id AS "regionId", started_by AS "startedBy",
            cases_removed AS "casesRemoved", report
       FROM retention_run
      WHERE finished_at IS NOT NULL AND ($1::text IS NULL OR id = $1::bigint) AND ($2::text IS NULL OR region_id IS NULL OR region_id = $2)
      ORDER BY started_at DESC, id DESC LIMIT $3`,
    [filter.id ?? null, filter.region ?? null, filter.limit ?? 50],
  );
}

/** Minutes since midnight of "HH:MM". */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether local time `at` lies in the window "HH:MM-HH:MM" (a window may wrap past midnight). */
export function inWindow(window: string, at: Date): boolean {
  const [from, to] = window.split('-') as [string, string];
  const now = at.getHours() * 60 + at.getMinutes();
  const start = minutes(from);
  const end = minutes(to);
  return start <= end ? now >= start && now < end : now >= start || now < end;
}

// One number for the advisory lock, so two API processes never run the job at once.
const RETENTION_LOCK = 7513_0041;

/**
 * The daily job: every ten minutes, inside RETENTION_WINDOW, the first API process that takes
 * the advisory lock runs retention once for the day (a scheduled run already finished today
 * counts). Returns a stop function.
 */
export function startRetentionSchedule(ctx: AppContext, everyMs = 10 * 60_000): () => void {
  let busy = false;
  const tick = async () => {
    if (busy || !inWindow(ctx.config.RETENTION_WINDOW, new Date())) return;
    busy = true;
    const client = await ctx.db.connect().catch(() => undefined);
    try {
      if (!client) return;
      const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [RETENTION_LOCK]);
      if (!locked.rows[0]?.ok) return;
      try {
        const done = await client.query(`SELECT 1 FROM retention_run WHERE trigger = 'schedule' AND finished_at IS NOT NULL AND started_at::date = now()::date`);
        if (done.rowCount === 0) await runRetention(ctx, { trigger: 'schedule', startedBy: 'bewaartermijn (dagelijks)' });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK]);
      }
    } catch (error) {
      warn(`retention job failed: ${String(error)}`);
    } finally {
      client?.release();
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

/** For the stack's service list (platform/start.ts). */
export async function startRetentionJob(ctx: AppContext): Promise<Service> {
  const stop = startRetentionSchedule(ctx);
  return { name: `retention job (daily, ${ctx.config.RETENTION_WINDOW})`, stop: async () => stop() };
}
