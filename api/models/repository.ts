import { z } from 'zod';
import { type Queryable, many, maybeOne } from '../../platform/db/pool.js';

const iso = z.date().transform((d) => d.toISOString());
const row = z.object({
  version: z.number(),
  author: z.string(),
  comment: z.string(),
  createdAt: iso,
  deployedAt: iso.nullable(),
  processDefinitionKey: z.string().nullable(),
  engineVersion: z.number().nullable(),
  runningCases: z.coerce.number(),
});
const COLUMNS = `m.version, m.author, m.comment, m.created_at AS "createdAt", m.deployed_at AS "deployedAt",
  m.process_definition_key AS "processDefinitionKey", m.engine_version AS "engineVersion",
  (SELECT count(*) FROM "case" c WHERE c.region_id = m.region_id AND c.status = 'open' AND m.engine_version IS NOT NULL
      AND c.process_version = m.engine_version) AS "runningCases"`;

export function listVersions(db: Queryable, region: string) {
  return many(db, row, `SELECT ${COLUMNS} FROM model_version m WHERE m.region_id = $1 ORDER BY m.version DESC`, [region]);
}

export function findVersion(db: Queryable, region: string, version: number) {
  return maybeOne(db, row.extend({ xml: z.string() }), `SELECT ${COLUMNS}, m.xml FROM model_version m WHERE m.region_id = $1 AND m.version = $2`, [
    region,
    version,
  ]);
}

export async function insertVersion(db: Queryable, v: { region: string; xml: string; sha256: string; author: string; comment: string }): Promise<number> {
  const result = await maybeOne(
    db,
    z.object({ version: z.number() }),
    `INSERT INTO model_version (region_id, version, xml, sha256, author, comment)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5 FROM model_version WHERE region_id = $1
     RETURNING version`,
    [v.region, v.xml, v.sha256, v.author, v.comment],
  );
  return result!.version;
}

export async function markDeployed(db: Queryable, region: string, version: number, by: string, key: string, engineVersion: number): Promise<void> {
  await db.query(
    `UPDATE model_version SET deployed_at = now(), deployed_by = $3, process_definition_key = $4, engine_version = $5
      WHERE region_id = $1 AND version = $2`,
    [region, version, by, key, engineVersion],
  );
}

export async function hasVersions(db: Queryable, region: string): Promise<boolean> {
  return (await maybeOne(db, z.object({ n: z.coerce.number() }), 'SELECT count(*) AS n FROM model_version WHERE region_id = $1', [region]))!.n > 0;
}

/** What the stack's start-up deployment recorded for a seed model file. */
export function seedDeployment(db: Queryable, resourceName: string, sha256: string) {
  return maybeOne(
    db,
    z.object({ process_definition_key: z.string(), version: z.number(), deployed_at: z.date() }),
    'SELECT process_definition_key, version, deployed_at FROM engine_deployment WHERE resource_name = $1 AND sha256 = $2',
    [resourceName, sha256],
  );
}
