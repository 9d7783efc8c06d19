import type { User } from './api.js';

/** Roles outside the case ladder: they shape the model and watch it, they do not work cases. */
export const POLICY_ROLE = 'beleidsmedewerker';
export const MANAGER_ROLE = 'manager';

/**
 * `learningOrganisers`: per region, the roles the region lets prepare its learning meeting;
 * `boardRoles`: per region, its board roles (both from GET /api/regions).
 */
export const state: { user?: User; region?: string; learningOrganisers?: Record<string, string[]>; boardRoles?: Record<string, string[]> } = {};

const REGION_KEY = 'doorzet.region';

export function regions(user: User): string[] {
  return [...new Set(user.memberships.map((m) => m.region))].sort();
}

export function rolesIn(user: User, region: string): string[] {
  return user.memberships.filter((m) => m.region === region).map((m) => m.role);
}

export function canModel(user: User, region: string): boolean {
  return rolesIn(user, region).includes(POLICY_ROLE);
}

export function canWatch(user: User, region: string): boolean {
  return rolesIn(user, region).some((r) => r === MANAGER_ROLE || r.startsWith('portefeuillehouder'));
}

/** The functional administrator keeps the region's engine work running (storingen, worker-taken). */
export const FUNCTIONAL_ADMIN_ROLE = 'functioneel-beheerder';

export function canAdminister(user: User, region: string): boolean {
  return rolesIn(user, region).includes(FUNCTIONAL_ADMIN_ROLE);
}

export function worksCases(user: User, region: string): boolean {
  return rolesIn(user, region).some((r) => r !== POLICY_ROLE && r !== MANAGER_ROLE && r !== FUNCTIONAL_ADMIN_ROLE);
}

export function currentRegion(user: User): string {
  const available = regions(user);
  const stored = localStorage.getItem(REGION_KEY);
  const region = state.region ?? (stored && available.includes(stored) ? stored : available[0]);
  return region ?? '';
}

export function chooseRegion(region: string): void {
  state.region = region;
  localStorage.setItem(REGION_KEY, region);
}

/** Who the Leeragenda is for: policy staff, the manager and the learning meeting's organisers (the API's 'learning' rule). */
export function canSeeLearningAgenda(user: User, region: string): boolean {
  return canModel(user, region) || rolesIn(user, region).includes(MANAGER_ROLE) || organisesLearning(user, region);
}

/** Plans the learning meeting and records its outcomes (the API's 'learningOrganiser' rule). */
export function canOrganiseLearning(user: User, region: string): boolean {
  return canModel(user, region) || organisesLearning(user, region);
}

function organisesLearning(user: User, region: string): boolean {
  const organisers = state.learningOrganisers?.[region] ?? [];
  return rolesIn(user, region).some((r) => organisers.includes(r));
}

/** The region's board reads the fixed-format reports after the bestuurlijk overleg (the API's 'board' rule). */
export function readsFeedback(user: User, region: string): boolean {
  const board = state.boardRoles?.[region] ?? [];
  return rolesIn(user, region).some((role) => board.includes(role));
}
