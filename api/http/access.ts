import { z } from 'zod';
import type { RegionSettings } from '../../domain/region.js';
import type { AppContext } from '../../platform/context.js';
import { maybeOne } from '../../platform/db/pool.js';
import { needToKnowRoles } from '../privacy/service.js';
import { findRegion } from '../regions/repository.js';
import type { Membership } from '../session/schemas.js';
import { fail } from './problems.js';
import type { Access, Auth, RoleRule, Scope } from './route.js';

/** Roles that take the top-tier decision (besluit) wherever they appear in a region's ladder. */
export const BOARD_ROLES = new Set(['portefeuillehouder', 'burgemeester', 'brandpuntfunctionaris', 'bestuurder', 'wethouder']);

/** The region role that handles privacy requests (inzage, erasure) and retention runs; outside the ladder (tier 0). */
export const FUNCTIONAL_ADMIN = 'functioneel-beheerder';

export function topTier(settings: RegionSettings): number {
  return Math.max(...settings.roles.map((r) => r.tier));
}

/** A board role by name, or any role at the region's top tier. */
export function isBoardRole(settings: RegionSettings, role: string): boolean {
  const found = settings.roles.find((r) => r.id === role);
  if (!found) return false;
  return BOARD_ROLES.has(role) || found.tier === topTier(settings);
}

export function rolesAdmitted(settings: RegionSettings, memberships: Membership[], rule: RoleRule): string[] {
  const mine = memberships.filter((m) => m.region === settings.id).map((m) => m.role);
  const tierOf = (role: string) => settings.roles.find((r) => r.id === role)?.tier;
  const organisers = settings.learningMeeting.organisers ?? [];
  switch (rule) {
    case 'member':
      return mine;
    case 'caseWorker':
    case 'caseRole':
      return mine.filter((role) => (tierOf(role) ?? 0) >= 1);
    case 'policy':
      return mine.filter((role) => role === 'beleidsmedewerker');
    case 'functionalAdmin':
      return mine.filter((role) => role === FUNCTIONAL_ADMIN);
    case 'policyOrManager':
      return mine.filter((role) => role === 'beleidsmedewerker' || role === 'manager');
    case 'learning':
      return mine.filter((role) => role === 'beleidsmedewerker' || role === 'manager' || organisers.includes(role));
    case 'learningOrganiser':
      return mine.filter((role) => role === 'beleidsmedewerker' || organisers.includes(role));
    case 'board':
      return mine.filter((role) => isBoardRole(settings, role));
  }
}

const caseRow = z.object({ id: z.string(), reference: z.string(), region_id: z.string(), process_instance_key: z.string().nullable() });

export function findCaseHead(ctx: AppContext, id: string) {
  return maybeOne(ctx.db, caseRow, 'SELECT id, reference, region_id, process_instance_key FROM "case" WHERE id = $1', [id]);
}

export function findCaseByInstance(ctx: AppContext, processInstanceKey: string) {
  return maybeOne(ctx.db, caseRow, 'SELECT id, reference, region_id, process_instance_key FROM "case" WHERE process_instance_key = $1', [processInstanceKey]);
}

async function regionScope(ctx: AppContext, auth: Auth, region: string, rule: RoleRule, extra: Partial<Scope> = {}): Promise<Scope> {
  const settings = await findRegion(ctx.db, region);
  // An unknown region and a region the user does not belong to look the same from outside.
  if (!settings) throw fail.forbidden();
  const roles = rolesAdmitted(settings, auth.user.memberships, rule);
  if (roles.length === 0) throw fail.forbidden();
  return { region, roles, ...extra };
}

/**
 * Decides whether `auth` may call a route with these (parsed) path parameters, and in which
 * role. What is known about the target is written into `known` before a refusal, so the
 * audit entry of a refused attempt still names the case and its region.
 */
export async function resolveAccess(
  ctx: AppContext,
  access: Access,
  auth: Auth | undefined,
  params: Record<string, unknown>,
  known: Scope,
): Promise<Scope> {
  if (access.kind === 'public') return { roles: [] };
  if (!auth) throw fail.unauthenticated();
  switch (access.kind) {
    case 'signedIn':
      return { roles: [] };
    case 'region':
      return regionScope(ctx, auth, String(params.region), access.rule);
    case 'anyRegion': {
      for (const region of new Set(auth.user.memberships.map((m) => m.region))) {
        const scope = await regionScope(ctx, auth, region, access.rule).catch(() => undefined);
        if (scope) return scope;
      }
      throw fail.forbidden();
    }
    case 'case': {
      const head = await findCaseHead(ctx, String(params.id));
      if (!head) throw fail.notFound('Deze casus bestaat niet.');
      Object.assign(known, { region: head.region_id, caseId: head.id, caseReference: head.reference });
      const scope = await regionScope(ctx, auth, head.region_id, access.rule, { caseId: head.id, caseReference: head.reference });
      if (access.rule !== 'caseRole') return scope;
      const roles = await needToKnowRoles(ctx, head, auth.user.id, scope.roles);
      if (roles.length === 0) {
        throw fail.forbidden('Je rol heeft geen taak of besluit in deze casus. Heb je de gegevens toch nodig, vraag dan noodtoegang aan met een reden.');
      }
      return { ...scope, roles };
    }
    case 'task': {
      const task = await ctx.engine.getUserTask(String(params.key));
      if (!task) throw fail.notFound('Deze taak bestaat niet.');
      const head = await findCaseByInstance(ctx, task.processInstanceKey);
      if (!head) throw fail.forbidden();
      Object.assign(known, { region: head.region_id, caseId: head.id, caseReference: head.reference });
      const groups = new Set(task.candidateGroups);
      // Only groups of the case's own region count, whatever a model might name.
      const roles = auth.user.memberships.filter((m) => m.region === head.region_id && groups.has(`${m.region}:${m.role}`));
      if (roles.length === 0) throw fail.forbidden();
      return { region: head.region_id, roles: roles.map((m) => m.role), caseId: head.id, caseReference: head.reference };
    }
  }
}
