import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/pool.js';
import { StartupError } from '../errors.js';
import type { Service } from '../stack.js';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Text attachments (the .ics) are kept readable; anything else as base64. */
function storedAttachment(a: { filename?: string; contentType: string; content: Buffer }) {
  const text = /^text\//.test(a.contentType) || a.contentType === 'application/ics';
  return {
    filename: a.filename ?? null,
    contentType: a.contentType,
    encoding: text ? 'utf8' : 'base64',
    content: a.content.toString(text ? 'utf8' : 'base64'),
  };
}

export async function storeReceived(db: Queryable, raw: Buffer, envelope: { from: string; to: string[] }): Promise<void> {
  const parsed = await simpleParser(raw);
  await db.query(
    `INSERT INTO mailbox (message_id, mail_from, rcpt_to, subject, text_body, attachments, raw_size)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      parsed.messageId ?? null,
      envelope.from,
      envelope.to.map((t) => t.toLowerCase()),
      parsed.subject ?? '',
      parsed.text ?? '',
      JSON.stringify(parsed.attachments.map(storedAttachment)),
      raw.length,
    ],
  );
}

/**
 * The local mail server: accepts every message on SMTP_PORT (localhost only) and
 * stores it in the `mailbox` table, where tests and people read what Doorzet sent.
 * Only started when SMTP_URL is unset.
 */
export async function startSmtp(ctx: AppContext): Promise<Service> {
  const port = ctx.config.SMTP_PORT;
  const server = new SMTPServer({
    name: 'doorzet.localhost',
    banner: 'Doorzet lokale mailserver',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        storeReceived(ctx.db, Buffer.concat(chunks), { from, to }).then(
          () => callback(),
          // A 4xx answer makes the sender's dispatcher retry later instead of losing the mail.
          (error: Error) => callback(Object.assign(new Error(`opslaan mislukt: ${error.message}`), { responseCode: 451 })),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError('PORT_IN_USE', `SMTP_PORT ${port} is in use; stop the other program or set SMTP_PORT.`, { cause: error })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  // Later socket errors (a client hanging up) must not crash the stack.
  server.on('error', () => {});
  return {
    name: `SMTP server (localhost:${port}, mail in table mailbox)`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
