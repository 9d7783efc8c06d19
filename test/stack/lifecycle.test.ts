import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createCamunda } from '../../platform/camunda.js';
import { loadConfig } from '../../platform/config.js';
import { createPool } from '../../platform/db/pool.js';
import { getProcessInstance, searchUserTasks } from '../../platform/engine/search.js';
import { completeUserTask } from '../../platform/engine/tasks.js';
import { eventually } from '../support/context.js';
import { CHILD_PORTS, childDatabaseUrl, type ChildStack, endStacks, processesUsing, startReadyStack } from '../support/child-stack.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorzet-lifecycle-'));
const env = { ...CHILD_PORTS, DOORZET_DATA_DIR: dataDir };
const config = loadConfig(env);
let running: ChildStack | undefined;

afterAll(async () => {
  await endStacks(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Ctrl-C in a terminal signals the whole foreground process group. */
async function interrupt(stack: ChildStack): Promise<number | null> {
  process.kill(-stack.child.pid!, 'SIGINT');
  return stack.exited;
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('a case waiting at a user task survives a restart, and Ctrl-C leaves no process or port behind', async () => {
  running = await startReadyStack(env);
  let camunda = createCamunda(config);
  await camunda.getZeebeGrpcApiClient().deployResource({
    processFilename: path.join(import.meta.dirname, '..', 'engine', 'fixtures', 'round-trip.bpmn'),
  });
  // The child stack runs only the product's workers; the fixture's job is activated and completed here.
  const zeebe = camunda.getZeebeGrpcApiClient();
  const instance = await zeebe.createProcessInstance({ bpmnProcessId: 'test-round-trip', variables: { runId: 'restart' } });
  const key = String(instance.processInstanceKey);
  const jobs = await eventually(async () => {
    const batch = await zeebe.activateJobs({ type: 'test-round-trip-prepare', maxJobsToActivate: 1, timeout: 30_000, worker: 'lifecycle-test', requestTimeout: 1000 });
    return batch.length > 0 ? batch : undefined;
  }, 'the service task job');
  await zeebe.completeJob({ jobKey: jobs[0]!.key, variables: {} });
  let engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 2);
  const [waiting] = await eventually(async () => {
    const tasks = await searchUserTasks(engineDb, { processInstanceKeys: [key], state: 'CREATED' });
    return tasks.length > 0 ? tasks : undefined;
  }, 'the user task before the restart');
  await engineDb.end();
  await camunda.closeAllClients();

  const started = Date.now();
  expect(await interrupt(running)).toBe(0);
  const stopSeconds = (Date.now() - started) / 1000;
  expect(running.output()).toContain('stopped');
  expect(processesUsing(dataDir)).toEqual([]);
  for (const port of Object.values(CHILD_PORTS)) expect(await portTaken(Number(port)), `port ${port}`).toBe(false);
  expect(stopSeconds).toBeLessThan(45);

  running = await startReadyStack(env);
  camunda = createCamunda(config);
  engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 2);
  const [again] = await searchUserTasks(engineDb, { processInstanceKeys: [key] });
  expect(again).toMatchObject({ key: waiting!.key, state: 'CREATED', elementId: 'review' });
  await completeUserTask(camunda, waiting!.key, {});
  await eventually(async () => ((await getProcessInstance(engineDb, key))?.state === 'COMPLETED' ? true : undefined), 'completion after the restart');
  await engineDb.end();
  await camunda.closeAllClients();
  expect(await interrupt(running)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);
}, 420_000);
