import { z } from 'zod';
import { type Queryable, many } from '../../platform/db/pool.js';
import { auditEntry } from './schemas.js';

export type AuditEntry = {
  event: string;
  caseId: string | null;
  clientReference: string | null;
  regionId: string | null;
  userId: string | null;
  userName: string;
  responsibleRole: string | null;
  route: string;
  outcome: 'allowed' | 'denied' | 'failed';
  status: number;
  sourceAddress: string | null;
};

export async function insertAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (event, case_id, client_reference, region_id, user_id, user_name, responsible_role, route, outcome, status, source_address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [e.event, e.caseId, e.clientReference, e.regionId, e.userId, e.userName, e.responsibleRole, e.route, e.outcome, e.status, e.sourceAddress],
  );
}

// The API's entry, as PostgreSQL returns it: the time as a Date.
const auditRow = auditEntry.extend({ occurredAt: z.date().transform((d) => d.toISOString()) });

export function searchAudit(
  db: Queryable,
  filter: { regions: string[]; caseId?: string; from?: Date; to?: Date; limit: number },
) {
  return many(
    db,
    auditRow,
    `SELECT id, occurred_at AS "occurredAt", event, case_id AS "caseId", client_reference AS "clientReference", region_id AS "regionId",
            user_name AS "userName", responsible_role AS "responsibleRole", route, outcome, status
       FROM audit_log
      WHERE region_id = ANY($1)
        AND ($2::uuid IS NULL OR case_id = $2)
        AND ($3::timestamptz IS NULL OR occurred_at >= $3)
        AND ($4::timestamptz IS NULL OR occurred_at < $4)
      ORDER BY occurred_at DESC, id DESC
      LIMIT $5`,
    [filter.regions, filter.caseId ?? null, filter.from ?? null, filter.to ?? null, filter.limit],
  );
}
