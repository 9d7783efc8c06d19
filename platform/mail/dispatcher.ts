import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { type Pool, transaction } from '../db/pool.js';
import { warn } from '../log.js';
import type { Service } from '../stack.js';
import { messageIdFor } from './outbox.js';

const pendingRow = z.object({
  id: z.string(),
  idempotency_key: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  text_body: z.string(),
  ics_filename: z.string().nullable(),
  ics_content: z.string().nullable(),
  attempts: z.number(),
});

export type DispatcherOptions = {
  pollMs?: number;
  /** After this many failed attempts the row is marked failed and needs a person. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
};

/** Exponential back-off: base, 2×base, 4×base ... capped. */
export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function createTransport(config: Config): Transporter {
  if (config.SMTP_URL) return nodemailer.createTransport(config.SMTP_URL);
  // The embedded server speaks plain SMTP on localhost only.
  return nodemailer.createTransport({ host: '127.0.0.1', port: config.SMTP_PORT, secure: false, ignoreTLS: true });
}

/**
 * Sends one due outbox row, if any. The row stays locked (SKIP LOCKED) while it is
 * sent, so two dispatchers never send the same mail; a crash between sending and
 * marking sends it again with the same Message-ID.
 */
export async function sendNext(db: Pool, transport: Transporter, config: Config, options: Required<DispatcherOptions>): Promise<boolean> {
  return transaction(db, async (client) => {
    const result = await client.query(
      `SELECT id, idempotency_key, recipients, subject, text_body, ics_filename, ics_content, attempts
         FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    if (result.rows.length === 0) return false;
    const row = pendingRow.parse(result.rows[0]);
    try {
      await transport.sendMail({
        from: config.MAIL_FROM,
        to: row.recipients,
        subject: row.subject,
        text: row.text_body,
        messageId: messageIdFor(row.idempotency_key, config.MAIL_FROM),
        attachments:
          row.ics_filename && row.ics_content
            ? [{ filename: row.ics_filename, content: row.ics_content, contentType: 'text/calendar; charset=utf-8; method=REQUEST' }]
            : [],
      });
      await client.query(`UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [row.id]);
    } catch (error) {
      const attempts = row.attempts + 1;
      const failed = attempts >= options.maxAttempts;
      const message = `poging ${attempts}: ${(error as Error).message}`;
      await client.query(
        `UPDATE mail_outbox SET attempts = $2, last_error = $3, status = $4,
                next_attempt_at = now() + make_interval(secs => $5::double precision / 1000) WHERE id = $1`,
        [row.id, attempts, message, failed ? 'failed' : 'pending', backoffMs(attempts, options.baseBackoffMs, options.maxBackoffMs)],
      );
      if (failed) warn(`e-mail ${row.idempotency_key} niet verzonden na ${attempts} pogingen: ${(error as Error).message}`);
    }
    return true;
  });
}

/** The outbox dispatcher as a stack service: polls, sends, backs off on failure. */
export function mailDispatcher(options: DispatcherOptions = {}) {
  const opts: Required<DispatcherOptions> = {
    pollMs: options.pollMs ?? 250,
    maxAttempts: options.maxAttempts ?? 10,
    baseBackoffMs: options.baseBackoffMs ?? 2_000,
    maxBackoffMs: options.maxBackoffMs ?? 15 * 60_000,
  };
  return async function startMailDispatcher(ctx: AppContext): Promise<Service> {
    const transport = createTransport(ctx.config);
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const tick = async () => {
      try {
        // Drain what is due, then wait for the next poll.
        while (!stopped && (await sendNext(ctx.db, transport, ctx.config, opts)));
      } catch (error) {
        warn(`mail dispatcher: ${(error as Error).message}`);
      }
      if (!stopped) timer = setTimeout(() => (running = tick()), opts.pollMs);
    };
    running = tick();
    return {
      name: `mail dispatcher (${ctx.config.SMTP_URL ? 'SMTP_URL' : `localhost:${ctx.config.SMTP_PORT}`})`,
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
        transport.close();
      },
    };
  };
}

export const startMailDispatcher = mailDispatcher();
