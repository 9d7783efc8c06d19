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

function namesIn(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of xml.matchAll(/<[\w:]+\s[^>]*?\bid="([^"]+)"[^>]*?\bname="([^"]*)"/g)) names.set(m[1]!, m[2]!.replace(/&#10;|\s+/g, ' ').trim());
  return names;
}

/**
 * Where the region's cases wait, per element, over every model version that still has running
 * cases (the heat map across versions): counts of the same element id are summed and drawn on the
 * newest model; elements that only older versions have are listed as such.
 */
export async function elementStatistics(ctx: AppContext, region: string) {
  const settings = await getRegion(ctx, region);
  const newest = await ctx.engine.newestDefinition(settings.bpmnProcessId);
  if (!newest) return { processDefinitionKey: null, xml: null, elements: [], versions: [] };
  const inUse = await ctx.engine.runningVersions(settings.bpmnProcessId);
  const definitions = inUse.some((d) => d.processDefinitionKey === newest.processDefinitionKey)
    ? inUse
    : [{ processDefinitionKey: newest.processDefinitionKey, version: newest.version, instances: 0 }, ...inUse];
  const [perVersion, incidents] = await Promise.all([
    Promise.all(definitions.map(async (d) => ({ ...d, elements: await ctx.engine.elementStatistics(d.processDefinitionKey) }))),
    ctx.engine.incidents({ bpmnProcessId: settings.bpmnProcessId }),
  ]);
  const newestNames = namesIn(newest.xml);
  const olderNames = new Map<string, string>();
  for (const d of definitions) {
    if (d.processDefinitionKey === newest.processDefinitionKey) continue;
    const xml = (await ctx.engine.definition(d.processDefinitionKey))?.xml ?? '';
    for (const [id, name] of namesIn(xml)) if (!olderNames.has(id)) olderNames.set(id, name);
  }
  const merged = new Map<string, { elementId: string; active: number; overdue: number; incidents: number }>();
  for (const v of perVersion) {
    for (const e of v.elements) {
      const m = merged.get(e.elementId) ?? { elementId: e.elementId, active: 0, overdue: 0, incidents: 0 };
      m.active += e.active;
      m.overdue += e.overdue;
      m.incidents += e.incidents;
      merged.set(e.elementId, m);
    }
  }
  // A manager sees what failed where, not only that something did.
  const failures = new Map<string, Map<string, number>>();
  for (const incident of incidents) {
    const byMessage = failures.get(incident.elementId) ?? new Map<string, number>();
    const message = incident.message?.trim() || 'Onbekende fout (geen melding van de worker)';
    byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
    failures.set(incident.elementId, byMessage);
  }
  return {
    processDefinitionKey: newest.processDefinitionKey,
    xml: newest.xml,
    elements: [...merged.values()]
      .map((e) => ({
        ...e,
        failures: [...(failures.get(e.elementId) ?? new Map<string, number>())].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count),
        onlyInOlderVersions: !newestNames.has(e.elementId) && olderNames.has(e.elementId),
        name: newestNames.get(e.elementId) ?? olderNames.get(e.elementId) ?? e.elementId,
      }))
      .sort((a, b) => a.elementId.localeCompare(b.elementId)),
    versions: perVersion.map((v) => ({ version: v.version, active: v.elements.reduce((sum, e) => sum + e.active, 0) })).filter((v) => v.active > 0),
  };
}

export function meetings(ctx: AppContext, region: string) {
  return repo.meetings(ctx.db, region);
}
