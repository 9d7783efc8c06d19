import type { User } from './api.js';

/** Roles outside the case ladder: they shape the model and watch it, they do not work cases. */
export const POLICY_ROLE = 'beleidsmedewerker';
export const MANAGER_ROLE = 'manager';

export const state: { user?: User; region?: string } = {};

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
