import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { many, maybeOne } from '../../platform/db/pool.js';
import { toCsv } from '../audit/service.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';
import type { Metrics } from './schemas.js';

export async function metrics(ctx: AppContext, region: string): Promise<Metrics> {
  const [openPerTier, pickup, decision, helpStarted, leadTimesByMonth, autoEscalations, knelpunten] = await Promise.all([
    repo.openPerTier(ctx.db, region),
    repo.leadTime(ctx.db, region, 'picked_up_at'),
    repo.leadTime(ctx.db, region, 'decided_at'),
    repo.leadTime(ctx.db, region, 'help_started_at'),
    repo.leadTimesByMonth(ctx.db, region),
    repo.autoEscalations(ctx.db, region),
    repo.knelpunten(ctx.db, region),
  ]);
  return { openPerTier, leadTimes: { pickup, decision, helpStarted }, leadTimesByMonth, autoEscalations, knelpunten };
}

export async function metricsCsv(ctx: AppContext, region: string): Promise<string> {
  const m = await metrics(ctx, region);
  const rows: unknown[][] = [
    ...m.openPerTier.map((t) => ['open per trede', `trede ${t.tier}`, t.count, '', '']),
    ...(['pickup', 'decision', 'helpStarted'] as const).map((k) => ['doorlooptijd (uren)', k, m.leadTimes[k].n, m.leadTimes[k].medianHours, m.leadTimes[k].p90Hours]),
    ...m.leadTimesByMonth.map((r) => ['doorlooptijd per maand (mediaan uren)', r.month, '', r.pickupMedianHours, r.decisionMedianHours]),
    ['automatische opschalingen', '', m.autoEscalations, '', ''],
    ...m.knelpunten.map((k) => ['knelpunt', k.category, k.count, '', '']),
  ];
  return toCsv(['meting', 'onderdeel', 'aantal', 'mediaan', 'p90'], rows);
}

/** Where the region's cases wait, per element of its newest deployed model (the heat map on the diagram). */
export async function elementStatistics(ctx: AppContext, region: string) {
  const settings = await getRegion(ctx, region);
  const definition = await maybeOne(
    ctx.engineDb,
    z.object({ key: z.string(), resource: z.string() }),
    'SELECT key::text AS key, resource FROM process_definition WHERE bpmn_process_id = $1 ORDER BY version DESC LIMIT 1',
    [settings.bpmnProcessId],
  );
  if (!definition) return { processDefinitionKey: null, xml: null, elements: [] };
  const elements = await many(
    ctx.engineDb,
    z.object({ elementId: z.string(), active: z.coerce.number(), overdue: z.coerce.number() }),
    `SELECT e.element_id AS "elementId", count(*) AS active,
            count(*) FILTER (WHERE (u.due_date IS NOT NULL AND u.due_date < to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'))
                              OR EXISTS (SELECT 1 FROM timer t WHERE t.element_instance_key = e.key AND t.state = 'CREATED' AND t.due_date < now())) AS overdue
       FROM element_instance e
       LEFT JOIN user_task u ON u.element_instance_key = e.key AND u.state = 'CREATED'
      WHERE e.process_definition_key = $1 AND e.state = 'ACTIVE' AND e.element_type NOT IN ('PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS')
      GROUP BY e.element_id ORDER BY e.element_id`,
    [definition.key],
  );
  return { processDefinitionKey: definition.key, xml: definition.resource, elements };
}

const iso = z.date().transform((d) => d.toISOString());

export function meetings(ctx: AppContext, region: string) {
  return many(
    ctx.db,
    z.object({
      id: z.string(),
      caseId: z.string(),
      caseReference: z.string(),
      proposedStart: iso,
      durationMinutes: z.number(),
      location: z.string(),
      coordinatorOrganisation: z.string(),
      invited: z.array(z.string()),
      outcome: z.string().nullable(),
      responsibleParty: z.string().nullable(),
    }),
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

export function learningAgenda(ctx: AppContext, region: string) {
  return many(
    ctx.db,
    z.object({
      caseId: z.string(),
      caseReference: z.string(),
      meetingName: z.string(),
      meetingDate: z.string(),
      status: z.string(),
      currentTier: z.number(),
      knelpunten: z.array(z.string()),
    }),
    `SELECT a.case_id::text AS "caseId", c.reference AS "caseReference", a.meeting_name AS "meetingName",
            to_char(a.meeting_date, 'YYYY-MM-DD') AS "meetingDate", c.status, c.current_tier AS "currentTier", c.knelpunten
       FROM learning_agenda_item a JOIN "case" c ON c.id = a.case_id
      WHERE c.region_id = $1 ORDER BY a.meeting_date, c.reference`,
    [region],
  );
}
