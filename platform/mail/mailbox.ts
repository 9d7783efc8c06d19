import { z } from 'zod';
import { type Queryable, many } from '../db/pool.js';

export const receivedMail = z.object({
  id: z.string(),
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  attachments: z.array(
    z.object({ filename: z.string().nullable(), contentType: z.string(), encoding: z.enum(['utf8', 'base64']), content: z.string() }),
  ),
  receivedAt: z.date(),
});
export type ReceivedMail = z.infer<typeof receivedMail>;

const SELECT = `SELECT id, message_id AS "messageId", mail_from AS "from", rcpt_to AS "to", subject, text_body AS "text",
                       attachments, received_at AS "receivedAt" FROM mailbox`;

/** Everything the embedded SMTP server received for an address, oldest first. */
export async function mailboxFor(db: Queryable, address: string): Promise<ReceivedMail[]> {
  return many(db, receivedMail, `${SELECT} WHERE rcpt_to @> ARRAY[$1::text] ORDER BY id`, [address.toLowerCase()]);
}

/** Received mail whose subject or body mentions a text (e.g. a case reference). */
export async function mailMentioning(db: Queryable, text: string): Promise<ReceivedMail[]> {
  return many(db, receivedMail, `${SELECT} WHERE strpos(subject, $1) > 0 OR strpos(text_body, $1) > 0 ORDER BY id`, [text]);
}
