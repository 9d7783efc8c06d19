import { z } from 'zod';
import { type RegionSettings, regionSettings } from '../../domain/region.js';
import { type Queryable, maybeOne, many } from '../../platform/db/pool.js';

const row = z.object({ id: z.string(), name: z.string(), settings: regionSettings });

export async function findRegion(db: Queryable, id: string): Promise<RegionSettings | undefined> {
  return (await maybeOne(db, row, 'SELECT id, name, settings FROM region WHERE id = $1', [id]))?.settings;
}

export async function findRegions(db: Queryable, ids: string[]): Promise<RegionSettings[]> {
  return (await many(db, row, 'SELECT id, name, settings FROM region WHERE id = ANY($1) ORDER BY id', [ids])).map((r) => r.settings);
}

export async function updateRegion(db: Queryable, settings: RegionSettings, by: string): Promise<void> {
  await db.query('UPDATE region SET name = $2, settings = $3, updated_at = now(), updated_by = $4 WHERE id = $1', [
    settings.id,
    settings.name,
    JSON.stringify(settings),
    by,
  ]);
}
