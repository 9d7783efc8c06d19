import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { startWorkers } from '../../workers/service.js';
import { defineJob } from '../../workers/job.js';
import { complete } from '../../workers/outcome.js';
import { deployFile, eventually, testContext } from '../support/context.js';

const ctx = testContext();
let stopWorkers: () => Promise<void>;
const handled: string[] = [];

beforeAll(async () => {
  await deployFile(ctx, path.join(import.meta.dirname, 'fixtures', 'round-trip.bpmn'));
  const workers = await startWorkers(ctx, {
    'test-round-trip-prepare': defineJob({
      label: 'Voorbereiden (test)',
      description: 'Zet een vlag, zodat de test ziet dat de worker het werk deed.',
      input: z.object({ runId: z.string() }),
      handle: async (input, job) => {
        handled.push(job.processInstanceKey);
        return complete({ preparedFor: input.runId });
      },
    }),
  });
  stopWorkers = workers.stop;
});

afterAll(async () => {
  await stopWorkers?.();
  await ctx.close();
});

test('a service task runs in a worker, the user task is found in PostgreSQL and completed through the engine API', async () => {
  const runId = `run-${Date.now()}`;
  const instance = await ctx.engine.startInstance('test-round-trip', `test-${Date.now()}`, { runId });
  const key = instance.processInstanceKey;

  const [task] = await eventually(async () => {
    const tasks = await ctx.engine.searchUserTasks({ candidateGroups: ['test:behandelaar'], processInstanceKeys: [key], state: 'CREATED' });
    return tasks.length > 0 ? tasks : undefined;
  }, 'the user task in secondary storage');
  expect(task).toMatchObject({ elementId: 'review', candidateGroups: ['test:behandelaar'], assignee: null });
  // Other test files leave instances of this fixture behind; this instance's task ran once.
  expect(handled.filter((k) => k === key)).toHaveLength(1);

  await ctx.engine.completeUserTask(task!.key, { beoordeling: 'akkoord' });

  const finished = await eventually(async () => {
    const pi = await ctx.engine.getProcessInstance(key);
    return pi?.state === 'COMPLETED' ? pi : undefined;
  }, 'the instance to complete');
  expect(finished.endDate).not.toBeNull();
  const pathTaken = (await ctx.engine.elementInstances(key)).map((e) => `${e.elementId}:${e.state}`);
  expect(pathTaken).toEqual(['start:COMPLETED', 'prepare:COMPLETED', 'review:COMPLETED', 'end:COMPLETED']);
  const variables = Object.fromEntries((await ctx.engine.variablesOf([key])).map((v) => [v.name, v.value]));
  expect(variables).toEqual({ runId, preparedFor: runId, beoordeling: 'akkoord' });
  const [done] = await ctx.engine.searchUserTasks({ processInstanceKeys: [key] });
  expect(done?.state).toBe('COMPLETED');
});

test('the task search orders by due date in the database, so a limit keeps the most urgent tasks', async () => {
  const group = `test:urgentie-${Date.now()}`;
  await deployFile(ctx, path.join(import.meta.dirname, 'fixtures', 'urgency.bpmn'));
  const dues = ['2026-12-20T09:00:00Z', null, '2026-12-01T09:00:00+01:00', '2026-12-05T09:00:00Z'];
  const started = [];
  for (const due of dues) started.push((await ctx.engine.startInstance('test-urgentie', `urgentie-${Date.now()}`, { group, due })).processInstanceKey);
  const urgent = await ctx.engine.searchUserTasks({ candidateGroups: [group], state: 'CREATED', order: 'due', limit: 2 });
  expect(urgent.map((t) => t.processInstanceKey)).toEqual([started[2], started[3]]);
  expect(urgent.map((t) => t.dueDate)).toEqual(['2026-12-01T08:00:00.000Z', '2026-12-05T09:00:00.000Z']);
  for (const t of await ctx.engine.searchUserTasks({ candidateGroups: [group], state: 'CREATED' })) await ctx.engine.completeUserTask(t.key);
});

test('a message that no instance waits for is refused by the engine (Operaton keeps no buffer), and reported as false', async () => {
  expect(await ctx.engine.correlateMessage('casus-opgelost', `bestaat-niet-${Date.now()}`)).toBe(false);
});
