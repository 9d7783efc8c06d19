import { deadlineReferences, roleReferences } from '../../bpmn/validate.js';
import type { RegionSettings } from '../../domain/region.js';
import type { AppContext } from '../../platform/context.js';
import { findVersion, listVersions } from '../models/repository.js';
import { isBoardRole } from '../http/access.js';
import { type DeadlineInUse, type FieldError, type Finding, type RoleInUse, fail } from '../http/problems.js';
import type { Membership } from '../session/schemas.js';
import { findRegion, findRegions, updateRegion } from './repository.js';

export async function listRegions(ctx: AppContext, memberships: Membership[]) {
  const regions = await findRegions(ctx.db, [...new Set(memberships.map((m) => m.region))]);
  return regions.map((r) => ({
    id: r.id,
    name: r.name,
    roles: memberships.filter((m) => m.region === r.id).map((m) => m.role),
    learningOrganisers: r.learningMeeting.organisers ?? [],
    boardRoles: r.roles.filter((role) => isBoardRole(r, role.id)).map((role) => role.id),
  }));
}

export async function getRegion(ctx: AppContext, id: string): Promise<RegionSettings> {
  const region = await findRegion(ctx.db, id);
  if (!region) throw fail.notFound('Deze regio bestaat niet.');
  return region;
}

/** The roles without which nobody could change the settings back or watch the region. */
export const REQUIRED_ROLES = ['beleidsmedewerker', 'manager'];

const duplicates = (ids: string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/** What the schema cannot see: ids unique within the region, each role on a tier the region has. */
export function settingsErrors(settings: RegionSettings): FieldError[] {
  const errors: FieldError[] = [];
  for (const required of REQUIRED_ROLES) {
    if (!settings.roles.some((r) => r.id === required)) errors.push({ path: 'body.roles', message: `De rol ${required} is verplicht.` });
  }
  for (const id of duplicates(settings.roles.map((r) => r.id))) errors.push({ path: 'body.roles', message: `Rol-id "${id}" komt meer dan één keer voor; elke rol heeft een eigen id.` });
  for (const id of duplicates(settings.partners.map((p) => p.id))) errors.push({ path: 'body.partners', message: `Partner-id "${id}" komt meer dan één keer voor.` });
  for (const id of duplicates((settings.gemeenten ?? []).map((g) => g.id))) errors.push({ path: 'body.gemeenten', message: `Gemeente-id "${id}" komt meer dan één keer voor.` });
  for (const n of duplicates(settings.tiers.map((t) => String(t.number)))) errors.push({ path: 'body.tiers', message: `Trede ${n} komt meer dan één keer voor.` });
  const tiers = new Set(settings.tiers.map((t) => t.number));
  settings.roles.forEach((role, i) => {
    if (role.tier !== 0 && !tiers.has(role.tier)) {
      errors.push({ path: `body.roles.${i}.tier`, message: `Rol "${role.name}" staat op trede ${role.tier}, maar de regio heeft geen trede ${role.tier} (0 = buiten de ladder).` });
    }
  });
  return errors;
}

/**
 * The models in use: the live version and every deployed version that open cases still run on
 * (their tasks and timers follow that version until they finish).
 */
async function modelsInUse(ctx: AppContext, region: string): Promise<Array<{ version: number; xml: string }>> {
  const deployed = (await listVersions(ctx.db, region)).filter((v) => v.deployedAt !== null);
  const live = deployed.sort((a, b) => Date.parse(b.deployedAt!) - Date.parse(a.deployedAt!))[0];
  const models = [];
  for (const version of deployed.filter((v) => v === live || v.runningCases > 0)) {
    const stored = await findVersion(ctx.db, region, version.version);
    if (stored) models.push({ version: version.version, xml: stored.xml });
  }
  return models;
}

type Use<T> = T & { names: Array<string | null> };

/** Roles the change removes while a model in use names them (their tasks would reach nobody). */
async function removedRolesInUse(current: RegionSettings, next: RegionSettings, models: () => Promise<Array<{ version: number; xml: string }>>): Promise<Array<Use<RoleInUse>>> {
  const kept = new Set(next.roles.map((r) => r.id));
  const removed = current.roles.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (removed.length === 0) return [];
  const found: Array<Use<RoleInUse>> = [];
  for (const { version, xml } of await models()) {
    const uses = await roleReferences(xml, current.id);
    for (const role of removed) {
      const elements = uses.get(role);
      if (elements) found.push({ role, version, elements: elements.map((e) => e.id), names: elements.map((e) => e.name) });
    }
  }
  return found;
}

/** Deadline keys the change removes while a model in use names them (the engine could not compute its timers and due dates). */
async function removedDeadlinesInUse(current: RegionSettings, next: RegionSettings, models: () => Promise<Array<{ version: number; xml: string }>>): Promise<Array<Use<DeadlineInUse>>> {
  // Sorted: the stored settings (jsonb) keep no order of their own among the keys.
  const removed = Object.keys(current.deadlines)
    .filter((key) => !Object.hasOwn(next.deadlines, key))
    .sort();
  if (removed.length === 0) return [];
  const found: Array<Use<DeadlineInUse>> = [];
  for (const { version, xml } of await models()) {
    const uses = await deadlineReferences(xml, removed);
    for (const deadline of removed) {
      const elements = uses.get(deadline);
      if (elements) found.push({ deadline, version, elements: elements.map((e) => e.id), names: elements.map((e) => e.name) });
    }
  }
  return found;
}

const usedBy = (version: number, elementId: string, name: string | null | undefined) =>
  `in modelversie ${version} gebruikt door ${name ? `"${name}" (${elementId})` : `element ${elementId}`}`;

/**
 * New settings apply to new cases at once and, for deadlines, to running cases' next deadline,
 * read at run time: no model redeploy needed. The id and process id are fixed (the models and
 * candidate groups name them), the policy roles must stay, and a role or deadline a model in use
 * still names cannot go (its tasks would reach nobody, its timers could not be computed): that is
 * refused with the elements naming it.
 */
export async function changeRegion(ctx: AppContext, id: string, settings: RegionSettings, by: string): Promise<RegionSettings> {
  const current = await getRegion(ctx, id);
  const errors: FieldError[] = [];
  if (settings.id !== current.id) errors.push({ path: 'body.id', message: 'De id van een regio verandert niet.' });
  if (settings.bpmnProcessId !== current.bpmnProcessId) errors.push({ path: 'body.bpmnProcessId', message: 'Het proces-id verandert niet.' });
  errors.push(...settingsErrors(settings));
  if (errors.length > 0) throw fail.validation('Deze instellingen kunnen niet worden opgeslagen.', errors);
  let loaded: Promise<Array<{ version: number; xml: string }>> | undefined;
  const models = () => (loaded ??= modelsInUse(ctx, current.id));
  const inUse = await removedRolesInUse(current, settings, models);
  if (inUse.length > 0) {
    const name = (role: string) => current.roles.find((r) => r.id === role)?.name ?? role;
    const findings: Finding[] = inUse.flatMap((use) =>
      use.elements.map((elementId, i) => ({
        elementId,
        rule: 'role-in-use',
        message: `Rol "${name(use.role)}" (${use.role}) wordt ${usedBy(use.version, elementId, use.names[i])}.`,
      })),
    );
    const roles = [...new Set(inUse.map((u) => u.role))];
    throw fail.rolesInUse(
      `${roles.length === 1 ? 'De rol' : 'De rollen'} ${roles.map((r) => `"${name(r)}" (${r})`).join(', ')} ${roles.length === 1 ? 'wordt' : 'worden'} nog gebruikt in een model dat live staat of waarop casussen lopen. Haal ${roles.length === 1 ? 'de rol' : 'ze'} eerst uit het model en zet dat live.`,
      findings,
      inUse.map(({ role, version, elements }) => ({ role, version, elements })),
    );
  }
  const deadlinesInUse = await removedDeadlinesInUse(current, settings, models);
  if (deadlinesInUse.length > 0) {
    const label = (key: string) => current.deadlines[key]?.label ?? key;
    const findings: Finding[] = deadlinesInUse.flatMap((use) =>
      use.elements.map((elementId, i) => ({
        elementId,
        rule: 'deadline-in-use',
        message: `Termijn "${label(use.deadline)}" (${use.deadline}) wordt ${usedBy(use.version, elementId, use.names[i])}.`,
      })),
    );
    const keys = [...new Set(deadlinesInUse.map((u) => u.deadline))];
    throw fail.deadlinesInUse(
      `${keys.length === 1 ? 'De termijn' : 'De termijnen'} ${keys.map((k) => `"${label(k)}" (${k})`).join(', ')} ${keys.length === 1 ? 'wordt' : 'worden'} nog gebruikt in een model dat live staat of waarop casussen lopen. Haal ${keys.length === 1 ? 'de termijn' : 'ze'} eerst uit het model en zet dat live.`,
      findings,
      deadlinesInUse.map(({ deadline, version, elements }) => ({ deadline, version, elements })),
    );
  }
  await updateRegion(ctx.db, settings, by);
  return settings;
}
