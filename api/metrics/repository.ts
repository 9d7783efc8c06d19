import { z } from 'zod';
import { type Queryable, many, maybeOne } from '../../platform/db/pool.js';
import { type PeriodFigures, meetings as meetingsSchema, periodFigures as periodFiguresSchema } from './schemas.js';

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

/** Cases reported in [from, to); null is open-ended. */
export type Range = { from: Date | null; to: Date | null };

const IN_RANGE = `c.region_id = $1 AND ($2::timestamptz IS NULL OR c.reported_at >= $2) AND ($3::timestamptz IS NULL OR c.reported_at < $3)`;
const hours = (a: string, b: string) => `extract(epoch FROM ${b} - ${a}) / 3600.0`;
const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const spread = (median: number | null, p90: number | null, n: number) => ({ medianHours: round(median), p90Hours: round(p90), n });

/**
 * The lead and waiting times of docs/figures.md in one pass over the region's cases. A span counts
 * only where both ends happened, in order (a case solved before anyone picked it up has no waiting time).
 */
async function leadTimes(db: Queryable, region: string, range: Range) {
  const span = (name: string, a: string, b: string) => `
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours(a, b)}) FILTER (WHERE ${b} >= ${a}) AS ${name}_median,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours(a, b)}) FILTER (WHERE ${b} >= ${a}) AS ${name}_p90,
    count(*) FILTER (WHERE ${b} >= ${a}) AS ${name}_n`;
  const row = await maybeOne(
    db,
    z.record(z.string(), numOrNull),
    `SELECT count(*) AS reported, count(*) FILTER (WHERE decided_at IS NOT NULL) AS decided,
            ${span('pickup', 'c.reported_at', 'c.picked_up_at')},
            ${span('waiting', 'c.picked_up_at', 'c.decided_at')},
            ${span('help', 'c.picked_up_at', 'c.help_started_at')},
            ${span('total', 'c.reported_at', 'c.closed_at')}
       FROM "case" c WHERE ${IN_RANGE}`,
    [region, range.from, range.to],
  );
  const get = (k: string) => row?.[k] ?? null;
  const of = (name: string) => spread(get(`${name}_median`), get(`${name}_p90`), get(`${name}_n`) ?? 0);
  return {
    reported: get('reported') ?? 0,
    decided: get('decided') ?? 0,
    leadTimes: { pickup: of('pickup'), waiting: of('waiting'), waitingHelp: of('help'), total: of('total') },
  };
}

function leadTimesByMonth(db: Queryable, region: string, range: Range) {
  return many(
    db,
    z.object({ month: z.string(), pickupMedianHours: numOrNull, waitingMedianHours: numOrNull }),
    `SELECT to_char(date_trunc('month', c.reported_at), 'YYYY-MM') AS month,
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('c.reported_at', 'c.picked_up_at')}) FILTER (WHERE c.picked_up_at >= c.reported_at))::numeric, 1) AS "pickupMedianHours",
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('c.picked_up_at', 'c.decided_at')}) FILTER (WHERE c.decided_at >= c.picked_up_at))::numeric, 1) AS "waitingMedianHours"
       FROM "case" c WHERE ${IN_RANGE} AND c.reported_at > COALESCE($3::timestamptz, now()) - interval '12 months'
      GROUP BY 1 ORDER BY 1`,
    [region, range.from, range.to],
  );
}

/**
 * Per tier, from the timeline: a case is at the tier it started on (the first change's `from`, else
 * its current tier) from the melding until its first tier change, then at each change's tier until
 * the next one or until it closed (open cases: until now).
 */
async function tiers(db: Queryable, region: string, range: Range) {
  const rows = await many(
    db,
    z.object({
      tier: num,
      median: numOrNull,
      p90: numOrNull,
      n: num,
      escalated: num,
      automatic: num,
      solved: num,
      decided: num,
      highest: num,
    }),
    `WITH c AS (
        SELECT c.id, c.reported_at, COALESCE(c.closed_at, now()) AS ended, c.current_tier, c.status FROM "case" c WHERE ${IN_RANGE}),
      ev AS (
        SELECT e.case_id, e.at, e.tier, e.kind, (e.details->>'from')::int AS from_tier
          FROM case_event e JOIN c ON c.id = e.case_id
         WHERE e.kind IN ('tier-change', 'automatic-escalation') AND e.tier IS NOT NULL),
      first_change AS (SELECT DISTINCT ON (case_id) case_id, from_tier FROM ev ORDER BY case_id, at),
      seg AS (
        SELECT c.id, c.reported_at AS start, COALESCE(f.from_tier, c.current_tier) AS tier
          FROM c LEFT JOIN first_change f ON f.case_id = c.id
        UNION ALL SELECT case_id, at, tier FROM ev),
      spans AS (
        SELECT s.id, s.tier, s.start, COALESCE(lead(s.start) OVER (PARTITION BY s.id ORDER BY s.start), c.ended) AS stop
          FROM seg s JOIN c ON c.id = s.id),
      per_case AS (SELECT id, tier, sum(${hours('start', 'stop')}) AS h FROM spans GROUP BY id, tier),
      time_spent AS (
        SELECT tier, percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90, count(*) AS n
          FROM per_case GROUP BY tier),
      escalations AS (
        SELECT tier, count(*) FILTER (WHERE kind = 'automatic-escalation' OR from_tier < tier) AS escalated,
               count(*) FILTER (WHERE kind = 'automatic-escalation') AS automatic
          FROM ev GROUP BY tier),
      endings AS (
        SELECT current_tier AS tier, count(*) FILTER (WHERE status = 'solved') AS solved, count(*) FILTER (WHERE status = 'decided') AS decided
          FROM c WHERE status <> 'open' GROUP BY current_tier),
      highest AS (SELECT tier, count(*) AS highest FROM (SELECT id, max(tier) AS tier FROM per_case GROUP BY id) m GROUP BY tier)
     SELECT t.tier, s.median, s.p90, COALESCE(s.n, 0) AS n, COALESCE(x.escalated, 0) AS escalated, COALESCE(x.automatic, 0) AS automatic,
            COALESCE(d.solved, 0) AS solved, COALESCE(d.decided, 0) AS decided, COALESCE(hi.highest, 0) AS highest
       FROM (SELECT tier FROM time_spent UNION SELECT tier FROM escalations UNION SELECT tier FROM endings) t
       LEFT JOIN time_spent s USING (tier) LEFT JOIN escalations x USING (tier) LEFT JOIN endings d USING (tier) LEFT JOIN highest hi USING (tier)
      ORDER BY t.tier`,
    [region, range.from, range.to],
  );
  return rows.map((r) => ({
    tier: r.tier,
    timeSpent: spread(r.median, r.p90, r.n),
    escalatedInto: r.escalated,
    automatic: r.automatic,
    solvedHere: r.solved,
    decidedHere: r.decided,
    highestFor: r.highest,
  }));
}

function knelpunten(db: Queryable, region: string, range: Range) {
  return many(
    db,
    z.object({ category: z.string(), count: num }),
    `SELECT k AS category, count(*) AS count FROM "case" c, unnest(c.knelpunten) AS k
      WHERE ${IN_RANGE} GROUP BY k ORDER BY count(*) DESC, k`,
    [region, range.from, range.to],
  );
}

/** Every figure over the cases reported in the range; the heavy part of the dashboard, computed apart. */
export async function periodFigures(db: Queryable, region: string, range: Range): Promise<PeriodFigures> {
  const [lead, months, perTier, knelpuntCounts] = await Promise.all([
    leadTimes(db, region, range),
    leadTimesByMonth(db, region, range),
    tiers(db, region, range),
    knelpunten(db, region, range),
  ]);
  return {
    ...lead,
    leadTimesByMonth: months,
    tiers: perTier,
    autoEscalations: perTier.reduce((sum, t) => sum + t.automatic, 0),
    knelpunten: knelpuntCounts,
  };
}

const snapshotRow = z.object({ computedAt: z.date(), figures: periodFiguresSchema });

export function readFigures(db: Queryable, region: string, periodKey: string) {
  return maybeOne(db, snapshotRow, 'SELECT computed_at AS "computedAt", figures FROM region_figures WHERE region_id = $1 AND period_key = $2', [region, periodKey]);
}

export async function storeFigures(db: Queryable, region: string, periodKey: string, computedAt: Date, computeMs: number, figures: PeriodFigures): Promise<void> {
  await db.query(
    `INSERT INTO region_figures (region_id, period_key, computed_at, compute_ms, figures) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (region_id, period_key) DO UPDATE SET computed_at = EXCLUDED.computed_at, compute_ms = EXCLUDED.compute_ms, figures = EXCLUDED.figures
      WHERE region_figures.computed_at < EXCLUDED.computed_at`,
    [region, periodKey, computedAt, computeMs, JSON.stringify(figures)],
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
