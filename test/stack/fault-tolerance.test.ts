import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { spawnServer } from '../../platform/postgres.js';
import { stopChild } from '../../platform/child.js';
import { deployFile, eventually } from '../support/context.js';
import {
  allCompleted,
  expectEachCaseMailedOnce,
  faultVariables,
  incidentsOf,
  outboxDrained,
  seedFaultCases,
  timerFirings,
} from '../support/fault-cases.js';
import { CHILD_PORTS, type ChildStack, childContext, endStacks, processesUsing, startReadyStack } from '../support/child-stack.js';

/**
 * The engine is killed (SIGKILL: no shutdown, no flush) while cases are in flight,
 * and stays down past a timer's due date. After a restart every case must finish,
 * every e-mail must have gone out exactly once, and the overdue timer must fire.
 */
const CASES = 200;
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
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
  let ctx = childContext(env);
  const cases = await seedFaultCases(ctx.db, 9, CASES);
  for (const file of ['fault-notify.bpmn', 'fault-timer.bpmn']) await deployFile(ctx, path.join(FIXTURES, file));

  const timerInstance = await ctx.engine.startInstance('test-fault-timer', `timer-${crypto.randomUUID()}`, {});
  const timerCreatedAt = Date.now();
  const instanceKeys: string[] = [timerInstance.processInstanceKey];
  for (let i = 0; i < cases.length; i += 20) {
    const batch = await Promise.all(cases.slice(i, i + 20).map((c) => ctx.engine.startInstance('test-fault-notify', c.id, faultVariables(c))));
    instanceKeys.push(...batch.map((b) => b.processInstanceKey));
  }

  // Kill once some cases have mailed and others have not: cases are then at different steps.
  await eventually(async () => {
    const { rows } = await ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox`);
    return Number(rows[0]!.n) >= CASES / 4 ? true : undefined;
  }, 'a quarter of the first mails queued', 60_000);
  const enginePid = Number(fs.readFileSync(path.join(dataDir, 'engine.pid'), 'utf8'));
  process.kill(enginePid, 'SIGKILL');
  await ctx.close();

  // Stay down until the 15-second timer is overdue, then restart the whole stack, as an operator would.
  process.kill(-running.child.pid!, 'SIGINT');
  await running.exited;
  expect(processesUsing(dataDir)).toEqual([]);
  const downFor = 16_000 - (Date.now() - timerCreatedAt);
  if (downFor > 0) await new Promise((r) => setTimeout(r, downFor));
  const restartedAt = new Date();
  running = await startReadyStack(env);
  ctx = childContext(env);
  try {
    await allCompleted(ctx.engine, instanceKeys, `all ${instanceKeys.length} instances completed after the restart`, 150_000);
    await outboxDrained(ctx.db);
    await expectEachCaseMailedOnce(ctx.db, 9, CASES);
    // The timer was due while no engine ran; it fired after the restart, from what PostgreSQL kept.
    const [timer] = await timerFirings(ctx.engine, [timerInstance.processInstanceKey], 'termijn', 15_000);
    expect(timer!.due.getTime()).toBeLessThan(restartedAt.getTime());
    expect(timer!.fired.getTime()).toBeGreaterThan(restartedAt.getTime());
  } finally {
    await ctx.close();
  }
}, 600_000);

test('PostgreSQL stopped while workers are busy: jobs retry, every case finishes, nothing is lost from the outbox', async () => {
  if (!running || running.child.exitCode !== null) running = await startReadyStack(env);
  const ctx = childContext(env);
  const cases = await seedFaultCases(ctx.db, 8, 50);
  // Deployed again so the test also runs on its own; unchanged content is not a new version.
  const [definition] = await deployFile(ctx, path.join(FIXTURES, 'fault-notify.bpmn'));
  const keys = (await Promise.all(cases.map((c) => ctx.engine.startInstance('test-fault-notify', c.id, faultVariables(c))))).map((r) => r.processInstanceKey);

  await eventually(async () => {
    const { rows } = await ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox WHERE strpos(subject, 'DZ-2026-8') > 0`);
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
    await allCompleted(ctx.engine, keys, 'all 50 instances completed after PostgreSQL came back', 120_000);
    await outboxDrained(ctx.db);
    expect(await incidentsOf(ctx.engine, definition!.processDefinitionKey, keys)).toEqual([]);
    await expectEachCaseMailedOnce(ctx.db, 8, cases.length);
  } finally {
    await ctx.close();
    // Doorzet itself must have lived through the outage; if not, its own output says why.
    const died = running.child.exitCode !== null ? running.output().slice(-4000) : undefined;
    await endStacks(dataDir);
    await stopChild(restarted, 20_000, 'SIGINT');
    if (died) throw new Error(`Doorzet exited while PostgreSQL was down:\n${died}`);
  }
  expect(processesUsing(dataDir)).toEqual([]);
}, 420_000);
