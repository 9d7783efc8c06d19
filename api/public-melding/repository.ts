import { z } from 'zod';
import { type Queryable, maybeOne } from '../../platform/db/pool.js';

/** Counts this address's attempts in the last hour and records this one (expired rows go first). */
export async function countAndRecordAttempt(db: Queryable, addressHash: string): Promise<number> {
  await db.query(`DELETE FROM public_melding_attempt WHERE at < now() - interval '1 day'`);
  const row = await maybeOne(
    db,
    z.object({ n: z.number() }),
    `SELECT count(*)::int AS n FROM public_melding_attempt WHERE address_hash = $1 AND at > now() - interval '1 hour'`,
    [addressHash],
  );
  await db.query('INSERT INTO public_melding_attempt (address_hash) VALUES ($1)', [addressHash]);
  return row?.n ?? 0;
}

export async function insertContact(db: Queryable, c: { caseId: string; relation: string; name: string; email: string | null; phone: string | null }) {
  await db.query('INSERT INTO public_melding_contact (case_id, relation, name, email, phone) VALUES ($1, $2, $3, $4, $5)', [c.caseId, c.relation, c.name, c.email, c.phone]);
}

export function findContact(db: Queryable, caseId: string) {
  return maybeOne(
    db,
    z.object({
      relation: z.enum(['ouder', 'inwoner', 'naaste']),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      receivedAt: z.date().transform((d) => d.toISOString()),
    }),
    `SELECT relation, name, email, phone, received_at AS "receivedAt" FROM public_melding_contact WHERE case_id = $1`,
    [caseId],
  );
}
