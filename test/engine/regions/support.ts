import { expect } from 'vitest';
import { caseStartVariables, caseTermijnen } from '../../../domain/process.js';
import type { RegionSettings } from '../../../domain/region.js';
import { isFormName, taskForms } from '../../../domain/task-forms.js';
import { mailMentioning } from '../../../platform/mail/mailbox.js';
import { readSeedSettings } from '../../../platform/regions.js';
import { startWorkers } from '../../../workers/service.js';
import { type TestContext, eventually, testContext } from '../../support/context.js';
import { insertCase, upsertRegion } from '../../support/seed-case.js';

/** One region's model run by the real engine and the real workers, as the API would start it. */
export function regionHarness(region: string) {
  const ctx: TestContext = testContext();
  const seed = readSeedSettings(region);
  let stopWorkers: (() => Promise<void>) | undefined;
  /** The settings a new case takes its deadlines from, as the API takes them from the region row. */
  let current: RegionSettings = seed;

  return {
    ctx,
    seed,
    async setUp() {
      await upsertRegion(ctx.db, seed);
      stopWorkers = (await startWorkers(ctx)).stop;
    },
    async tearDown() {
      await upsertRegion(ctx.db, seed);
      await stopWorkers?.();
      await ctx.close();
    },
    /** Region settings with some deadlines replaced (second-scale durations for timer tests). */
    async useDeadlines(overrides: Record<string, { escalate: string; remind: string }>) {
      const settings: RegionSettings = structuredClone(seed);
      for (const [key, { escalate, remind }] of Object.entries(overrides)) {
        settings.deadlines[key] = { ...settings.deadlines[key]!, escalateAfter: { duration: escalate }, remindAfter: { duration: remind } };
      }
      await upsertRegion(ctx.db, settings);
      current = settings;
    },
    async restoreDeadlines() {
      await upsertRegion(ctx.db, seed);
      current = seed;
    },
    /** Region settings with a role's contacts removed (or put back), as policy staff would edit them. */
    async setContacts(roleId: string, contacts: RegionSettings['roles'][number]['contacts']) {
      const settings: RegionSettings = structuredClone(current);
      settings.roles.find((r) => r.id === roleId)!.contacts = contacts;
      await upsertRegion(ctx.db, settings);
      current = settings;
    },

    async start(options: { safety?: boolean; entry?: 'regulier' | 'direct'; urgentie?: 'regulier' | 'crisis'; gemeente?: string } = {}) {
      const seeded = await insertCase(ctx.db, region, { safety: options.safety ?? false, organisations: ['Zorgaanbieder Voorbeeld A'] });
      const variables = caseStartVariables.parse({
        caseId: seeded.id,
        caseReference: seeded.reference,
        region,
        safety: options.safety ?? false,
        entry: options.entry ?? 'regulier',
        ...(options.gemeente ? { gemeente: options.gemeente } : {}),
        contactOntbreekt: false,
        termijnen: caseTermijnen(current, options.urgentie ?? 'regulier'),
      });
      const instance = await ctx.engine.startInstance(seed.bpmnProcessId, seeded.id, variables);
      const key = instance.processInstanceKey;
      await ctx.db.query('UPDATE "case" SET process_instance_key = $2, process_version = $3 WHERE id = $1', [seeded.id, key, instance.version]);
      return { ...seeded, key };
    },

    /** Waits for the open user task of an element and completes it with form data the form's schema accepts. */
    async complete(key: string, elementId: string, data: Record<string, unknown>) {
      const task = await eventually(async () => {
        const tasks = await ctx.engine.searchUserTasks({ processInstanceKeys: [key], state: 'CREATED' });
        return tasks.find((t) => t.elementId === elementId);
      }, `user task ${elementId}`, 30_000);
      expect(task.candidateGroups.every((g) => g.startsWith(`${region}:`))).toBe(true);
      const form = task.formReference ?? '';
      expect(isFormName(form), `form ${form}`).toBe(true);
      const parsed = taskForms[form as keyof typeof taskForms].schema.parse(data);
      await ctx.engine.completeUserTask(task.key, parsed);
      return task;
    },

    async waitForTask(key: string, elementId: string, timeoutMs = 30_000) {
      return eventually(async () => {
        const tasks = await ctx.engine.searchUserTasks({ processInstanceKeys: [key], state: 'CREATED' });
        return tasks.find((t) => t.elementId === elementId);
      }, `user task ${elementId}`, timeoutMs);
    },

    async finished(key: string) {
      await eventually(async () => {
        const pi = await ctx.engine.getProcessInstance(key);
        return pi?.state === 'COMPLETED' ? pi : undefined;
      }, `instance ${key} to complete`, 30_000);
      return (await ctx.engine.elementInstances(key)).map((e) => e.elementId);
    },

    async solvedByMessage(caseId: string) {
      expect(await ctx.engine.correlateMessage('casus-opgelost', caseId)).toBe(true);
    },

    async caseRow(caseId: string) {
      const { rows } = await ctx.db.query<{ status: string; current_tier: number; closed_at: Date | null }>(
        'SELECT status, current_tier, closed_at FROM "case" WHERE id = $1',
        [caseId],
      );
      return rows[0]!;
    },
    async events(caseId: string) {
      const { rows } = await ctx.db.query<{ kind: string; tier: number | null }>('SELECT kind, tier FROM case_event WHERE case_id = $1 ORDER BY id', [caseId]);
      return rows;
    },
    /** The tier changes on the case's timeline (written by the workers' tier tracker), waiting until there are `count`. */
    async tierChanges(caseId: string, count: number) {
      return eventually(async () => {
        const { rows } = await ctx.db.query<{ kind: string; tier: number; summary: string }>(
          `SELECT kind, tier, summary FROM case_event WHERE case_id = $1 AND kind IN ('tier-change', 'automatic-escalation') ORDER BY id`,
          [caseId],
        );
        return rows.length >= count ? rows : undefined;
      }, `${count} tier changes`, 30_000);
    },
    /** Mail the embedded SMTP server received about this case, waiting until `predicate` holds. */
    async mail(reference: string, predicate: (mails: Awaited<ReturnType<typeof mailMentioning>>) => boolean, what: string) {
      return eventually(async () => {
        const mails = await mailMentioning(ctx.db, reference);
        return predicate(mails) ? mails : undefined;
      }, what, 30_000);
    },
    contactOf(role: string) {
      return seed.roles.find((r) => r.id === role)!.contacts[0]!.email.toLowerCase();
    },
  };
}

export const beoordelen = (outcome: 'opgelost' | 'opschalen' | 'afschalen') => ({ outcome, toelichting: `Test: ${outcome}` });
export const besluit = { responsibleParty: 'Zorgaanbieder Voorbeeld A', rationale: 'Test: deze partij heeft de passende plek.' };
