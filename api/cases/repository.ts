import { z } from 'zod';
import { type Queryable, many, maybeOne } from '../../platform/db/pool.js';
import { type CaseListQuery, type CreateCase, caseSummary } from './schemas.js';

const iso = z.date().transform((d) => d.toISOString());
const isoOrNull = iso.nullable();

const SUMMARY = `c.id, c.reference, c.region_id AS region, c.status, c.current_tier AS "currentTier", c.domains, c.safety, c.urgentie,
  c.reported_at AS "reportedAt", c.picked_up_at AS "pickedUpAt", c.decided_at AS "decidedAt",
  c.help_started_at AS "helpStartedAt", c.closed_at AS "closedAt", c.responsible_party AS "responsibleParty"`;

// The API's summary, as PostgreSQL returns it: times as Dates.
const summaryRow = caseSummary.extend({
  reportedAt: iso,
  pickedUpAt: isoOrNull,
  decidedAt: isoOrNull,
  helpStartedAt: isoOrNull,
  closedAt: isoOrNull,
});

const detailRow = summaryRow.extend({
  stuckReason: z.string(),
  organisations: z.array(z.string()),
  knelpunten: z.array(z.string()),
  reportedBy: z.string(),
  processInstanceKey: z.string().nullable(),
  processVersion: z.number().nullable(),
  bpmnProcessId: z.string(),
});
export type CaseRow = z.infer<typeof detailRow>;

export async function nextReference(db: Queryable, year: number): Promise<string> {
  const row = await maybeOne(db, z.object({ n: z.string() }), `SELECT nextval('case_reference_seq')::text AS n`);
  return `DZ-${year}-${row!.n.padStart(6, '0')}`;
}

export async function insertCase(
  db: Queryable,
  c: { id: string; reference: string; region: string; bpmnProcessId: string; reportedBy: string; input: CreateCase },
): Promise<void> {
  await db.query(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, current_tier, domains, stuck_reason, safety, reported_by, knelpunten, urgentie)
     VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11)`,
    [c.id, c.reference, c.region, c.bpmnProcessId, 1, c.input.domains, c.input.stuckReason, c.input.safety, c.reportedBy, c.input.knelpunten ?? [], c.input.urgentie],
  );
  for (const name of new Set(c.input.organisations)) {
    await db.query('INSERT INTO case_organisation (case_id, name) VALUES ($1, $2)', [c.id, name]);
  }
  const p = c.input.person;
  await db.query('INSERT INTO case_person (case_id, name, bsn, birth_date, address, details) VALUES ($1, $2, $3, $4, $5, $6)', [
    c.id,
    p.name,
    p.bsn ?? null,
    p.birthDate ?? null,
    p.address ?? null,
    p.details ?? null,
  ]);
}

export async function setProcessInstance(db: Queryable, id: string, key: string, version: number): Promise<void> {
  await db.query('UPDATE "case" SET process_instance_key = $2, process_version = $3 WHERE id = $1', [id, key, version]);
}

const ORDER: Record<CaseListQuery['sort'], string> = {
  reported: 'c.reported_at',
  reference: 'c.reference',
  tier: 'c.current_tier',
  status: 'c.status',
};

/**
 * One page of a region's cases with the total. `onlyInstances` narrows to the cases whose
 * process instance has a matching open task (overdue, waiting for a role), found by the caller.
 */
export async function listCases(db: Queryable, region: string, filter: CaseListQuery, onlyInstances: string[] | null) {
  // The sort column comes from a fixed table, never from the request; the id breaks ties so pages do not overlap.
  const order = `${ORDER[filter.sort]} ${filter.dir === 'asc' ? 'ASC' : 'DESC'}, c.id`;
  const where = `c.region_id = $1 AND ($2::text IS NULL OR c.status = $2) AND ($3::int IS NULL OR c.current_tier = $3)
      AND ($4::text IS NULL OR c.reference ILIKE '%' || $4 || '%') AND ($5::boolean IS NULL OR c.safety = $5)
      AND ($6::text[] IS NULL OR c.process_instance_key = ANY($6)) AND ($7::text IS NULL OR c.urgentie = $7)`;
  const like = filter.q ? filter.q.replace(/[\\%_]/g, (m) => `\\${m}`) : null;
  const params = [region, filter.status ?? null, filter.tier ?? null, like, filter.safety === true ? true : null, onlyInstances, filter.urgentie ?? null];
  const [rows, total] = await Promise.all([
    many(
      db,
      summaryRow.extend({ processInstanceKey: z.string().nullable() }),
      `SELECT ${SUMMARY}, c.process_instance_key AS "processInstanceKey" FROM "case" c WHERE ${where}
        ORDER BY ${order} LIMIT $8 OFFSET $9`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    ),
    db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "case" c WHERE ${where}`, params),
  ]);
  return { rows, total: Number(total.rows[0]?.n ?? 0) };
}

export function findCase(db: Queryable, id: string) {
  return maybeOne(
    db,
    detailRow,
    `SELECT ${SUMMARY}, c.stuck_reason AS "stuckReason", c.knelpunten, c.reported_by AS "reportedBy",
            c.process_instance_key AS "processInstanceKey", c.process_version AS "processVersion", c.bpmn_process_id AS "bpmnProcessId",
            COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM case_organisation o WHERE o.case_id = c.id), '{}') AS organisations
       FROM "case" c WHERE c.id = $1`,
    [id],
  );
}

export function findPerson(db: Queryable, id: string) {
  return maybeOne(
    db,
    z.object({ name: z.string(), bsn: z.string().nullable(), birthDate: z.string().nullable(), address: z.string().nullable(), details: z.string().nullable() }),
    `SELECT name, bsn, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", address, details FROM case_person WHERE case_id = $1`,
    [id],
  );
}

export function timelineOf(db: Queryable, id: string) {
  return many(
    db,
    z.object({ at: iso, kind: z.string(), tier: z.number().nullable(), actor: z.string(), summary: z.string(), details: z.record(z.string(), z.unknown()) }),
    'SELECT at, kind, tier, actor, summary, details FROM case_event WHERE case_id = $1 ORDER BY at, id',
    [id],
  );
}

export async function appendEvent(
  db: Queryable,
  e: { caseId: string; kind: string; tier: number | null; actor: string; summary: string; details?: Record<string, unknown>; idempotencyKey?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO case_event (case_id, kind, tier, actor, summary, details, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [e.caseId, e.kind, e.tier, e.actor, e.summary, JSON.stringify(e.details ?? {}), e.idempotencyKey ?? null],
  );
}

export function decisionsOf(db: Queryable, id: string) {
  return many(
    db,
    z.object({
      id: z.string(),
      form: z.string(),
      responsibleParty: z.string().nullable(),
      rationale: z.string(),
      decidedBy: z.string(),
      decidedRole: z.string(),
      decidedAt: iso,
    }),
    `SELECT id::text, form, responsible_party AS "responsibleParty", rationale, decided_by AS "decidedBy", decided_role AS "decidedRole", decided_at AS "decidedAt"
       FROM decision WHERE case_id = $1 ORDER BY decided_at`,
    [id],
  );
}

/** Meldingen this user made in the last minute: the basis of the melding rate limit. */
export async function recentMeldingen(db: Queryable, actor: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM "case" WHERE reported_by = $1 AND reported_at > now() - interval '1 minute'`,
    [actor],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Undoes a melding whose process the engine refused to start (organisations, person and events cascade). */
export async function deleteCase(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM "case" WHERE id = $1', [id]);
}

export function commentsOf(db: Queryable, caseId: string) {
  return many(
    db,
    z.object({ id: z.string(), author: z.string(), role: z.string(), body: z.string(), at: iso }),
    `SELECT id::text, author_name AS author, author_role AS role, body, created_at AS at FROM case_comment WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
}

export async function insertComment(db: Queryable, c: { caseId: string; authorId: string; authorName: string; role: string; body: string }) {
  const { rows } = await db.query<{ id: string; at: Date }>(
    'INSERT INTO case_comment (case_id, author_id, author_name, author_role, body) VALUES ($1, $2, $3, $4, $5) RETURNING id::text, created_at AS at',
    [c.caseId, c.authorId, c.authorName, c.role, c.body],
  );
  return { id: rows[0]!.id, author: c.authorName, role: c.role, body: c.body, at: rows[0]!.at.toISOString() };
}
