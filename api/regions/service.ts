import type { RegionSettings } from '../../domain/region.js';
import type { AppContext } from '../../platform/context.js';
import { fail } from '../http/problems.js';
import type { Membership } from '../session/schemas.js';
import { findRegion, findRegions, updateRegion } from './repository.js';

export async function listRegions(ctx: AppContext, memberships: Membership[]) {
  const regions = await findRegions(ctx.db, [...new Set(memberships.map((m) => m.region))]);
  return regions.map((r) => ({
    id: r.id,
    name: r.name,
    roles: memberships.filter((m) => m.region === r.id).map((m) => m.role),
    learningOrganisers: r.learningMeeting.organisers ?? [],
  }));
}

export async function getRegion(ctx: AppContext, id: string): Promise<RegionSettings> {
  const region = await findRegion(ctx.db, id);
  if (!region) throw fail.notFound('Deze regio bestaat niet.');
  return region;
}

/**
 * New settings apply to new cases at once and, for deadlines, also to running cases'
 * next plan-deadline job, which reads them at run time: no model redeploy needed.
 * The id and process id are fixed (the models and candidate groups name them), and the
 * policy roles must stay, or nobody could change the settings back.
 */
export async function changeRegion(ctx: AppContext, id: string, settings: RegionSettings, by: string): Promise<RegionSettings> {
  const current = await getRegion(ctx, id);
  const errors = [];
  if (settings.id !== current.id) errors.push({ path: 'body.id', message: 'De id van een regio verandert niet.' });
  if (settings.bpmnProcessId !== current.bpmnProcessId) errors.push({ path: 'body.bpmnProcessId', message: 'Het proces-id verandert niet.' });
  for (const required of ['beleidsmedewerker', 'manager']) {
    if (!settings.roles.some((r) => r.id === required)) errors.push({ path: 'body.roles', message: `De rol ${required} is verplicht.` });
  }
  const ids = settings.roles.map((r) => r.id);
  if (new Set(ids).size !== ids.length) errors.push({ path: 'body.roles', message: 'Rol-id’s moeten uniek zijn.' });
  if (errors.length > 0) throw fail.validation('Deze instellingen kunnen niet worden opgeslagen.', errors);
  await updateRegion(ctx.db, settings, by);
  return settings;
}
