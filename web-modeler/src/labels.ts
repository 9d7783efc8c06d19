import type { RegionSettings } from './api.js';

/** Dutch words for the values the API uses, shared by every page that shows them. */
export const STATUS_LABELS: Record<string, string> = { open: 'Open', solved: 'Opgelost', decided: 'Besluit genomen', referred: 'Doorverwezen', closed: 'Gesloten' };

/** The region's own word for a tier ("trede 2 — Accounthouder"), the number where the region has none. */
export function tierName(settings: Pick<RegionSettings, 'tiers'> | undefined, tier: number | null | undefined): string {
  if (tier === null || tier === undefined) return '—';
  const named = settings?.tiers.find((t) => t.number === tier)?.name;
  return named ? `${tier}. ${named}` : `Trede ${tier}`;
}

export const DOMAIN_LABELS: Record<string, string> = {
  jeugd: 'Jeugd',
  wmo: 'Wmo',
  'werk-en-inkomen': 'Werk en inkomen',
  wonen: 'Wonen',
  schulden: 'Schulden',
  onderwijs: 'Onderwijs',
  ggz: 'Ggz',
  veiligheid: 'Veiligheid',
  zorg: 'Zorg',
};
