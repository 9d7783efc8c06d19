import { z } from 'zod';
import { type Queryable, many } from '../../platform/db/pool.js';

const iso = z.date().transform((d) => d.toISOString());

/** Roles recorded on the case in Doorzet's own tables: who made the melding and who decided. */
export async function recordedRoles(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await many(
    db,
    z.object({ role: z.string() }),
    // The melding's role is the one its NEN 7513 entry names; decisions name their role.
    `SELECT unnest(string_to_array(responsible_role, ',')) AS role FROM audit_log
      WHERE case_id = $1 AND event = 'case.create' AND outcome = 'allowed' AND responsible_role IS NOT NULL
     UNION
     SELECT decided_role FROM decision WHERE case_id = $1`,
    [caseId],
  );
  return rows.map((r) => r.role);
}

/** Roles this user holds through a break-the-glass grant that has not expired. */
export async function grantedRoles(db: Queryable, caseId: string, userId: string): Promise<string[]> {
  const rows = await many(
    db,
    z.object({ role: z.string() }),
    'SELECT DISTINCT role FROM case_access_grant WHERE case_id = $1 AND user_id = $2 AND expires_at > now()',
    [caseId, userId],
  );
  return rows.map((r) => r.role);
}

export async function insertGrant(
  db: Queryable,
  g: { caseId: string; userId: string; userName: string; roles: string[]; reason: string; hours: number },
) {
  await db.query(
    `INSERT INTO case_access_grant (case_id, user_id, user_name, role, reason, expires_at)
     SELECT $1, $2, $3, role, $5, now() + make_interval(hours => $6) FROM unnest($4::text[]) AS role`,
    [g.caseId, g.userId, g.userName, g.roles, g.reason, g.hours],
  );
}

export function grantsOf(db: Queryable, caseId: string) {
  return many(
    db,
    z.object({ userName: z.string(), role: z.string(), reason: z.string(), grantedAt: iso, expiresAt: iso }),
    `SELECT user_name AS "userName", role, reason, granted_at AS "grantedAt", expires_at AS "expiresAt"
       FROM case_access_grant WHERE case_id = $1 ORDER BY granted_at DESC, id DESC`,
    [caseId],
  );
}

export async function insertConsent(
  db: Queryable,
  c: { caseId: string; tier: number; consent: string; familyInvolved: boolean; explanation: string | null; recordedBy: string; recordedRole: string },
) {
  await db.query(
    `INSERT INTO case_consent (case_id, tier, consent, family_involved, explanation, recorded_by, recorded_role) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.caseId, c.tier, c.consent, c.familyInvolved, c.explanation, c.recordedBy, c.recordedRole],
  );
}

export function consentOf(db: Queryable, caseId: string) {
  return many(
    db,
    z.object({
      tier: z.number(),
      consent: z.enum(['gegeven', 'geweigerd', 'niet-gevraagd', 'niet-nodig']),
      familyInvolved: z.boolean(),
      toelichting: z.string().nullable(),
      recordedBy: z.string(),
      recordedRole: z.string(),
      recordedAt: iso,
    }),
    `SELECT tier, consent, family_involved AS "familyInvolved", explanation AS toelichting, recorded_by AS "recordedBy",
            recorded_role AS "recordedRole", recorded_at AS "recordedAt"
       FROM case_consent WHERE case_id = $1 ORDER BY recorded_at DESC, id DESC`,
    [caseId],
  );
}
