import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { deployFile, eventually } from '../support/context.js';
import { CHILD_PORTS, type ChildStack, childContext, childDatabaseUrl, endStacks, processesUsing, spawnStack, startReadyStack, waitForOutput } from '../support/child-stack.js';
import { allCompleted, elementEnds, expectEachCaseMailedOnce, faultVariables, outboxDrained, seedFaultCases } from '../support/fault-cases.js';

/**
 * The workers run as their own process (`npm run workers`, WORKERS=separate). One is
 * killed (SIGKILL) while its handlers are inside their database write: the engine hands
 * those external tasks to the next worker process once their lock (JOB_TIMEOUT_S) has
 * run out, and each e-mail still goes out once, although the dead worker's write did land.
 */
const CASES = 30;
const JOB_TIMEOUT_S = 5;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorzet-workerkill-'));
const env = {
  ...CHILD_PORTS,
  DOORZET_DATA_DIR: dataDir,
  PUBLIC_BASE_URL: 'http://localhost:3200',
  WORKERS: 'separate',
  JOB_TIMEOUT_S: String(JOB_TIMEOUT_S),
};

afterAll(async () => {
  await endStacks(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startWorkers(): Promise<ChildStack> {
  const workers = spawnStack(env, 'platform/workers-main.ts');
  await waitForOutput(workers, 'started against', 60_000);
  return workers;
}

test('a worker process killed mid-job: its tasks are handed out again after the lock time and each e-mail goes out once', async () => {
  const stack = await startReadyStack(env);
  expect(stack.output()).not.toContain('workers (');
  const ctx = childContext(env);
  const lock = new pg.Client({ connectionString: childDatabaseUrl(dataDir, 'doorzet') });
  try {
    const cases = await seedFaultCases(ctx.db, 7, CASES);
    await deployFile(ctx, path.join(import.meta.dirname, 'fixtures', 'fault-notify.bpmn'));
    const first = await startWorkers();

    // Hold the outbox so every handler stops inside its INSERT: the tasks are taken, not finished.
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE mail_outbox IN SHARE MODE');
    const lockedAt = Date.now();
    const instanceOf = new Map<string, string>();
    for (const c of cases) {
      const instance = await ctx.engine.startInstance('test-fault-notify', c.id, faultVariables(c));
      instanceOf.set(c.id, instance.processInstanceKey);
    }
    const waitingInserts = async () => {
      const { rows } = await ctx.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO mail_outbox%'`,
      );
      return Number(rows[0]!.n);
    };
    await eventually(async () => ((await waitingInserts()) > 0 ? true : undefined), 'handlers waiting in their outbox INSERT');
    await new Promise((r) => setTimeout(r, 500));

    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    const midJob = await waitingInserts();
    expect(midJob).toBeGreaterThan(0);
    // Some of the dead worker's statements may still run once the lock goes (PostgreSQL can
    // read the whole request from the socket): then the effect landed, but the task's
    // completion never will, and the next worker must not send that mail again.
    await lock.query('COMMIT');
    await eventually(async () => ((await waitingInserts()) === 0 ? true : undefined), 'the orphaned INSERTs to end');
    const { rows: landed } = await ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox WHERE strpos(subject, 'DZ-2026-7') > 0`);
    expect(Number(landed[0]!.n)).toBeLessThanOrEqual(midJob);

    await startWorkers();
    const keys = [...instanceOf.values()];
    await allCompleted(ctx.engine, keys, `all ${CASES} instances completed by the second worker process`, 90_000);

    // The tasks the dead worker held could only finish after their lock ran out, in the next worker.
    const late = (await elementEnds(ctx.engine, keys, 'melden')).filter((e) => e.ended && e.ended.getTime() >= lockedAt + JOB_TIMEOUT_S * 1000 - 100);
    expect(late.length).toBeGreaterThanOrEqual(midJob);

    await outboxDrained(ctx.db);
    await expectEachCaseMailedOnce(ctx.db, 7, CASES);
  } finally {
    await lock.end().catch(() => undefined);
    await ctx.close();
    await endStacks(dataDir);
  }
  expect(processesUsing(dataDir)).toEqual([]);
}, 420_000);
