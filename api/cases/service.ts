import crypto from 'node:crypto';
import { z } from 'zod';
import { CASE_SOLVED_MESSAGE, caseStartVariables, caseTermijnen } from '../../domain/process.js';
import type { AppContext } from '../../platform/context.js';
import { many, transaction } from '../../platform/db/pool.js';
import type { RegionSettings } from '../../domain/region.js';
import { type FieldError, fail } from '../http/problems.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';
import type { CaseListQuery, CreateCase } from './schemas.js';

/**
 * Where the region lists its municipalities, the melding may name the case's own (seed 003: the
 * verantwoordelijke gemeente is that of the case, not one fixed role); the web form asks for it.
 * A resident's own melding (api/public-melding) names none: the overleg then invites no gemeente.
 */
function gemeenteError(settings: RegionSettings, gemeente: string | undefined): FieldError | null {
  if (gemeente === undefined) return null;
  const listed = settings.gemeenten ?? [];
  if (listed.length === 0) return { path: 'body.gemeente', message: `${settings.name} kent geen keuze van gemeente.` };
  return listed.some((g) => g.id === gemeente) ? null : { path: 'body.gemeente', message: `Gemeente "${gemeente}" hoort niet bij ${settings.name}.` };
}

/**
 * A melding: the case row, its organisations and the resident's data (only in
 * case_person) are committed first, then the region's model is started. Committing
 * first matters: the model's first job runs within milliseconds and its worker looks
 * the case up. If the engine refuses, the case is deleted again, so a melding either
 * has both a case and a process or neither. The engine gets the start variables only.
 */
export async function createCase(ctx: AppContext, region: string, input: CreateCase, actor: string) {
  const settings = await getRegion(ctx, region);
  if ((await repo.recentMeldingen(ctx.db, actor)) >= ctx.config.MELDINGEN_PER_MINUTE) throw fail.tooMany(60);
  const gemeente = gemeenteError(settings, input.gemeente);
  if (gemeente) throw fail.formInvalid([gemeente]);
  const id = crypto.randomUUID();
  const reference = await transaction(ctx.db, async (client) => {
    const next = await repo.nextReference(client, new Date().getFullYear());
    await repo.insertCase(client, { id, reference: next, region, bpmnProcessId: settings.bpmnProcessId, reportedBy: actor, input });
    await repo.appendEvent(client, {
      caseId: id,
      kind: 'melding',
      tier: 1,
      actor,
      summary: 'Melding vastgelopen casus',
      details: { domains: input.domains, safety: input.safety, entry: input.entry, urgentie: input.urgentie, ...(input.gemeente ? { gemeente: input.gemeente } : {}) },
    });
    return next;
  });
  const variables = caseStartVariables.parse({
    caseId: id,
    caseReference: reference,
    region,
    safety: input.safety,
    entry: input.entry,
    ...(input.gemeente ? { gemeente: input.gemeente } : {}),
    contactOntbreekt: false,
    termijnen: caseTermijnen(settings, input.urgentie),
  });
  let started;
  try {
    started = await ctx.engine.startInstance(settings.bpmnProcessId, id, variables);
  } catch (error) {
    await repo.deleteCase(ctx.db, id);
    throw fail.engine(`Het model van ${settings.name} kon niet worden gestart; is er een versie uitgerold?`, error);
  }
  await repo.setProcessInstance(ctx.db, id, started.processInstanceKey, started.version);
  return { id, reference };
}

/**
 * A page of the region's cases. Whether a case waits, for whom and until when is the engine's
 * knowledge (its open tasks), so those are read once for the region and joined here.
 */
export async function listCases(ctx: AppContext, region: string, filter: CaseListQuery, myRoles: string[]) {
  const settings = await getRegion(ctx, region);
  const now = Date.now();
  const waiting = new Map<string, { roles: Set<string>; elements: Set<string>; due: number | null }>();
  const collect = (open: Awaited<ReturnType<typeof ctx.engine.searchUserTasks>>) => {
    for (const t of open) {
      const entry = waiting.get(t.processInstanceKey) ?? { roles: new Set<string>(), elements: new Set<string>(), due: null };
      entry.elements.add(t.elementId);
      for (const group of t.candidateGroups) if (group.startsWith(`${region}:`)) entry.roles.add(group.slice(region.length + 1));
      const due = t.dueDate ? new Date(t.dueDate).getTime() : Number.NaN;
      if (!Number.isNaN(due)) entry.due = entry.due === null ? due : Math.min(entry.due, due);
      waiting.set(t.processInstanceKey, entry);
    }
  };
  let only: string[] | null = null;
  const engineFilter = Boolean(filter.overdue || filter.waitingForMe || filter.element);
  // A filter on the engine's knowledge needs all the region's open tasks; otherwise only the page's are read.
  if (engineFilter) collect(await ctx.engine.searchUserTasks({ state: 'CREATED', bpmnProcessId: settings.bpmnProcessId, limit: 1_000_000 }));
  if (engineFilter) {
    only = [...waiting.entries()]
      .filter(
        ([, w]) =>
          (!filter.overdue || (w.due !== null && w.due < now)) &&
          (!filter.waitingForMe || myRoles.some((r) => w.roles.has(r))) &&
          (!filter.element || w.elements.has(filter.element)),
      )
      .map(([key]) => key);
  }
  const { rows, total } = await repo.listCases(ctx.db, region, filter, only);
  const pageKeys = rows.map((r) => r.processInstanceKey).filter((k): k is string => k !== null);
  if (!engineFilter && pageKeys.length > 0) collect(await ctx.engine.searchUserTasks({ state: 'CREATED', processInstanceKeys: pageKeys, limit: 10_000 }));
  const items = rows.map(({ processInstanceKey, ...row }) => {
    const w = processInstanceKey ? waiting.get(processInstanceKey) : undefined;
    return {
      ...row,
      waitingFor: [...(w?.roles ?? [])].sort(),
      dueDate: w?.due != null ? new Date(w.due).toISOString() : null,
      overdue: w?.due != null && w.due < now,
    };
  });
  return { items, total };
}

export async function getCase(ctx: AppContext, id: string) {
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw fail.notFound('Deze casus bestaat niet.');
  let position: string[] = [];
  let processDefinitionKey: string | null = null;
  if (row.processInstanceKey) {
    const [active, instance] = await Promise.all([
      ctx.engine.activeElements(row.processInstanceKey),
      ctx.engine.getProcessInstance(row.processInstanceKey),
    ]);
    position = active;
    processDefinitionKey = instance?.processDefinitionKey ?? null;
  }
  const { bpmnProcessId: _omit, ...rest } = row;
  return { ...rest, position, processDefinitionKey };
}

export async function getPerson(ctx: AppContext, id: string) {
  const person = await repo.findPerson(ctx.db, id);
  if (!person) throw fail.notFound('Geen persoonsgegevens bij deze casus.');
  return person;
}

export const timeline = (ctx: AppContext, id: string) => repo.timelineOf(ctx.db, id);

/** Sub-process and multi-instance containers are left out: the diagram marks what happened inside them. */
const CONTAINER_TYPES = new Set(['subProcess', 'multiInstanceBody']);

export async function casePath(ctx: AppContext, id: string) {
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw fail.notFound('Deze casus bestaat niet.');
  const instances = row.processInstanceKey ? await ctx.engine.elementInstances(row.processInstanceKey) : [];
  return { elements: instances.filter((e) => !CONTAINER_TYPES.has(e.elementType)).map((e) => ({ elementId: e.elementId, state: e.state })) };
}
export const decisions = (ctx: AppContext, id: string) => repo.decisionsOf(ctx.db, id);

const CLOSED_AS: Record<string, string> = { solved: 'opgelost', decided: 'besluit genomen', referred: 'doorverwezen', closed: 'gesloten' };

/**
 * Correlates `casus-opgelost` with the case's instance (business key = case id); the model's
 * event subprocess ends the escalation and hands casusregie back. Operaton does not keep a
 * message that nothing waits for, so a case that no longer waits for it gets a 409.
 */
export async function markSolved(ctx: AppContext, id: string, toelichting: string, actor: string): Promise<void> {
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw fail.notFound('Deze casus bestaat niet.');
  if (row.status !== 'open') throw fail.conflict(`Deze casus wacht niet meer op "casus opgelost": hij is al afgesloten (${CLOSED_AS[row.status] ?? row.status}).`);
  let correlated: boolean;
  try {
    correlated = await ctx.engine.correlateMessage(CASE_SOLVED_MESSAGE, id);
  } catch (error) {
    throw fail.engine('Het bericht "casus opgelost" kon niet worden verstuurd.', error);
  }
  if (!correlated) throw fail.conflict('Deze casus wacht niet (meer) op "casus opgelost": het proces is al verder of afgerond.');
  // Solved between the parties is the decision that starts the help (docs/figures.md).
  await ctx.db.query('UPDATE "case" SET decided_at = COALESCE(decided_at, now()) WHERE id = $1', [id]);
  await repo.appendEvent(ctx.db, {
    caseId: id,
    kind: 'opgelost-gemeld',
    tier: row.currentTier,
    actor,
    summary: 'Casus als opgelost gemeld',
    details: { toelichting },
    idempotencyKey: `opgelost-gemeld-${id}`,
  });
}

export const comments = (ctx: AppContext, id: string) => repo.commentsOf(ctx.db, id);

/** A comment in the case's thread, signed with the role in which the author works the case. */
export function addComment(ctx: AppContext, id: string, body: string, author: { id: string; name: string; roles: string[] }) {
  return repo.insertComment(ctx.db, { caseId: id, authorId: author.id, authorName: author.name, role: author.roles[0] ?? '', body });
}

/** The melding form's choices for a region, from its newest deployed model and its settings. */
export async function meldingOptions(ctx: AppContext, region: string): Promise<{ safety: boolean; direct: boolean; crisis: boolean }> {
  const settings = await getRegion(ctx, region);
  const newest = await ctx.engine.newestDefinition(settings.bpmnProcessId);
  const { reads } = newest ? await ctx.engine.ladder(newest.processDefinitionKey) : { reads: new Set<string>() };
  return { safety: reads.has('safety'), direct: reads.has('entry'), crisis: Object.values(settings.deadlines).some((d) => d.crisisEscalateAfter !== undefined) };
}
