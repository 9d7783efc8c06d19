import fs from 'node:fs';
import path from 'node:path';
import { type RegionSettings, regionSettings } from '../domain/region.js';
import type { Queryable } from './db/pool.js';
import { BPMN_DIR } from './deploy.js';

/** Region folders under bpmn/ that hold a model and its settings (`_name` folders are scratch). */
export function regionDirs(dir = BPMN_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[a-z]/.test(d.name) && fs.existsSync(path.join(dir, d.name, 'settings.json')))
    .map((d) => d.name)
    .sort();
}

export function readSeedSettings(region: string, dir = BPMN_DIR): RegionSettings {
  const file = path.join(dir, region, 'settings.json');
  const parsed = regionSettings.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (parsed.data.id !== region) throw new Error(`${file} has id "${parsed.data.id}", expected "${region}"`);
  return parsed.data;
}

/**
 * Loads each seed region's settings into the `region` table when the region is missing.
 * A region that exists is left alone: policy staff edit it in the app, and a restart must
 * never put the repository's defaults back over their changes.
 */
export async function syncRegions(db: Queryable, dir = BPMN_DIR): Promise<string[]> {
  const inserted: string[] = [];
  for (const region of regionDirs(dir)) {
    const settings = readSeedSettings(region, dir);
    const result = await db.query(
      `INSERT INTO region (id, name, settings, updated_by) VALUES ($1, $2, $3, 'seed') ON CONFLICT (id) DO NOTHING`,
      [settings.id, settings.name, JSON.stringify(settings)],
    );
    if (result.rowCount === 1) inserted.push(region);
  }
  return inserted;
}
