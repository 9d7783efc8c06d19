import net from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { migrate } from '../../platform/db/migrate.js';
import { type Pool, createPool, maybeOne } from '../../platform/db/pool.js';
import { backoffMs, createTransport, sendNext } from '../../platform/mail/dispatcher.js';
import { mailboxFor } from '../../platform/mail/mailbox.js';
import { enqueueMail, messageIdFor } from '../../platform/mail/outbox.js';
import { eventually, testContext } from '../support/context.js';

const ctx = testContext();
// The failure test gets a database of its own, so the run's dispatcher cannot send its row first.
const isolatedName = `doorzet_dispatch_${Date.now().toString(36)}`;
let isolated: Pool;

beforeAll(async () => {
  await ctx.db.query(`CREATE DATABASE ${isolatedName}`);
  const url = new URL(ctx.config.DATABASE_URL as string);
  url.pathname = `/${isolatedName}`;
  isolated = createPool(url.toString(), 2);
  await migrate(isolated);
});

afterAll(async () => {
  await isolated?.end();
  await ctx.db.query(`DROP DATABASE IF EXISTS ${isolatedName}`);
  await ctx.close();
});

const options = { pollMs: 100, maxAttempts: 2, baseBackoffMs: 60_000, maxBackoffMs: 600_000 };
const outboxRow = z.object({ status: z.string(), attempts: z.number(), last_error: z.string().nullable(), wait_s: z.number() });
const rowOf = (key: string, db: Pool = ctx.db) =>
  maybeOne(db, outboxRow, `SELECT status, attempts, last_error, EXTRACT(EPOCH FROM next_attempt_at - now())::float8 AS wait_s FROM mail_outbox WHERE idempotency_key = $1`, [key]);

/** A port nothing listens on: the mail server is "down". */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

test('back-off doubles per attempt and is capped', () => {
  expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 2_000, 30_000))).toEqual([2_000, 4_000, 8_000, 16_000, 30_000]);
});

test('mail server down: the row waits with a growing back-off, then fails with a readable error; never sent twice', async () => {
  const run = Date.now().toString(36);
  const key = `job-${run}:down-${run}@example.org:test`;
  expect(await enqueueMail(isolated, { idempotencyKey: key, kind: 'test', recipients: [`down-${run}@example.org`], subject: 'Test', text: 'Test' })).toBe(true);
  expect(await enqueueMail(isolated, { idempotencyKey: key, kind: 'test', recipients: [`down-${run}@example.org`], subject: 'Test', text: 'Test' })).toBe(false);

  const down = { ...ctx.config, SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` };
  const transport = createTransport(down);
  expect(await sendNext(isolated, transport, down, options)).toBe(true);
  const first = await rowOf(key, isolated);
  expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^poging 1: .*ECONNREFUSED/) });
  expect(first?.wait_s).toBeGreaterThan(50);

  // Not due yet: nothing to send.
  expect(await sendNext(isolated, transport, down, options)).toBe(false);
  // Make it due again and fail once more: maxAttempts reached, a person must look.
  await isolated.query(`UPDATE mail_outbox SET next_attempt_at = now() WHERE idempotency_key = $1`, [key]);
  expect(await sendNext(isolated, transport, down, options)).toBe(true);
  expect(await rowOf(key, isolated)).toMatchObject({ status: 'failed', attempts: 2, last_error: expect.stringMatching(/^poging 2: /) });
  transport.close();
  expect(await sendNext(isolated, transport, down, options)).toBe(false);
});

test('once the server is back, the run dispatcher sends it with a Message-ID derived from the key', async () => {
  const run = Date.now().toString(36);
  const to = `back-${run}@example.org`;
  const key = `job-${run}:${to}:test`;
  await enqueueMail(ctx.db, { idempotencyKey: key, kind: 'test', recipients: [to], subject: 'Weer bereikbaar', text: 'Test' });
  const [mail] = await eventually(async () => {
    const received = await mailboxFor(ctx.db, to);
    return received.length > 0 ? received : undefined;
  }, 'the mail');
  expect(mail?.messageId).toBe(messageIdFor(key, ctx.config.MAIL_FROM));
  // The server stores the mail before the dispatcher commits its bookkeeping.
  await eventually(async () => ((await rowOf(key))?.status === 'sent' ? true : undefined), 'the row marked sent');
  expect(await rowOf(key)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
});
