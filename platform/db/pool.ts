import pg from 'pg';
import type { z } from 'zod';

// BIGINT keys from the engine exceed 2^53 only in theory for one partition, but we keep them as strings anyway:
// the engine's REST API and SDK pass keys as strings too.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export type Pool = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection breaks when PostgreSQL restarts; without a listener node-postgres
  // turns that into an uncaught exception and the whole process dies. The pool drops the
  // broken client by itself and the next query opens a new one.
  pool.on('error', (error) => process.stderr.write(`[doorzet] database connection lost: ${error.message}\n`));
  return pool;
}

/** Parameterised query whose rows are parsed by a zod schema, so a schema drift fails loudly at the boundary. */
export async function many<T extends z.ZodType>(
  db: Queryable,
  schema: T,
  sql: string,
  params: unknown[] = [],
): Promise<z.infer<T>[]> {
  const result = await db.query(sql, params);
  return result.rows.map((row) => schema.parse(row));
}

export async function maybeOne<T extends z.ZodType>(
  db: Queryable,
  schema: T,
  sql: string,
  params: unknown[] = [],
): Promise<z.infer<T> | undefined> {
  const rows = await many(db, schema, sql, params);
  return rows[0];
}

export async function transaction<T>(pool: Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no pool listener. A connection that breaks between two of its
  // queries (PostgreSQL restarting while the dispatcher talks SMTP inside the transaction)
  // would be an uncaught 'error' that ends the process; here it fails this transaction only.
  let lost: Error | undefined;
  const onError = (error: Error) => (lost = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // On a broken connection ROLLBACK fails too; the first error is the one worth reporting.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    // With an error the pool closes the connection instead of handing it out again.
    client.release(lost);
  }
}
