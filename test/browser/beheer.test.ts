import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { elementStatistics } from '../../api/metrics/service.js';
import { seedDemoUsers } from '../../api/session/service.js';
import { testRegion } from '../api/support.js';
import { deployFile, eventually } from '../support/context.js';
import { type BrowserStack, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';
import { upsertRegion } from '../support/seed-case.js';

/**
 * A functional administrator finds a worker's failure in the region, reads its error, and retries
 * it with a reason that lands in the audit log and the case's timeline. The failing "worker" is the
 * test itself, on a topic no Doorzet worker takes, so the failure is exactly the one it reports.
 */
const REGION = 'beheer-test';
const TOPIC = 'test-round-trip-prepare';
const FAILURE = 'Mailserver weigert de verbinding (test-storing)';
let stack: BrowserStack;
const caseId = crypto.randomUUID();
const reference = `DZ-2026-9${String(Date.now()).slice(-5)}`;

beforeAll(async () => {
  stack = await startBrowserStack();
  const { ctx } = stack;
  const base = testRegion(REGION);
  const settings = {
    ...base,
    bpmnProcessId: 'test-round-trip',
    roles: [...base.roles.filter((r) => r.id !== 'functioneel-beheerder'), { id: 'functioneel-beheerder', name: 'Functioneel beheerder', tier: 0, contacts: [] }],
  };
  await upsertRegion(ctx.db, settings);
  await seedDemoUsers(ctx);
  await deployFile(ctx, path.join(import.meta.dirname, '..', 'engine', 'fixtures', 'round-trip.bpmn'));
  const instance = await ctx.engine.startInstance('test-round-trip', caseId, { runId: caseId });
  await ctx.db.query(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, domains, stuck_reason, reported_by, process_instance_key)
     VALUES ($1, $2, $3, 'test-round-trip', 'open', '{wonen}', 'Testcasus voor storingen', 'test', $4)`,
    [caseId, reference, REGION, instance.processInstanceKey],
  );
  const [task] = await eventually(async () => {
    const batch = await ctx.engine.fetchAndLock(ctx.engine.nodes[0]!, { workerId: 'test-worker', topics: [TOPIC], maxTasks: 1, lockDurationMs: 60_000, asyncResponseTimeoutMs: 1000 });
    return batch.length > 0 ? batch : undefined;
  }, 'the external task');
  await ctx.engine.externalTaskFailure(task!.id, 'test-worker', { message: FAILURE, retries: 0, retryTimeoutMs: 0 });
});

afterAll(async () => {
  await stack?.close();
});

test("the dashboard's element statistics say what failed at the step, not only that something did", async () => {
  const statistics = await elementStatistics(stack.ctx, REGION);
  expect(statistics.elements.find((e) => e.elementId === 'prepare')).toMatchObject({ incidents: 1, failures: [{ message: FAILURE, count: 1 }] });
});

test('a functional administrator reads the worker error of a failure and retries it, with a reason in the audit log', async () => {
  const page = await stack.newPage();
  await login(page, `functioneel-beheerder.${REGION}`);
  await page.getByRole('link', { name: 'Storingen' }).click();
  const row = page.locator('#incidents tbody tr').filter({ hasText: reference });
  await row.waitFor();
  expect(await row.locator('th').textContent()).toBe('Voorbereiden');
  expect(await row.locator('.incident-message').textContent()).toBe(FAILURE);
  expect(await page.locator(`#queues tr[data-topic="${TOPIC}"] td`).nth(2).textContent()).toBe('1');
  await expectAccessible(page, 'the functional administrator view');
  await screenshot(page, 'storingen');

  // A retry without a reason is not sent.
  await row.getByRole('button', { name: 'Opnieuw proberen' }).click();
  expect(await row.locator('input').getAttribute('aria-invalid')).toBe('true');
  await row.locator('input').fill('Mailserver is weer bereikbaar (test)');
  await row.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await page.locator('#incidents-empty').waitFor();
  // The external task waits for a worker again.
  expect(await page.locator(`#queues tr[data-topic="${TOPIC}"] td`).nth(0).textContent()).toBe('1');

  const audit = await stack.ctx.db.query<{ outcome: string; case_id: string }>(`SELECT outcome, case_id FROM audit_log WHERE event = 'incident.retry' AND region_id = $1`, [REGION]);
  expect(audit.rows).toHaveLength(1);
  expect(audit.rows[0]!.case_id).toBe(caseId);
  const events = await stack.ctx.db.query<{ details: { toelichting: string; message: string } }>(`SELECT details FROM case_event WHERE case_id = $1 AND kind = 'incident-retried'`, [caseId]);
  expect(events.rows.map((e) => e.details)).toEqual([expect.objectContaining({ toelichting: 'Mailserver is weer bereikbaar (test)', message: FAILURE })]);

  await page.context().close();
  // Other roles of the region neither see the link nor get the data.
  const manager = await stack.newPage();
  await login(manager, `manager.${REGION}`);
  expect(await manager.getByRole('link', { name: 'Storingen' }).count()).toBe(0);
  expect(await manager.evaluate(async () => (await fetch('/api/regions/beheer-test/incidents')).status)).toBe(403);
  await manager.context().close();
});
