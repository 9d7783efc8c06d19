import { z } from 'zod';
import { caseStatus } from '../../domain/case.js';
import { type Queryable, many, maybeOne } from '../../platform/db/pool.js';

/** The year as the metrics count it (api/metrics periodOf), so every number here covers the same cases. */
export type Window = { from: Date; to: Date };
const num = z.coerce.number();

export function statuses(db: Queryable, region: string, w: Window) {
  return many(
    db,
    z.object({ status: caseStatus, count: num }),
    `SELECT status, count(*) AS count FROM "case" WHERE region_id = $1 AND reported_at >= $2 AND reported_at < $3 GROUP BY status ORDER BY status`,
    [region, w.from, w.to],
  );
}

export async function learningMeetings(db: Queryable, region: string, w: Window): Promise<number> {
  const row = await maybeOne(db, z.object({ n: num }), `SELECT count(*) AS n FROM learning_meeting WHERE region_id = $1 AND meeting_date >= $2::date AND meeting_date < $3::date`, [
    region,
    w.from,
    w.to,
  ]);
  return row?.n ?? 0;
}

export function learningOutcomes(db: Queryable, region: string, w: Window) {
  return many(
    db,
    z.object({ meetingDate: z.string(), caseReference: z.string(), measure: z.string(), ownerRole: z.string(), followUp: z.string().nullable() }),
    `SELECT to_char(m.meeting_date, 'YYYY-MM-DD') AS "meetingDate", c.reference AS "caseReference", o.measure, o.owner_role AS "ownerRole",
            to_char(o.follow_up, 'YYYY-MM-DD') AS "followUp"
       FROM learning_agenda_outcome o JOIN learning_meeting m ON m.id = o.meeting_id
       JOIN learning_agenda_item i ON i.id = o.item_id JOIN "case" c ON c.id = i.case_id
      WHERE m.region_id = $1 AND m.meeting_date >= $2::date AND m.meeting_date < $3::date ORDER BY m.meeting_date, c.reference`,
    [region, w.from, w.to],
  );
}

export function clientFeedback(db: Queryable, region: string, w: Window) {
  return many(
    db,
    z.object({ answeredOn: z.string(), rating: z.number(), comment: z.string().nullable() }),
    `SELECT to_char((answered_at AT TIME ZONE 'Europe/Amsterdam')::date, 'YYYY-MM-DD') AS "answeredOn", rating, comment
       FROM client_feedback WHERE region_id = $1 AND answered_at >= $2 AND answered_at < $3 ORDER BY answered_at`,
    [region, w.from, w.to],
  );
}
