import { z } from 'zod';
import { type Queryable, many, maybeOne } from '../../platform/db/pool.js';
import { meetings as meetingsSchema } from './schemas.js';

const num = z.coerce.number();
const numOrNull = z.coerce.number().nullable();

export function openPerTier(db: Queryable, region: string) {
  return many(
    db,
    z.object({ tier: z.number(), count: num }),
    `SELECT current_tier AS tier, count(*) AS count FROM "case" WHERE region_id = $1 AND status = 'open' GROUP BY current_tier ORDER BY current_tier`,
    [region],
  );
}

/** Hours from melding to `column`, median and p90, over the cases where it happened. */
export async function leadTime(db: Queryable, region: string, column: 'picked_up_at' | 'decided_at' | 'help_started_at', since: Date | null = null) {
  const row = await maybeOne(
    db,
    z.object({ median: numOrNull, p90: numOrNull, n: num }),
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90, count(h) AS n
       FROM (SELECT extract(epoch FROM ${column} - reported_at) / 3600.0 AS h FROM "case" WHERE region_id = $1 AND ${column} IS NOT NULL AND ($2::timestamptz IS NULL OR reported_at >= $2)) t`,
    [region, since],
  );
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { medianHours: round(row?.median ?? null), p90Hours: round(row?.p90 ?? null), n: row?.n ?? 0 };
}

export function leadTimesByMonth(db: Queryable, region: string) {
  return many(
    db,
    z.object({ month: z.string(), pickupMedianHours: numOrNull, decisionMedianHours: numOrNull }),
    `SELECT to_char(date_trunc('month', reported_at), 'YYYY-MM') AS month,
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM picked_up_at - reported_at) / 3600.0))::numeric, 1) AS "pickupMedianHours",
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - reported_at) / 3600.0))::numeric, 1) AS "decisionMedianHours"
       FROM "case" WHERE region_id = $1 AND reported_at > now() - interval '12 months'
      GROUP BY 1 ORDER BY 1`,
    [region],
  );
}

export async function autoEscalations(db: Queryable, region: string, since: Date | null = null): Promise<number> {
  const row = await maybeOne(
    db,
    z.object({ n: num }),
    `SELECT count(*) AS n FROM case_event e JOIN "case" c ON c.id = e.case_id
      WHERE c.region_id = $1 AND (e.kind = 'automatic-escalation' OR e.details->>'automatic' = 'true') AND ($2::timestamptz IS NULL OR e.at >= $2)`,
    [region, since],
  );
  return row?.n ?? 0;
}

export function knelpunten(db: Queryable, region: string, since: Date | null = null) {
  return many(
    db,
    z.object({ category: z.string(), count: num }),
    `SELECT k AS category, count(*) AS count FROM "case" c, unnest(c.knelpunten) AS k
      WHERE c.region_id = $1 AND ($2::timestamptz IS NULL OR c.reported_at >= $2) GROUP BY k ORDER BY count(*) DESC, k`,
    [region, since],
  );
}

/** The region's bestuurlijk escalatie overleggen, newest first, with their outcome when recorded. */
export function meetings(db: Queryable, region: string) {
  return many(
    db,
    meetingsSchema.element.extend({ proposedStart: z.date().transform((d) => d.toISOString()) }),
    `SELECT m.id::text, m.case_id::text AS "caseId", c.reference AS "caseReference", m.proposed_start AS "proposedStart",
            m.duration_minutes AS "durationMinutes", m.location, m.coordinator_organisation AS "coordinatorOrganisation", m.invited,
            d.form AS outcome, d.responsible_party AS "responsibleParty"
       FROM escalation_meeting m JOIN "case" c ON c.id = m.case_id
       LEFT JOIN LATERAL (SELECT form, responsible_party FROM decision WHERE case_id = m.case_id AND form = 'overleg-uitkomst'
                           ORDER BY decided_at DESC LIMIT 1) d ON true
      WHERE c.region_id = $1 ORDER BY m.proposed_start DESC`,
    [region],
  );
}
