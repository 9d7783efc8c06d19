import { z } from 'zod';

/**
 * The bottleneck (knelpunt) categories a case can reveal: what the learning meeting and the
 * dashboard count. A fixed list, so regions can compare; the seeds speak of systemic
 * bottlenecks between domains, funding and rules (001, 002) rather than of individual faults.
 */
export const KNELPUNTEN = [
  'geen-passend-aanbod',
  'wachtlijst',
  'financiering',
  'wet-en-regelgeving',
  'gegevensdeling',
  'verschil-van-inzicht',
  'woonruimte',
  'capaciteit',
] as const;

export type Knelpunt = (typeof KNELPUNTEN)[number];

export const KNELPUNT_LABELS: Record<Knelpunt, string> = {
  'geen-passend-aanbod': 'Geen passend aanbod',
  wachtlijst: 'Wachtlijst',
  financiering: 'Financiering: wie betaalt',
  'wet-en-regelgeving': 'Wet- en regelgeving, schotten tussen domeinen',
  gegevensdeling: 'Gegevensdeling en privacy',
  'verschil-van-inzicht': 'Verschil van inzicht tussen organisaties',
  woonruimte: 'Geen woonruimte',
  capaciteit: 'Capaciteit en personeel',
};

/** A set of categories: each at most once. */
export const knelpuntList = z
  .array(z.enum(KNELPUNTEN))
  .max(KNELPUNTEN.length)
  .refine((list) => new Set(list).size === list.length, { message: 'Elk knelpunt één keer' });
