import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { deployFile, eventually } from '../support/context.js';
import { CHILD_PORTS, type ChildStack, childContext, endStacks, processesUsing, startReadyStack } from '../support/child-stack.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorzet-lifecycle-'));
const env = { ...CHILD_PORTS, DOORZET_DATA_DIR: dataDir };
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
  let ctx = childContext(env);
  await deployFile(ctx, path.join(import.meta.dirname, '..', 'engine', 'fixtures', 'round-trip.bpmn'));
  const { processInstanceKey: key } = await ctx.engine.startInstance('test-round-trip', `restart-${Date.now()}`, { runId: 'restart' });
  // The child stack runs only the product's workers; the fixture's external task is taken and completed here.
  const [task] = await eventually(async () => {
    const batch = await ctx.engine.fetchAndLock(ctx.engine.nodes[0]!, {
      workerId: 'lifecycle-test',
      topics: ['test-round-trip-prepare'],
      maxTasks: 1,
      lockDurationMs: 30_000,
      asyncResponseTimeoutMs: 1000,
    });
    return batch.length > 0 ? batch : undefined;
  }, 'the service task');
  await ctx.engine.completeExternalTask(task!.id, 'lifecycle-test', {});
  const [waiting] = await eventually(async () => {
    const tasks = await ctx.engine.searchUserTasks({ processInstanceKeys: [key], state: 'CREATED' });
    return tasks.length > 0 ? tasks : undefined;
  }, 'the user task before the restart');
  await ctx.close();

  const started = Date.now();
  expect(await interrupt(running)).toBe(0);
  const stopSeconds = (Date.now() - started) / 1000;
  expect(running.output()).toContain('stopped');
  expect(processesUsing(dataDir)).toEqual([]);
  for (const port of Object.values(CHILD_PORTS)) expect(await portTaken(Number(port)), `port ${port}`).toBe(false);
  expect(stopSeconds).toBeLessThan(45);

  running = await startReadyStack(env);
  ctx = childContext(env);
  const [again] = await ctx.engine.searchUserTasks({ processInstanceKeys: [key] });
  expect(again).toMatchObject({ key: waiting!.key, state: 'CREATED', elementId: 'review', candidateGroups: ['test:behandelaar'] });
  await ctx.engine.completeUserTask(waiting!.key, {});
  await eventually(async () => ((await ctx.engine.getProcessInstance(key))?.state === 'COMPLETED' ? true : undefined), 'completion after the restart');
  await ctx.close();
  expect(await interrupt(running)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);
}, 420_000);
