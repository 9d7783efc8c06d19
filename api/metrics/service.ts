import type { AppContext } from '../../platform/context.js';
import { toCsv } from '../audit/service.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';
import type { Metrics, MetricsQuery } from './schemas.js';

function since(period: MetricsQuery['periode']): Date | null {
  return period === 'alles' ? null : new Date(Date.now() - Number(period) * 86_400_000);
}

/** Open cases are counted as they are now; lead times, escalations and knelpunten over the chosen period. */
export async function metrics(ctx: AppContext, region: string, query: MetricsQuery = { periode: 'alles' }): Promise<Metrics> {
  const from = since(query.periode);
  const [openPerTier, pickup, decision, helpStarted, leadTimesByMonth, autoEscalations, knelpunten] = await Promise.all([
    repo.openPerTier(ctx.db, region),
    repo.leadTime(ctx.db, region, 'picked_up_at', from),
    repo.leadTime(ctx.db, region, 'decided_at', from),
    repo.leadTime(ctx.db, region, 'help_started_at', from),
    repo.leadTimesByMonth(ctx.db, region),
    repo.autoEscalations(ctx.db, region, from),
    repo.knelpunten(ctx.db, region, from),
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
  const definition = await ctx.engine.newestDefinition(settings.bpmnProcessId);
  if (!definition) return { processDefinitionKey: null, xml: null, elements: [] };
  const [elements, incidents] = await Promise.all([
    ctx.engine.elementStatistics(definition.processDefinitionKey),
    ctx.engine.incidents({ processDefinitionKey: definition.processDefinitionKey }),
  ]);
  // A manager sees what failed where, not only that something did.
  const failures = new Map<string, Map<string, number>>();
  for (const incident of incidents) {
    const byMessage = failures.get(incident.elementId) ?? new Map<string, number>();
    const message = incident.message?.trim() || 'Onbekende fout (geen melding van de worker)';
    byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
    failures.set(incident.elementId, byMessage);
  }
  return {
    processDefinitionKey: definition.processDefinitionKey,
    xml: definition.xml,
    elements: elements.map((e) => ({
      ...e,
      failures: [...(failures.get(e.elementId) ?? new Map<string, number>())].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count),
    })),
  };
}

export function meetings(ctx: AppContext, region: string) {
  return repo.meetings(ctx.db, region);
}

export function learningAgenda(ctx: AppContext, region: string) {
  return repo.learningAgenda(ctx.db, region);
}
