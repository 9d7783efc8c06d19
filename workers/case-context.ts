import { z } from 'zod';
import { slug } from '../domain/region.js';
import type { RegionSettings } from '../domain/region.js';
import type { CaseFacts, WorkerDeps } from './deps.js';
import { type Outcome, incident } from './outcome.js';

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
