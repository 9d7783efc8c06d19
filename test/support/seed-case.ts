import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool.js';
import type { RegionSettings } from '../../domain/region.js';

/** Stores (or replaces) a region's settings row, as the settings loader would. */
export async function upsertRegion(db: Queryable, settings: RegionSettings): Promise<void> {
  await db.query(
    `INSERT INTO region (id, name, settings, updated_by) VALUES ($1, $2, $3, 'test')
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, settings = EXCLUDED.settings, updated_at = now()`,
    [settings.id, settings.name, JSON.stringify(settings)],
  );
}

export type SeededCase = { id: string; reference: string; personName: string };

/**
 * A case row with a fictional resident in case_person, so tests can check that the
 * resident's data never leaves through a job (variables, e-mail).
 */
export async function insertCase(
  db: Queryable,
  regionId: string,
  options: { safety?: boolean; responsibleParty?: string; organisations?: string[]; knelpunten?: string[] } = {},
): Promise<SeededCase> {
  const id = randomUUID();
  // 9xxxxx: out of the range the API's sequence hands out in a test run.
  const reference = `DZ-2026-${String(900_000 + Math.floor(Math.random() * 99_999)).padStart(6, '0')}`;
  const personName = `Fenna Fictief-${id.slice(0, 6)}`;
  await db.query(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, current_tier, domains, stuck_reason, safety,
                         knelpunten, reported_by, responsible_party)
     VALUES ($1, $2, $3, $4, 'open', 1, '{jeugd}', 'Geen passende plek beschikbaar', $5, $6, 'test', $7)`,
    [id, reference, regionId, `doorzet-${regionId}`, options.safety ?? false, options.knelpunten ?? [], options.responsibleParty ?? null],
  );
  await db.query(`INSERT INTO case_person (case_id, name, bsn, birth_date, address, details) VALUES ($1, $2, '999990019', '2009-04-01', 'Voorbeeldstraat 1, Testdorp', 'Psychische klachten')`, [
    id,
    personName,
  ]);
  for (const name of options.organisations ?? []) {
    await db.query('INSERT INTO case_organisation (case_id, name) VALUES ($1, $2)', [id, name]);
  }
  return { id, reference, personName };
}
