import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import type { DeadlineSpan } from '../../domain/region.js';
import { planReminder, planSpan } from '../../domain/workdays.js';
import { createPool, many } from '../../platform/db/pool.js';
import { deployFile, eventually, testContext } from '../support/context.js';

/**
 * The engine's bean `termijn` (engine/…/Termijn.java, Werkdagen.java) and domain/workdays.ts are
 * two copies of one rule set: held equal here on the running engine, for moments around
 * weekends, public holidays and the clock changes.
 */
const ctx = testContext();
// The timers' due dates are only in the engine's job table; the test reads it directly.
const engineDb = createPool(ctx.config.ENGINE_DATABASE_URL as string, 2);

beforeAll(() => deployFile(ctx, path.join(import.meta.dirname, 'fixtures', 'termijn.bpmn')));
afterAll(async () => {
  await engineDb.end();
  await ctx.close();
});

const TERMIJNEN = { 'lang-genoeg': { escalateAfter: { werkdagen: 3 } } };

async function start(variables: Record<string, unknown>) {
  return (await ctx.engine.startInstance('test-termijn', `termijn-${crypto.randomUUID()}`, { termijnen: TERMIJNEN, ...variables })).processInstanceKey;
}

async function openTasks(keys: string[], count: number) {
  return eventually(async () => {
    const tasks = await ctx.engine.searchUserTasks({ processInstanceKeys: keys, state: 'CREATED', limit: 10_000 });
    return tasks.length >= count ? tasks : undefined;
  }, `${count} tasks`);
}

test('working days and calendar spans: the engine computes the same due dates as workdays.ts', async () => {
  const instants = [
    '2026-11-27T16:30:00.000Z', // Friday evening
    '2026-11-28T10:00:00.000Z', // Saturday
    '2026-12-23T08:15:42.250Z', // before Christmas, with seconds and milliseconds
    '2026-12-31T23:30:00.000Z', // New Year's Day in Amsterdam already
    '2026-10-24T23:30:00.000Z', // Sunday 01:30 Amsterdam, the night the clocks go back
    '2026-10-23T00:30:00.000Z', // 02:30 on a Friday: lands on the Monday after the change
    '2027-03-26T01:30:00.000Z', // 02:30 on the Friday before the clocks go forward (02:30 does not exist that Sunday)
    '2027-03-25T11:00:00.000Z', // before Goede Vrijdag, Easter and Tweede Paasdag 2027
    '2027-04-26T07:00:00.000Z', // the day before Koningsdag
    '2027-05-05T10:00:00.000Z', // Hemelvaart and Pinksteren ahead
    '2030-05-03T09:00:00.000Z', // Bevrijdingsdag 2030 is a day off
    '2028-02-28T12:00:00.000Z', // leap year
  ];
  const spans: DeadlineSpan[] = [
    { werkdagen: 1 },
    { werkdagen: 3 },
    { werkdagen: 5 },
    { werkdagen: 10 },
    { werkdagen: 25 },
    { duration: 'P1M' },
    { duration: 'P5D' },
    { duration: 'PT36H' },
    { duration: 'P1Y2M3DT4H5M6.5S' },
  ];
  const cases = instants.flatMap((vanaf) => spans.map((span) => ({ vanaf, span })));
  const keys: string[] = [];
  for (const c of cases) keys.push(await start({ vanaf: c.vanaf, span: JSON.stringify(c.span) }));
  const tasks = (await openTasks(keys, cases.length * 3)).filter((t) => t.elementId === 'vanaf');
  const byInstance = new Map(tasks.map((t) => [t.processInstanceKey, t.dueDate]));
  const engine = cases.map((c, i) => ({ ...c, due: byInstance.get(keys[i]!) }));
  const expected = cases.map((c) => ({ ...c, due: planSpan(c.span, new Date(c.vanaf)).due.toISOString() }));
  expect(engine).toEqual(expected);
  // A month-end calendar span carries over like JavaScript's Date (31 January + 1 month = 3 March).
  const overflow = await start({ vanaf: '2027-01-31T10:00:00.000Z', span: JSON.stringify({ duration: 'P1M' }) });
  const [task] = (await openTasks([overflow], 3)).filter((t) => t.elementId === 'vanaf');
  expect(task!.dueDate).toBe('2027-03-03T10:00:00.000Z');
});

test('a step fixes its deadline once: the task due date and the escalation timer agree, the reminder is halfway', async () => {
  const key = await start({ vanaf: '2027-01-04T09:00:00.000Z', span: JSON.stringify({ werkdagen: 1 }) });
  const stap = (await openTasks([key], 3)).find((t) => t.elementId === 'stap')!;
  const timers = await many(
    engineDb,
    z.object({ elementId: z.string(), due: z.date() }),
    `SELECT j.handler_cfg_ AS "elementId", j.duedate_ AS due FROM act_ru_job j WHERE j.process_instance_id_ = $1 AND j.type_ = 'timer'`,
    [key],
  );
  const due = (id: string) => timers.find((t) => t.elementId.startsWith(id))?.due.toISOString();
  expect(due('verlopen')).toBe(stap.dueDate);
  // The engine's clock at the step, not the task's rounded creation time, is the start: allow a second.
  const planned = planSpan({ werkdagen: 3 }, new Date(stap.creationDate));
  expect(Math.abs(new Date(stap.dueDate!).getTime() - planned.due.getTime())).toBeLessThan(1_000);
  const reminder = planReminder(planned, undefined, new Date(stap.creationDate));
  expect(Math.abs(new Date(due('herinnering')!).getTime() - reminder.due.getTime())).toBeLessThan(1_000);
  // A step without timers has a due date too, but keeps nothing on the case (a next visit starts afresh).
  const zonder = (await openTasks([key], 3)).find((t) => t.elementId === 'zonder')!;
  expect(Math.abs(new Date(zonder.dueDate!).getTime() - planned.due.getTime())).toBeLessThan(1_000);
  const kept = await many(engineDb, z.object({ name: z.string() }), `SELECT name_ AS name FROM act_hi_varinst WHERE proc_inst_id_ = $1 AND name_ LIKE 'due%'`, [key]);
  expect(kept.map((v) => v.name)).toEqual(['due_lang_genoeg']);
});
