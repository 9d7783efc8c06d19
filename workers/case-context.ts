import { z } from 'zod';
import { slug } from '../domain/region.js';
import type { RegionSettings } from '../domain/region.js';
import type { CaseFacts, WorkerDeps } from './deps.js';
import { ERROR_CODES } from '../domain/process.js';
import { type Outcome, bpmnError, incident } from './outcome.js';

/** Every job carries the case and its region from the start variables. */
export const caseInput = z.object({ caseId: z.string().uuid(), region: slug });

export type Loaded = { settings: RegionSettings; facts: CaseFacts };

/**
 * The region's settings and the case's facts. A missing row or a region mismatch
 * is a data error no retry will mend, hence an incident for a person to look at.
 */
export async function loadCase(input: z.infer<typeof caseInput>, deps: WorkerDeps): Promise<Loaded | { outcome: Outcome }> {
  const settings = await deps.regions.get(input.region);
  if (!settings) return { outcome: incident(`Regio '${input.region}' staat niet in de tabel region; laad de regio-instellingen.`) };
  const facts = await deps.cases.get(input.caseId);
  if (!facts) return { outcome: incident(`Casus ${input.caseId} bestaat niet in de database.`) };
  if (facts.regionId !== input.region) {
    return { outcome: incident(`Casus ${facts.reference} hoort bij regio '${facts.regionId}', niet bij '${input.region}'.`) };
  }
  return { settings, facts };
}

type Role = RegionSettings['roles'][number];

/**
 * The role with at least one contact, or the GEEN_CONTACT BPMN error: a role nobody holds
 * is a gap in the region's settings, which the models catch with a task for policy staff.
 * Checked before a handler writes anything, so that path leaves the case untouched.
 */
export function reachableRole(settings: RegionSettings, roleId: string): { role: Role } | { outcome: Outcome } {
  const role = settings.roles.find((r) => r.id === roleId);
  if (role && role.contacts.length > 0) return { role };
  return {
    outcome: bpmnError(ERROR_CODES.noContact, `Geen contactpersoon voor rol '${roleId}' in regio '${settings.id}'; vul de regio-instellingen aan.`, {
      missingRole: roleId,
    }),
  };
}

/** loadCase, then reachableRole for one role of the case's region: the opening of every handler that mails a role. */
export async function loadCaseWithRole(
  input: z.infer<typeof caseInput>,
  roleId: string,
  deps: WorkerDeps,
): Promise<(Loaded & { role: Role }) | { outcome: Outcome }> {
  const loaded = await loadCase(input, deps);
  if ('outcome' in loaded) return loaded;
  const reachable = reachableRole(loaded.settings, roleId);
  if ('outcome' in reachable) return reachable;
  return { ...loaded, role: reachable.role };
}
