import type { AppContext } from '../../platform/context.js';
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
  const definition = await ctx.engine.newestDefinition(settings.bpmnProcessId);
  if (!definition) return { processDefinitionKey: null, xml: null, elements: [] };
  const elements = await ctx.engine.elementStatistics(definition.processDefinitionKey);
  return { processDefinitionKey: definition.processDefinitionKey, xml: definition.xml, elements };
}

export function meetings(ctx: AppContext, region: string) {
  return repo.meetings(ctx.db, region);
}

export function learningAgenda(ctx: AppContext, region: string) {
  return repo.learningAgenda(ctx.db, region);
}
