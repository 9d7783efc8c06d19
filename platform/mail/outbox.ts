import crypto from 'node:crypto';
import type { Queryable } from '../db/pool.js';

/** One e-mail to be sent; the key makes enqueueing it twice a no-op. */
export type OutgoingMail = {
  /** `<job key>:<recipient>:<kind>`: see outboxKey. */
  idempotencyKey: string;
  caseId?: string;
  kind: string;
  recipients: string[];
  subject: string;
  text: string;
  ics?: { filename: string; content: string };
};

export const outboxKey = (jobKey: string, recipient: string, kind: string) => `${jobKey}:${recipient.toLowerCase()}:${kind}`;

/** Message-ID from the idempotency key: a mail sent again after a crash carries the same id, so receivers can drop it. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = from.split('@')[1] ?? 'doorzet.invalid';
  const hash = crypto.createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${hash}@${domain}>`;
}

/** Returns true when the row is new, false when this mail was already in the outbox. */
export async function enqueueMail(db: Queryable, mail: OutgoingMail): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO mail_outbox (idempotency_key, case_id, kind, recipients, subject, text_body, ics_filename, ics_content)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [
      mail.idempotencyKey,
      mail.caseId ?? null,
      mail.kind,
      mail.recipients,
      mail.subject,
      mail.text,
      mail.ics?.filename ?? null,
      mail.ics?.content ?? null,
    ],
  );
  return (result.rowCount ?? 0) > 0;
}
