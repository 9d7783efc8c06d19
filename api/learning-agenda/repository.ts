import { z } from 'zod';
import { caseStatus } from '../../domain/case.js';
import { type Queryable, many, maybeOne } from '../../platform/db/pool.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const itemRow = z.object({
  id: z.string(),
  caseReference: z.string(),
  status: caseStatus,
  knelpunten: z.array(z.string()),
  plannedFor: date,
  createdOn: date,
});
export type ItemRow = z.infer<typeof itemRow>;

/** The region's agenda items; the case appears by reference only. */
export function items(db: Queryable, region: string) {
  return many(
    db,
    itemRow,
    `SELECT a.id::text, c.reference AS "caseReference", c.status, c.knelpunten,
            to_char(a.meeting_date, 'YYYY-MM-DD') AS "plannedFor",
            to_char((a.created_at AT TIME ZONE 'Europe/Amsterdam')::date, 'YYYY-MM-DD') AS "createdOn"
       FROM learning_agenda_item a JOIN "case" c ON c.id = a.case_id
      WHERE c.region_id = $1 ORDER BY a.created_at, c.reference`,
    [region],
  );
}

const meetingRow = z.object({ id: z.string(), date, attendeeRoles: z.array(z.string()), createdBy: z.string() });

export function meetings(db: Queryable, region: string) {
  return many(
    db,
    meetingRow,
    `SELECT id::text, to_char(meeting_date, 'YYYY-MM-DD') AS date, attendee_roles AS "attendeeRoles", created_by AS "createdBy"
       FROM learning_meeting WHERE region_id = $1 ORDER BY meeting_date DESC`,
    [region],
  );
}

export function findMeeting(db: Queryable, region: string, id: string) {
  return maybeOne(
    db,
    meetingRow,
    `SELECT id::text, to_char(meeting_date, 'YYYY-MM-DD') AS date, attendee_roles AS "attendeeRoles", created_by AS "createdBy"
       FROM learning_meeting WHERE region_id = $1 AND id = $2`,
    [region, id],
  );
}

/** Inserts the meeting; undefined when the region already meets on that date. */
export function insertMeeting(db: Queryable, m: { id: string; region: string; date: string; attendeeRoles: string[]; createdBy: string }) {
  return maybeOne(
    db,
    meetingRow,
    `INSERT INTO learning_meeting (id, region_id, meeting_date, attendee_roles, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (region_id, meeting_date) DO NOTHING
     RETURNING id::text, to_char(meeting_date, 'YYYY-MM-DD') AS date, attendee_roles AS "attendeeRoles", created_by AS "createdBy"`,
    [m.id, m.region, m.date, m.attendeeRoles, m.createdBy],
  );
}

const outcomeRow = z.object({
  itemId: z.string(),
  meetingId: z.string(),
  meetingDate: date,
  measure: z.string(),
  ownerRole: z.string(),
  followUp: date.nullable(),
  recordedBy: z.string(),
  recordedAt: z.date().transform((d) => d.toISOString()),
});
export type OutcomeRow = z.infer<typeof outcomeRow>;

export function outcomes(db: Queryable, region: string) {
  return many(
    db,
    outcomeRow,
    `SELECT o.item_id::text AS "itemId", o.meeting_id::text AS "meetingId", to_char(m.meeting_date, 'YYYY-MM-DD') AS "meetingDate",
            o.measure, o.owner_role AS "ownerRole", to_char(o.follow_up, 'YYYY-MM-DD') AS "followUp",
            o.recorded_by AS "recordedBy", o.recorded_at AS "recordedAt"
       FROM learning_agenda_outcome o JOIN learning_meeting m ON m.id = o.meeting_id
      WHERE m.region_id = $1`,
    [region],
  );
}

/** A second recording at the same meeting corrects the first (the minutes are settled afterwards). */
export async function saveOutcome(
  db: Queryable,
  o: { itemId: string; meetingId: string; measure: string; ownerRole: string; followUp: string | null; recordedBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO learning_agenda_outcome (item_id, meeting_id, measure, owner_role, follow_up, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (item_id, meeting_id) DO UPDATE
       SET measure = EXCLUDED.measure, owner_role = EXCLUDED.owner_role, follow_up = EXCLUDED.follow_up,
           recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
    [o.itemId, o.meetingId, o.measure, o.ownerRole, o.followUp, o.recordedBy],
  );
}

/** Knelpunten named in at least `minCases` of the region's cases reported in the window, most frequent first. */
export function recurringKnelpunten(db: Queryable, region: string, window: { from: Date; to: Date }, minCases: number) {
  return many(
    db,
    z.object({ knelpunt: z.string(), cases: z.coerce.number() }),
    `SELECT k AS knelpunt, count(DISTINCT c.id) AS cases FROM "case" c, unnest(c.knelpunten) AS k
      WHERE c.region_id = $1 AND c.reported_at >= $2 AND c.reported_at < $3
      GROUP BY k HAVING count(DISTINCT c.id) >= $4 ORDER BY count(DISTINCT c.id) DESC, k`,
    [region, window.from, window.to, minCases],
  );
}
