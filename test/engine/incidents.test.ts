import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../../workers/job.js';
import { incident } from '../../workers/outcome.js';
import { startWorkers } from '../../workers/service.js';
import { deployFile, eventually, testContext } from '../support/context.js';

const ctx = testContext();
let stopWorkers: () => Promise<void>;

beforeAll(async () => {
  await deployFile(ctx, path.join(import.meta.dirname, 'fixtures', 'round-trip.bpmn'));
  stopWorkers = (
    await startWorkers(ctx, {
      'test-round-trip-prepare': defineJob({
        label: 'Voorbereiden (test, stuk)',
        description: 'Meldt een storing, zoals een model dat de verkeerde variabelen meegeeft.',
        input: z.object({ runId: z.string() }),
        handle: async (input) => incident(`Voorbereiden van ${input.runId} lukt niet: test-storing`),
      }),
    })
  ).stop;
});

afterAll(async () => {
  await stopWorkers?.();
  await ctx.close();
});

test('an incident from a worker stops the instance at its element, with the worker message, in the element statistics', async () => {
  const runId = `stuk-${Date.now()}`;
  const instance = await ctx.engine.startInstance('test-round-trip', runId, { runId });
  const [found] = await eventually(async () => {
    const list = await ctx.engine.incidents({ processInstanceKey: instance.processInstanceKey });
    return list.length > 0 ? list : undefined;
  }, 'the incident');
  expect(found).toMatchObject({ elementId: 'prepare', type: 'failedExternalTask', message: `Voorbereiden van ${runId} lukt niet: test-storing` });
  const statistics = await ctx.engine.elementStatistics(instance.processDefinitionKey);
  expect(statistics.find((s) => s.elementId === 'prepare')).toMatchObject({ incidents: expect.any(Number) });
  expect(statistics.find((s) => s.elementId === 'prepare')!.incidents).toBeGreaterThanOrEqual(1);
  expect(await ctx.engine.activeElements(instance.processInstanceKey)).toEqual(['prepare']);
});
