import { z } from 'zod';
import { type Queryable, maybeOne } from '../../platform/db/pool.js';

export function caseForFeedback(db: Queryable, caseId: string) {
  return maybeOne(
    db,
    z.object({ reference: z.string(), regionId: z.string(), status: z.string() }),
    `SELECT reference, region_id AS "regionId", status FROM "case" WHERE id = $1`,
    [caseId],
  );
}

export async function answered(db: Queryable, reference: string): Promise<boolean> {
  return (await maybeOne(db, z.object({ one: z.number() }), 'SELECT 1 AS one FROM client_feedback WHERE case_reference = $1', [reference])) !== undefined;
}

export function activeLink(db: Queryable, caseId: string) {
  return maybeOne(
    db,
    z.object({ expiresAt: z.date().transform((d) => d.toISOString()) }),
    `SELECT expires_at AS "expiresAt" FROM client_feedback_link WHERE case_id = $1 AND used_at IS NULL AND expires_at > now() ORDER BY expires_at DESC LIMIT 1`,
    [caseId],
  );
}

/** A new link replaces the unused ones of the case: the one handed out last is the one that works. */
export async function replaceLink(db: Queryable, link: { tokenHash: string; caseId: string; expiresAt: Date; createdBy: string }): Promise<void> {
  await db.query('DELETE FROM client_feedback_link WHERE case_id = $1 AND used_at IS NULL', [link.caseId]);
  await db.query('INSERT INTO client_feedback_link (token_hash, case_id, expires_at, created_by) VALUES ($1, $2, $3, $4)', [link.tokenHash, link.caseId, link.expiresAt, link.createdBy]);
}

const usableLink = z.object({ caseId: z.string(), reference: z.string(), regionId: z.string(), regionName: z.string() });

/** The link if it is unused and not expired; `lock` holds it for the answer's transaction. */
export function usableLinkByHash(db: Queryable, tokenHash: string, lock = false) {
  return maybeOne(
    db,
    usableLink,
    `SELECT l.case_id::text AS "caseId", c.reference, c.region_id AS "regionId", r.name AS "regionName"
       FROM client_feedback_link l JOIN "case" c ON c.id = l.case_id JOIN region r ON r.id = c.region_id
      WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now()${lock ? ' FOR UPDATE OF l' : ''}`,
    [tokenHash],
  );
}

export async function storeAnswer(db: Queryable, a: { tokenHash: string; reference: string; regionId: string; rating: number; comment: string | null }): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO client_feedback (case_reference, region_id, rating, comment) VALUES ($1, $2, $3, $4) ON CONFLICT (case_reference) DO NOTHING`,
    [a.reference, a.regionId, a.rating, a.comment],
  );
  await db.query('UPDATE client_feedback_link SET used_at = now() WHERE token_hash = $1', [a.tokenHash]);
  return inserted.rowCount === 1;
}
