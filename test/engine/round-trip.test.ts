import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { elementInstances, getProcessInstance, searchUserTasks, variablesOf } from '../../platform/engine/search.js';
import { completeUserTask } from '../../platform/engine/tasks.js';
import { startWorkers } from '../../workers/service.js';
import { defineJob } from '../../workers/job.js';
import { complete } from '../../workers/outcome.js';
import { eventually, testContext } from '../support/context.js';

const ctx = testContext();
let stopWorkers: () => Promise<void>;
const handled: string[] = [];

beforeAll(async () => {
  await ctx.camunda.getZeebeGrpcApiClient().deployResource({ processFilename: path.join(import.meta.dirname, 'fixtures', 'round-trip.bpmn') });
  const workers = await startWorkers(ctx, {
    'test-round-trip-prepare': defineJob({
      label: 'Voorbereiden (test)',
      description: 'Zet een vlag, zodat de test ziet dat de worker het werk deed.',
      input: z.object({ runId: z.string() }),
      handle: async (input, job) => {
        handled.push(job.key);
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
  const instance = await ctx.camunda.getZeebeGrpcApiClient().createProcessInstance({
    bpmnProcessId: 'test-round-trip',
    variables: { runId },
  });
  const key = String(instance.processInstanceKey);

  const [task] = await eventually(async () => {
    const tasks = await searchUserTasks(ctx.engineDb, { candidateGroups: ['test:behandelaar'], processInstanceKeys: [key], state: 'CREATED' });
    return tasks.length > 0 ? tasks : undefined;
  }, 'the user task in secondary storage');
  expect(task).toMatchObject({ elementId: 'review', candidateGroups: ['test:behandelaar'], assignee: null });
  expect(handled).toHaveLength(1);

  await completeUserTask(ctx.camunda, task!.key, { beoordeling: 'akkoord' });

  const finished = await eventually(async () => {
    const pi = await getProcessInstance(ctx.engineDb, key);
    return pi?.state === 'COMPLETED' ? pi : undefined;
  }, 'the instance to complete');
  expect(finished.endDate).not.toBeNull();
  const pathTaken = (await elementInstances(ctx.engineDb, key)).map((e) => `${e.elementId}:${e.state}`);
  expect(pathTaken).toEqual(['start:COMPLETED', 'prepare:COMPLETED', 'review:COMPLETED', 'end:COMPLETED']);
  const variables = Object.fromEntries((await variablesOf(ctx.engineDb, [key])).map((v) => [v.name, JSON.parse(v.value)]));
  expect(variables).toEqual({ runId, preparedFor: runId, beoordeling: 'akkoord' });
  const [done] = await searchUserTasks(ctx.engineDb, { processInstanceKeys: [key] });
  expect(done?.state).toBe('COMPLETED');
});

test('the task search orders by due date in the database, so a limit keeps the most urgent tasks', async () => {
  const group = `test:urgentie-${Date.now()}`;
  const rows = [
    { key: '9000000000000001', due: '2026-12-20T09:00:00Z' },
    { key: '9000000000000002', due: null },
    { key: '9000000000000003', due: '2026-12-01T09:00:00+01:00' },
    { key: '9000000000000004', due: '2026-12-05T09:00:00Z' },
  ];
  for (const r of rows) {
    await ctx.engineDb.query(
      `INSERT INTO user_task (key, element_instance_key, process_instance_key, process_definition_key, bpmn_process_id, element_id,
                              state, candidate_groups, candidate_users, due_date, priority, creation_date)
       VALUES ($1, 1, 1, 1, 'test-urgentie', 'taak', 'CREATED', $2, '', $3, 50, now())`,
      [r.key, group, r.due],
    );
  }
  try {
    const urgent = await searchUserTasks(ctx.engineDb, { candidateGroups: [group], state: 'CREATED', order: 'due', limit: 2 });
    expect(urgent.map((t) => t.key)).toEqual(['9000000000000003', '9000000000000004']);
  } finally {
    await ctx.engineDb.query(`DELETE FROM user_task WHERE candidate_groups = $1`, [group]);
  }
});
