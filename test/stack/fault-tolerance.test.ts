import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createCamunda } from '../../platform/camunda.js';
import { loadConfig } from '../../platform/config.js';
import { createPool } from '../../platform/db/pool.js';
import { spawnServer } from '../../platform/postgres.js';
import { stopChild } from '../../platform/child.js';
import { eventually } from '../support/context.js';
import { allCompleted, expectEachCaseMailedOnce, faultVariables, outboxDrained, seedFaultCases } from '../support/fault-cases.js';
import { CHILD_PORTS, childDatabaseUrl, type ChildStack, endStacks, processesUsing, startReadyStack } from '../support/child-stack.js';

/**
 * The engine is killed (SIGKILL: no shutdown, no flush) while cases are in flight,
 * and stays down past a timer's due date. After a restart every case must finish,
 * every e-mail must have gone out exactly once, and the overdue timer must fire.
 */
const CASES = 200;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorzet-fault-'));
const env = { ...CHILD_PORTS, DOORZET_DATA_DIR: dataDir, PUBLIC_BASE_URL: 'http://localhost:3200' };
const config = loadConfig(env);
let running: ChildStack | undefined;

afterAll(async () => {
  await endStacks(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test(`${CASES} cases survive an engine SIGKILL, each e-mail goes out once, and a timer that expired while the engine was down fires`, async () => {
  running = await startReadyStack(env);
  let db = createPool(childDatabaseUrl(dataDir, 'doorzet'), 4);
  const cases = await seedFaultCases(db, 9, CASES);
  let camunda = createCamunda(config);
  const zeebe = camunda.getZeebeGrpcApiClient();
  for (const file of ['fault-notify.bpmn', 'fault-timer.bpmn']) {
    await zeebe.deployResource({ processFilename: path.join(import.meta.dirname, 'fixtures', file) });
  }

  const timerInstance = await zeebe.createProcessInstance({ bpmnProcessId: 'test-fault-timer', variables: {} });
  const timerCreatedAt = Date.now();
  const instanceKeys: string[] = [String(timerInstance.processInstanceKey)];
  for (let i = 0; i < cases.length; i += 20) {
    const batch = await Promise.all(
      cases.slice(i, i + 20).map((c) =>
        zeebe.createProcessInstance({ bpmnProcessId: 'test-fault-notify', variables: faultVariables(c) }),
      ),
    );
    instanceKeys.push(...batch.map((b) => String(b.processInstanceKey)));
  }

  // Kill once some cases have mailed and others have not: cases are then at different steps.
  await eventually(async () => {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox`);
    return Number(rows[0]!.n) >= CASES / 4 ? true : undefined;
  }, 'a quarter of the first mails queued', 60_000);
  const enginePid = Number(fs.readFileSync(path.join(dataDir, 'engine.pid'), 'utf8'));
  process.kill(enginePid, 'SIGKILL');
  await camunda.closeAllClients();
  await db.end();

  // Stay down until the 15-second timer is overdue, then restart the whole stack, as an operator would.
  process.kill(-running.child.pid!, 'SIGINT');
  await running.exited;
  expect(processesUsing(dataDir)).toEqual([]);
  const downFor = 16_000 - (Date.now() - timerCreatedAt);
  if (downFor > 0) await new Promise((r) => setTimeout(r, downFor));
  running = await startReadyStack(env);
  camunda = createCamunda(config);
  db = createPool(childDatabaseUrl(dataDir, 'doorzet'), 4);
  const engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 2);

  await allCompleted(engineDb, instanceKeys, `all ${instanceKeys.length} instances completed after the restart`, 150_000);
  await outboxDrained(db);

  await expectEachCaseMailedOnce(db, 9, CASES);
  await Promise.all([db.end(), engineDb.end(), camunda.closeAllClients()]);
}, 600_000);

test('PostgreSQL stopped while workers are busy: jobs retry, every case finishes, nothing is lost from the outbox', async () => {
  if (!running || running.child.exitCode !== null) running = await startReadyStack(env);
  const db = createPool(childDatabaseUrl(dataDir, 'doorzet'), 4);
  const engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 2);
  const camunda = createCamunda(config);
  const zeebe = camunda.getZeebeGrpcApiClient();
  const cases = await seedFaultCases(db, 8, 50);
  // Deployed again so the test also runs on its own; an unchanged resource is not a new version.
  await zeebe.deployResource({ processFilename: path.join(import.meta.dirname, 'fixtures', 'fault-notify.bpmn') });
  const keys = (
    await Promise.all(
      cases.map((c) =>
        zeebe.createProcessInstance({ bpmnProcessId: 'test-fault-notify', variables: faultVariables(c) }),
      ),
    )
  ).map((r) => String(r.processInstanceKey));

  await eventually(async () => {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox WHERE strpos(subject, 'DZ-2026-8') > 0`);
    return Number(rows[0]!.n) >= 10 ? true : undefined;
  }, 'the first mails queued');
  // Fast shutdown, as `pg_ctl stop -m fast` or a database fail-over would do, for five seconds.
  const pgDir = path.join(dataDir, 'postgres');
  const postmaster = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(postmaster, 'SIGINT');
  await eventually(async () => (fs.existsSync(path.join(pgDir, 'postmaster.pid')) ? undefined : true), 'PostgreSQL to stop');
  await new Promise((r) => setTimeout(r, 5_000));
  const restarted = await spawnServer(pgDir, config.PG_PORT, path.join(dataDir, 'logs', 'postgres.log'));
  try {
    await allCompleted(engineDb, keys, 'all 50 instances completed after PostgreSQL came back', 120_000);
    await outboxDrained(db);
    const { rows: incidents } = await engineDb.query(`SELECT key FROM incident WHERE process_instance_key = ANY($1::bigint[])`, [keys]);
    expect(incidents).toEqual([]);
    await expectEachCaseMailedOnce(db, 8, cases.length);
  } finally {
    await Promise.all([db.end(), engineDb.end(), camunda.closeAllClients()]);
    // Doorzet itself must have lived through the outage; if not, its own output says why.
    const died = running.child.exitCode !== null ? running.output().slice(-4000) : undefined;
    await endStacks(dataDir);
    await stopChild(restarted, 20_000, 'SIGINT');
    if (died) throw new Error(`Doorzet exited while PostgreSQL was down:\n${died}`);
  }
  expect(processesUsing(dataDir)).toEqual([]);
}, 420_000);
