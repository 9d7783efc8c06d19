import type { AppContext } from '../../platform/context.js';
import { toCsv } from '../audit/service.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';
import { FIGURE_DEFINITIONS } from '../../domain/figures.js';
import { warn } from '../../platform/log.js';
import type { LeadTime, Metrics, MetricsQuery, PeriodFigures } from './schemas.js';

const DAY_MS = 86_400_000;

/** The cache key and the reported-at range of a period; a chosen period runs from `van` through `tot`. */
export function periodOf(query: MetricsQuery, now = Date.now()): { key: string; range: repo.Range } {
  if (query.van && query.tot) {
    return { key: `${query.van}..${query.tot}`, range: { from: new Date(`${query.van}T00:00:00Z`), to: new Date(new Date(`${query.tot}T00:00:00Z`).getTime() + DAY_MS) } };
  }
  const days = query.periode;
  return { key: days, range: { from: days === 'alles' ? null : new Date(now - Number(days) * DAY_MS), to: null } };
}

// One recomputation per region and period at a time in this process; others keep reading the stored figures.
const refreshing = new Map<string, Promise<{ computedAt: Date; figures: PeriodFigures }>>();

function recompute(ctx: AppContext, region: string, period: ReturnType<typeof periodOf>) {
  const id = `${region}\u0000${period.key}`;
  const running = refreshing.get(id);
  if (running) return running;
  const work = (async () => {
    const started = performance.now();
    const computedAt = new Date();
    const figures = await repo.periodFigures(ctx.db, region, period.range);
    await repo.storeFigures(ctx.db, region, period.key, computedAt, Math.round(performance.now() - started), figures);
    return { computedAt, figures };
  })().finally(() => refreshing.delete(id));
  refreshing.set(id, work);
  return work;
}

/**
 * The dashboard's figures. Open cases per tier are counted now; the figures over the period
 * come from region_figures when they are younger than FIGURES_MAX_AGE_S, and are otherwise
 * recomputed — in the background when older ones can be shown meanwhile, so a refresh never
 * waits for percentiles over every case the region ever had.
 */
export async function metrics(ctx: AppContext, region: string, query: MetricsQuery = { periode: 'alles' }): Promise<Metrics> {
  const period = periodOf(query);
  const [openPerTier, stored] = await Promise.all([repo.openPerTier(ctx.db, region), repo.readFigures(ctx.db, region, period.key)]);
  const maxAgeMs = ctx.config.FIGURES_MAX_AGE_S * 1000;
  let current = stored;
  if (!stored || maxAgeMs === 0) current = await recompute(ctx, region, period);
  else if (Date.now() - stored.computedAt.getTime() > maxAgeMs) {
    recompute(ctx, region, period).catch((error: unknown) => warn(`figures of ${region} (${period.key}) not recomputed: ${String(error)}`));
  }
  return { ...current!.figures, computedAt: current!.computedAt.toISOString(), openPerTier };
}

const hoursCell = (t: LeadTime) => [t.n, t.medianHours ?? '', t.p90Hours ?? ''];

export async function metricsCsv(ctx: AppContext, region: string, query: MetricsQuery = { periode: 'alles' }): Promise<string> {
  const m = await metrics(ctx, region, query);
  const rows: unknown[][] = [
    ...m.openPerTier.map((t) => ['open per trede', `trede ${t.tier}`, t.count, '', '']),
    ['meldingen in de periode', '', m.reported, '', ''],
    ...(Object.keys(FIGURE_DEFINITIONS.leadTimes) as Array<keyof Metrics['leadTimes']>).map((k) => ['doorlooptijd (uren)', FIGURE_DEFINITIONS.leadTimes[k].label, ...hoursCell(m.leadTimes[k])]),
    ...m.leadTimesByMonth.map((r) => ['mediaan per maand (uren): opgepakt / wachttijd', r.month, '', r.pickupMedianHours ?? '', r.waitingMedianHours ?? '']),
    ...m.tiers.flatMap((t) => [
      ['tijd op trede (uren)', `trede ${t.tier}`, ...hoursCell(t.timeSpent)],
      ['opgeschaald naar trede', `trede ${t.tier}`, t.escalatedInto, '', ''],
      ['waarvan automatisch (termijn verstreken)', `trede ${t.tier}`, t.automatic, '', ''],
      ['opgelost op trede', `trede ${t.tier}`, t.solvedHere, '', ''],
      ['besloten op trede', `trede ${t.tier}`, t.decidedHere, '', ''],
      ['hoogste trede bereikt', `trede ${t.tier}`, t.highestFor, '', ''],
    ]),
    ['casussen met een besluit', '', m.decided, '', ''],
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
