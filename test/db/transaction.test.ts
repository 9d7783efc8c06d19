import { afterAll, expect, test } from 'vitest';
import { transaction } from '../../platform/db/pool.js';
import { testContext } from '../support/context.js';

const ctx = testContext();
afterAll(() => ctx.close());

/**
 * PostgreSQL ending a connection while a transaction waits between two queries (the
 * dispatcher talking SMTP, a restart or fail-over) fails that transaction; it must not
 * become an uncaught error that ends the process (vitest fails the run on one).
 */
test('a connection ended between two queries of a transaction fails that transaction only, and the pool goes on', async () => {
  const work = transaction(ctx.db, async (client) => {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await ctx.db.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    // Idle in the transaction while the server closes the socket.
    await new Promise((r) => setTimeout(r, 300));
    await client.query('SELECT 1');
  });
  await expect(work).rejects.toThrow();
  const { rows } = await ctx.db.query<{ ok: number }>('SELECT 1 AS ok');
  expect(rows).toEqual([{ ok: 1 }]);
});
