import { z } from 'zod';
import type { RegionSettings } from '../../domain/region.js';
import { FEEDBACK_FORM } from '../../domain/feedback.js';
import type { Milestone } from '../../domain/milestones.js';
import { type FormName, isFormName, taskForms } from '../../domain/task-forms.js';
import type { AppContext } from '../../platform/context.js';
import { many, transaction } from '../../platform/db/pool.js';
import { EngineError, type EngineUserTask } from '../../platform/engine/client.js';
import { isBoardRole } from '../http/access.js';
import { fail, fieldErrors } from '../http/problems.js';
import { appendEvent } from '../cases/repository.js';
import { insertFeedbackForm } from '../feedback/repository.js';
import { findRegions } from '../regions/repository.js';
import type { Membership } from '../session/schemas.js';
import type { Task, TaskListQuery } from './schemas.js';

const caseHead = z.object({ id: z.string(), reference: z.string(), region_id: z.string(), process_instance_key: z.string(), current_tier: z.number() });

/**
 * The task's own name in the region's model ("Besluiten welke partij per direct verantwoordelijk is"):
 * the form's label is shared by every task with that form ("Los op of schaal op"), so it only
 * stands in when a model leaves the name empty, with the role to tell such tasks apart.
 */
export function taskName(settings: RegionSettings | undefined, t: Pick<EngineUserTask, 'name' | 'formReference' | 'elementId' | 'candidateGroups'>): string {
  const named = t.name?.trim();
  if (named) return named;
  const form = t.formReference && isFormName(t.formReference) ? taskForms[t.formReference].label : undefined;
  const role = t.candidateGroups.map((g) => settings?.roles.find((r) => `${settings.id}:${r.id}` === g)?.name).find(Boolean);
  return [form ?? t.elementId, role].filter(Boolean).join(' — ');
}

async function toTasks(ctx: AppContext, tasks: EngineUserTask[], userId: string): Promise<Task[]> {
  if (tasks.length === 0) return [];
  const heads = await many(
    ctx.db,
    caseHead,
    'SELECT id, reference, region_id, process_instance_key, current_tier FROM "case" WHERE process_instance_key = ANY($1::text[])',
    [tasks.map((t) => t.processInstanceKey)],
  );
  const byInstance = new Map(heads.map((h) => [h.process_instance_key, h]));
  const regions = new Map((await findRegions(ctx.db, [...new Set(heads.map((h) => h.region_id))])).map((r) => [r.id, r]));
  const followUps = new Map(
    (
      await many(
        ctx.db,
        z.object({ task_key: z.string(), on: z.string() }),
        `SELECT task_key, to_char(follow_up_on, 'YYYY-MM-DD') AS on FROM task_follow_up WHERE user_id = $1 AND task_key = ANY($2::text[])`,
        [userId, tasks.map((t) => t.key)],
      )
    ).map((f) => [f.task_key, f.on]),
  );
  const now = Date.now();
  return tasks.flatMap((t) => {
    const head = byInstance.get(t.processInstanceKey);
    if (!head) return [];
    const due = t.dueDate ? new Date(t.dueDate) : null;
    return [
      {
        key: t.key,
        caseId: head.id,
        caseReference: head.reference,
        region: head.region_id,
        name: taskName(regions.get(head.region_id), t),
        elementId: t.elementId,
        form: t.formReference,
        candidateGroups: t.candidateGroups,
        roleNames: t.candidateGroups.map((g) => {
          const role = g.slice(g.indexOf(':') + 1);
          return regions.get(head.region_id)?.roles.find((r) => r.id === role)?.name ?? role;
        }),
        assignee: t.assignee,
        mine: t.assignee === userId,
        dueDate: due && !Number.isNaN(due.getTime()) ? due.toISOString() : null,
        overdue: t.state === 'CREATED' && due !== null && due.getTime() < now,
        createdAt: t.creationDate.toISOString(),
        state: t.state,
        followUp: followUps.get(t.key) ?? null,
      },
    ];
  });
}

const groupsOf = (memberships: Membership[]) => memberships.map((m) => `${m.region}:${m.role}`);

/** A page of the open tasks for every `<region>:<role>` the user holds, earliest due date first. */
export async function myTasks(ctx: AppContext, memberships: Membership[], userId: string, query: TaskListQuery = { page: 1, pageSize: 50 }): Promise<Task[]> {
  const groups = groupsOf(memberships);
  if (groups.length === 0) return [];
  let processInstanceKeys: string[] | undefined;
  if (query.caseId) {
    const { rows } = await ctx.db.query<{ key: string }>('SELECT process_instance_key AS key FROM "case" WHERE id = $1 AND process_instance_key IS NOT NULL', [query.caseId]);
    if (rows.length === 0) return [];
    processInstanceKeys = rows.map((r) => r.key);
  }
  // Sorted and paged in SQL: with thousands of open tasks a page must hold the most urgent ones.
  const tasks = await ctx.engine.searchUserTasks({
    state: 'CREATED',
    candidateGroups: groups,
    processInstanceKeys,
    order: 'due',
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return toTasks(ctx, tasks, userId);
}

export async function countMyTasks(ctx: AppContext, memberships: Membership[]): Promise<{ total: number }> {
  const groups = groupsOf(memberships);
  return { total: groups.length === 0 ? 0 : await ctx.engine.countOpenUserTasks(groups) };
}

async function load(ctx: AppContext, key: string): Promise<EngineUserTask> {
  const t = await ctx.engine.getUserTask(key);
  if (!t) throw fail.notFound('Deze taak bestaat niet.');
  return t;
}

export async function getTask(ctx: AppContext, key: string, userId: string): Promise<Task> {
  const [t] = await toTasks(ctx, [await load(ctx, key)], userId);
  if (!t) throw fail.notFound('Deze taak hoort bij geen casus.');
  return t;
}

async function engineCall(work: () => Promise<void>, what: string): Promise<void> {
  try {
    await work();
  } catch (error) {
    // The task was claimed by someone else, completed or is gone since we read it.
    if (error instanceof EngineError && error.isConflict) throw fail.conflict(`${what} lukt niet: de taak is al opgepakt of afgerond.`, error);
    throw fail.engine(`${what} lukt niet: de procesengine antwoordt niet.`, error);
  }
}

/** The milestone the model puts on this task (domain/milestones.ts), if any. */
async function milestoneOf(ctx: AppContext, t: EngineUserTask): Promise<Milestone | undefined> {
  return (await ctx.engine.ladder(t.processDefinitionKey)).milestones.get(t.elementId);
}

/** "Opgepakt" is the first action on the task the model marks so, not the first claim of any task (the reporter's own). */
async function markPickedUp(ctx: AppContext, t: EngineUserTask, caseId: string): Promise<void> {
  if ((await milestoneOf(ctx, t)) !== 'opgepakt') return;
  await ctx.db.query('UPDATE "case" SET picked_up_at = COALESCE(picked_up_at, now()) WHERE id = $1', [caseId]);
}

export async function claim(ctx: AppContext, key: string, userId: string, caseId: string): Promise<Task> {
  const t = await load(ctx, key);
  if (t.state !== 'CREATED') throw fail.conflict('Deze taak is al afgerond.');
  if (t.assignee && t.assignee !== userId) throw fail.conflict('Deze taak is al opgepakt door een collega.');
  if (t.assignee !== userId) await engineCall(() => ctx.engine.claimUserTask(key, userId), 'Oppakken');
  await markPickedUp(ctx, t, caseId);
  return { ...(await getTask(ctx, key, userId)), assignee: userId, mine: true };
}

export async function release(ctx: AppContext, key: string, userId: string): Promise<Task> {
  const t = await load(ctx, key);
  if (t.state !== 'CREATED') throw fail.conflict('Deze taak is al afgerond.');
  if (t.assignee !== userId) throw fail.conflict('Alleen wie de taak heeft opgepakt kan hem teruggeven.');
  await engineCall(() => ctx.engine.unclaimUserTask(key), 'Teruggeven');
  return { ...(await getTask(ctx, key, userId)), assignee: null, mine: false };
}

/**
 * The form values the task's model reads in an expression (a gateway's `${outcome == ...}`).
 * Explanations and other free text stay in Doorzet's database: they may name the resident,
 * and process variables never hold personal data.
 */
async function routingValues(ctx: AppContext, t: EngineUserTask, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { reads } = await ctx.engine.ladder(t.processDefinitionKey);
  return Object.fromEntries(Object.entries(values).filter(([name]) => reads.has(name)));
}

/**
 * The fixed-format feedback is read by the region's board only (api/feedback), so its free
 * text stays out of the timeline, which every member of the region reads.
 */
function timelineValues(form: FormName, values: Record<string, unknown>): Record<string, unknown> {
  if (form !== FEEDBACK_FORM) return values;
  const freeText = new Set(taskForms[form].fields.filter((f) => f.type === 'textarea').map((f) => f.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => !freeText.has(name)));
}

/**
 * Completes a task with its form, validated by the form's schema. The decision of the
 * top tier (`besluit`) is reserved for board roles, whatever candidate group a model gives it.
 */
export async function complete(
  ctx: AppContext,
  key: string,
  input: Record<string, unknown>,
  actor: { userId: string; name: string; roles: string[]; region: string; caseId: string },
) {
  const t = await load(ctx, key);
  if (t.state !== 'CREATED') throw fail.conflict('Deze taak is al afgerond.');
  if (t.assignee && t.assignee !== actor.userId) throw fail.conflict('Deze taak is opgepakt door een collega.');
  const form = t.formReference;
  if (!form || !isFormName(form)) throw fail.conflict(`Deze taak heeft een onbekend formulier (${form ?? 'geen'}).`);
  const parsed = taskForms[form].schema.safeParse(input);
  if (!parsed.success) throw fail.formInvalid(fieldErrors(parsed.error));
  const [settings] = await findRegions(ctx.db, [actor.region]);
  if (form === 'besluit' && !actor.roles.some((role) => settings && isBoardRole(settings, role))) {
    throw fail.forbidden('Alleen het bestuur (de bovenste trede) neemt dit besluit.');
  }
  const values = parsed.data as Record<string, unknown>;
  const milestone = await milestoneOf(ctx, t);
  // inform-parties reads the party from the case row and can run the moment the engine moves on,
  // before the transaction below commits: the named party is on the row first.
  if (typeof values.responsibleParty === 'string') {
    await ctx.db.query('UPDATE "case" SET responsible_party = $2 WHERE id = $1', [actor.caseId, values.responsibleParty]);
  }
  await engineCall(async () => ctx.engine.completeUserTask(key, await routingValues(ctx, t, values)), 'Afronden');
  const role = actor.roles[0]!;
  await transaction(ctx.db, async (client) => {
    const [tier] = await many(
      client,
      z.object({ current_tier: z.number() }),
      `UPDATE "case" SET picked_up_at = CASE WHEN $6 THEN COALESCE(picked_up_at, now()) ELSE picked_up_at END,
              decided_at = CASE WHEN $2 THEN COALESCE(decided_at, now()) ELSE decided_at END,
              help_started_at = CASE WHEN $3 THEN COALESCE(help_started_at, now()) ELSE help_started_at END,
              responsible_party = COALESCE($4, responsible_party),
              knelpunten = ARRAY(SELECT DISTINCT k FROM unnest(knelpunten || $5::text[]) AS k ORDER BY k)
        WHERE id = $1
        RETURNING current_tier`,
      [
        actor.caseId,
        // The decision that starts the help (seed 001 §6.6): the marked decision, unless it passed the
        // case up without deciding (an expertteam or overleg that found no solution), or a tier that solved it.
        (milestone === 'besluit' && values.outcome !== 'opschalen') || values.outcome === 'opgelost',
        milestone === 'hulp-ingezet' && values.helpStarted !== false,
        (values.responsibleParty as string | undefined) ?? null,
        (values.knelpunten as string[] | undefined) ?? [],
        milestone === 'opgepakt',
      ],
    );
    // Every form that names a responsible party records a decision: the top tier's besluit, an
    // overleg that found a solution, an expertteam's binding advice (Gooi en Vechtstreek, seed 001 §2).
    if (typeof values.responsibleParty === 'string') {
      await client.query(
        `INSERT INTO decision (case_id, task_key, form, responsible_party, rationale, decided_by, decided_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (task_key) DO NOTHING`,
        [actor.caseId, key, form, values.responsibleParty ?? null, String(values.rationale ?? values.toelichting ?? ''), actor.name, role],
      );
    }
    if (form === FEEDBACK_FORM) {
      const v = parsed.data as z.infer<(typeof taskForms)[typeof FEEDBACK_FORM]['schema']>;
      await insertFeedbackForm(
        client,
        actor.caseId,
        {
          taskKey: key,
          meetingHeldOn: v.datumOverleg,
          responsibleMunicipality: v.verantwoordelijkeGemeente,
          partners: v.partners,
          solution: v.oplossing,
          solutionDescription: v.oplossingOmschrijving || null,
          agreements: v.afspraken,
          missingProvision: v.ontbrekendAanbod || null,
          knelpunten: v.knelpunten ?? [],
        },
        { name: actor.name, role },
      );
    }
    await appendEvent(client, {
      caseId: actor.caseId,
      kind: 'taak-afgerond',
      tier: tier?.current_tier ?? null,
      actor: `${actor.name} (${role})`,
      summary: `${taskForms[form].label}`,
      details: { taskKey: key, elementId: t.elementId, form, ...timelineValues(form, values) },
      idempotencyKey: `task-complete-${key}`,
    });
  });
  return { key, form, status: 'completed' as const };
}

/** The user's own reminder date on a task; only they see it. */
export async function setFollowUp(ctx: AppContext, key: string, userId: string, date: string | null) {
  if (date === null) await ctx.db.query('DELETE FROM task_follow_up WHERE user_id = $1 AND task_key = $2', [userId, key]);
  else
    await ctx.db.query(
      `INSERT INTO task_follow_up (user_id, task_key, follow_up_on) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, task_key) DO UPDATE SET follow_up_on = EXCLUDED.follow_up_on`,
      [userId, key, date],
    );
  return { key, followUp: date };
}
