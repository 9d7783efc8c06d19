import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { createCamunda } from '../../platform/camunda.js';
import { loadConfig } from '../../platform/config.js';
import { createPool } from '../../platform/db/pool.js';
import { eventually } from '../support/context.js';
import { CHILD_PORTS, childDatabaseUrl, type ChildStack, endStacks, processesUsing, spawnStack, startReadyStack, waitForOutput } from '../support/child-stack.js';
import { allCompleted, expectEachCaseMailedOnce, faultVariables, outboxDrained, seedFaultCases } from '../support/fault-cases.js';

/**
 * The workers run as their own process (`npm run workers`, WORKERS=separate). One is
 * killed (SIGKILL) while its handlers are inside their database write: the engine hands
 * those jobs to the next worker process once JOB_TIMEOUT_S has passed, and each e-mail
 * still goes out once, although the dead worker's write did land.
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
const config = loadConfig(env);

afterAll(async () => {
  await endStacks(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startWorkers(): Promise<ChildStack> {
  const workers = spawnStack(env, 'platform/workers-main.ts');
  await waitForOutput(workers, 'started against', 60_000);
  return workers;
}

test('a worker process killed mid-job: its jobs are redelivered after the job timeout and each e-mail goes out once', async () => {
  const stack = await startReadyStack(env);
  expect(stack.output()).not.toContain('workers (');
  const db = createPool(childDatabaseUrl(dataDir, 'doorzet'), 4);
  const engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 2);
  const camunda = createCamunda(config);
  const zeebe = camunda.getZeebeGrpcApiClient();
  const lock = new pg.Client({ connectionString: childDatabaseUrl(dataDir, 'doorzet') });
  try {
    const cases = await seedFaultCases(db, 7, CASES);
    await zeebe.deployResource({ processFilename: path.join(import.meta.dirname, 'fixtures', 'fault-notify.bpmn') });
    const first = await startWorkers();

    // Hold the outbox so every handler stops inside its INSERT: the jobs are taken, not finished.
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE mail_outbox IN SHARE MODE');
    const lockedAt = Date.now();
    const instanceOf = new Map<string, string>();
    for (const c of cases) {
      const instance = await zeebe.createProcessInstance({ bpmnProcessId: 'test-fault-notify', variables: faultVariables(c) });
      instanceOf.set(c.id, String(instance.processInstanceKey));
    }
    const waitingInserts = async () => {
      const { rows } = await db.query<{ n: string }>(
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
    // read the whole request from the socket): then the effect landed, but the job's
    // completion never will, and the next worker must not send that mail again.
    await lock.query('COMMIT');
    await eventually(async () => ((await waitingInserts()) === 0 ? true : undefined), 'the orphaned INSERTs to end');
    const { rows: landed } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox WHERE strpos(subject, 'DZ-2026-7') > 0`);
    expect(Number(landed[0]!.n)).toBeLessThanOrEqual(midJob);

    await startWorkers();
    const keys = [...instanceOf.values()];
    await allCompleted(engineDb, keys, `all ${CASES} instances completed by the second worker process`, 90_000);

    // The jobs the dead worker held could only finish after their timeout, in the next worker.
    const { rows: late } = await engineDb.query<{ n: string }>(
      `SELECT count(*) AS n FROM element_instance
        WHERE element_id = 'melden' AND process_instance_key = ANY($1::bigint[]) AND end_date >= $2`,
      [keys, new Date(lockedAt + JOB_TIMEOUT_S * 1000 - 100)],
    );
    expect(Number(late[0]!.n)).toBeGreaterThanOrEqual(midJob);

    await outboxDrained(db);
    await expectEachCaseMailedOnce(db, 7, CASES);
  } finally {
    await lock.end().catch(() => undefined);
    await Promise.all([db.end(), engineDb.end(), camunda.closeAllClients()]);
    await endStacks(dataDir);
  }
  expect(processesUsing(dataDir)).toEqual([]);
}, 420_000);
