import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from './pool.js';

const MIGRATIONS = path.join(import.meta.dirname, 'migrations');

/**
 * Applies `migrations/NNN_name.sql` in order, each in its own transaction. An
 * advisory lock lets several processes (API, workers, tests) start at once.
 */
export async function migrate(pool: Pool): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(7513)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migration (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: string }>('SELECT version FROM schema_migration')).rows.map((r) => r.version));
    const files = fs.readdirSync(MIGRATIONS).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
    for (const file of files) {
      if (done.has(file)) continue;
      await client.query('BEGIN');
      try {
        await client.query(fs.readFileSync(path.join(MIGRATIONS, file), 'utf8'));
        await client.query('INSERT INTO schema_migration (version) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7513)').catch(() => {});
    client.release();
  }
  return applied;
}
