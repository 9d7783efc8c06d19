import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mailboxFor } from '../../platform/mail/mailbox.js';
import { startWorkers } from '../../workers/service.js';
import { defineJob } from '../../workers/job.js';
import { notifyRole } from '../../workers/notify-role/handler.js';
import { deployFile, eventually, testContext } from '../support/context.js';
import { testRegion } from '../support/fake-deps.js';
import { insertCase, upsertRegion } from '../support/seed-case.js';

const ctx = testContext();
const run = Date.now().toString(36);
const regionId = `wt-${run}`;
const accounthouder = `accounthouder-${run}@example.org`;
let stopWorkers: () => Promise<void>;
const flakyAttempts: string[] = [];

beforeAll(async () => {
  const region = testRegion({ id: regionId, name: `Werkerstest ${run}` });
  const role = region.roles.find((r) => r.id === 'accounthouder');
  if (role) role.contacts = [{ name: 'Anna Account', email: accounthouder }];
  await upsertRegion(ctx.db, region);
  for (const file of ['workers-notify.bpmn', 'workers-flaky.bpmn']) {
    await deployFile(ctx, path.join(import.meta.dirname, 'fixtures', file));
  }
  const workers = await startWorkers(ctx, {
    'notify-role': notifyRole,
    // The real notify-role handler, but the first delivery "crashes" after writing the outbox,
    // as a worker would that lost its connection: the engine delivers the same job again.
    'test-notify-role-flaky': defineJob({
      ...notifyRole,
      handle: async (input, job, deps) => {
        flakyAttempts.push(job.key);
        const outcome = await notifyRole.handle(input, job, deps);
        if (flakyAttempts.length === 1) throw new Error('verbinding verbroken na het schrijven van de outbox (test)');
        return outcome;
      },
    }),
  });
  stopWorkers = workers.stop;
});

afterAll(async () => {
  await stopWorkers?.();
  await ctx.close();
});

async function finished(key: string) {
  return eventually(async () => {
    const pi = await ctx.engine.getProcessInstance(key);
    return pi?.state === 'COMPLETED' ? pi : undefined;
  }, `instance ${key} to complete`);
}

test('notify-role: the SMTP server receives one mail with the reference and link, and no personal data', async () => {
  const seeded = await insertCase(ctx.db, regionId);
  const instance = await ctx.engine.startInstance('test-workers-notify', seeded.id, { caseId: seeded.id, caseReference: seeded.reference, region: regionId, safety: false, entry: 'regulier', testRole: 'accounthouder' });
  const key = instance.processInstanceKey;
  await finished(key);

  const mails = await eventually(async () => {
    const received = await mailboxFor(ctx.db, accounthouder);
    return received.length > 0 ? received : undefined;
  }, 'the mail in the SMTP mailbox');
  // Give a duplicate the time to show up before concluding there is none.
  await new Promise((r) => setTimeout(r, 1_000));
  const all = await mailboxFor(ctx.db, accounthouder);
  expect(all).toHaveLength(1);
  const [mail] = mails;
  expect(mail?.from).toBe(ctx.config.MAIL_FROM);
  expect(mail?.to).toEqual([accounthouder]);
  expect(mail?.subject).toBe(`[Doorzet] Casus ${seeded.reference}: er staat een taak voor u klaar`);
  expect(mail?.text).toContain(`${ctx.config.PUBLIC_BASE_URL}/casus/${seeded.id}`);
  for (const personal of [seeded.personName, '999990019', '2009-04-01', 'Voorbeeldstraat', 'Psychische', 'Anna']) {
    expect(`${mail?.subject}\n${mail?.text}`).not.toContain(personal);
  }
  const path_ = (await ctx.engine.elementInstances(key)).map((e) => `${e.elementId}:${e.state}`);
  expect(path_).toEqual(['start:COMPLETED', 'notify:COMPLETED', 'end:COMPLETED']);
  const outbox = await ctx.db.query(`SELECT status, attempts FROM mail_outbox WHERE case_id = $1`, [seeded.id]);
  expect(outbox.rows).toEqual([{ status: 'sent', attempts: 1 }]);
});

test('redelivery: a job whose first attempt fails after writing the outbox still sends exactly one mail', async () => {
  const seeded = await insertCase(ctx.db, regionId);
  const instance = await ctx.engine.startInstance('test-workers-flaky', seeded.id, { caseId: seeded.id, caseReference: seeded.reference, region: regionId, safety: false, entry: 'regulier', testRole: 'accounthouder' });
  const key = instance.processInstanceKey;
  await finished(key);
  // The engine handed the same job (same key) out twice: the failure was a real retry, not a second job.
  expect(flakyAttempts).toHaveLength(2);
  expect(new Set(flakyAttempts).size).toBe(1);

  await eventually(async () => ((await mailboxFor(ctx.db, accounthouder)).some((m) => m.subject.includes(seeded.reference)) ? true : undefined), 'the mail');
  await new Promise((r) => setTimeout(r, 1_500));
  const forCase = (await mailboxFor(ctx.db, accounthouder)).filter((m) => m.subject.includes(seeded.reference));
  expect(forCase).toHaveLength(1);
  const outbox = await ctx.db.query(`SELECT idempotency_key, status FROM mail_outbox WHERE case_id = $1`, [seeded.id]);
  expect(outbox.rows).toEqual([{ idempotency_key: `${flakyAttempts[0]}:${accounthouder}:notify-role:taak:accounthouder`, status: 'sent' }]);
});

test('GEEN_CONTACT: a role without contacts is caught by the boundary event and becomes a task for policy staff', async () => {
  const seeded = await insertCase(ctx.db, regionId);
  const instance = await ctx.engine.startInstance('test-workers-notify', seeded.id, { caseId: seeded.id, caseReference: seeded.reference, region: regionId, safety: false, entry: 'regulier', testRole: 'leeg' });
  const key = instance.processInstanceKey;
  const [task] = await eventually(async () => {
    const tasks = await ctx.engine.searchUserTasks({ processInstanceKeys: [key], state: 'CREATED' });
    return tasks.length > 0 ? tasks : undefined;
  }, 'the beleidsmedewerker task');
  expect(task).toMatchObject({ elementId: 'fix-contacts', candidateGroups: ['test:beleidsmedewerker'] });
  const pathTaken = (await ctx.engine.elementInstances(key)).map((e) => `${e.elementId}:${e.state}`);
  expect(pathTaken).toEqual(['start:COMPLETED', 'notify:TERMINATED', 'no-contact:COMPLETED', 'fix-contacts:ACTIVE']);
  const variables = Object.fromEntries((await ctx.engine.variablesOf([key])).map((v) => [v.name, v.value]));
  expect(variables.missingRole).toBe('leeg');

  await ctx.engine.completeUserTask(task!.key, {});
  await finished(key);
  const outbox = await ctx.db.query(`SELECT 1 FROM mail_outbox WHERE case_id = $1`, [seeded.id]);
  expect(outbox.rowCount).toBe(0);
});
