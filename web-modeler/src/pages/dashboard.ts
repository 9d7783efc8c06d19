import { type ElementStatistics, type Metrics, api } from '../api.js';
import { barChart, dataTable, lineChart } from '../charts.js';
import { showDiagram } from '../modeler/viewer.js';
import { announce, attempt, formatHours, h } from '../ui.js';
import { KNELPUNT_LABELS, type Knelpunt } from '../../../domain/knelpunten.js';

const REFRESH_MS = 5000;

/** Managers' view of a region: where cases are, how long they take, where they get stuck. */
export async function renderDashboard(main: HTMLElement, region: string): Promise<() => void> {
  const overview = h('div', { id: 'dashboard-metrics' });
  const diagramHost = h('div', { class: 'viewer-canvas', id: 'dashboard-diagram', role: 'figure', 'aria-label': 'Diagram met het aantal open casussen per stap' });
  const elementTable = h('div', { id: 'element-counts' });
  let diagram: Awaited<ReturnType<typeof showDiagram>> | undefined;
  let diagramKey: string | null | undefined;

  main.replaceChildren(
    h('h1', {}, `Dashboard ${region}`),
    h('p', {}, 'Cijfers worden elke 5 seconden bijgewerkt. ', h('a', { href: `/api/regions/${region}/metrics.csv`, download: `doorzet-${region}-kengetallen.csv`, id: 'csv-export' }, 'Exporteer als CSV')),
    overview,
    h('section', { 'aria-labelledby': 'diagram-heading' }, h('h2', { id: 'diagram-heading' }, 'Waar wachten de casussen?'), diagramHost, elementTable),
  );

  const refresh = async () => {
    const [metrics, statistics] = await Promise.all([
      api.get<Metrics>(`/api/regions/${region}/metrics`),
      api.get<ElementStatistics>(`/api/regions/${region}/element-statistics`),
    ]);
    renderMetrics(overview, metrics);
    if (statistics.xml && statistics.processDefinitionKey !== diagramKey) {
      diagram?.destroy();
      diagramHost.replaceChildren();
      diagram = await showDiagram(diagramHost, statistics.xml);
      diagramKey = statistics.processDefinitionKey;
    }
    diagram?.counts(statistics.elements);
    const waiting = statistics.elements.filter((e) => e.active > 0);
    elementTable.replaceChildren(
      waiting.length === 0
        ? h('p', {}, 'Er wachten nu geen casussen in dit model.')
        : dataTable('Open casussen per stap', ['Stap', 'Open', 'Te laat', 'Storingen'], waiting.map((e) => [e.elementId, e.active, e.overdue, e.incidents]), 'element-table'),
    );
  };

  await refresh();
  const timer = window.setInterval(() => void attempt(refresh), REFRESH_MS);
  announce(`Dashboard van ${region} geladen.`);
  return () => {
    window.clearInterval(timer);
    diagram?.destroy();
  };
}

function renderMetrics(host: HTMLElement, metrics: Metrics): void {
  const open = metrics.openPerTier.reduce((sum, t) => sum + t.count, 0);
  const lead = metrics.leadTimes;
  const stages: Array<[string, typeof lead.pickup]> = [
    ['Melding → opgepakt', lead.pickup],
    ['Melding → besluit', lead.decision],
    ['Melding → hulp gestart', lead.helpStarted],
  ];
  const hoursToText = (v: number) => formatHours(v);
  host.replaceChildren(
    h(
      'section',
      { 'aria-labelledby': 'kpi-heading' },
      h('h2', { id: 'kpi-heading' }, 'Kerncijfers'),
      h(
        'ul',
        { class: 'kpis' },
        h('li', { id: 'kpi-open' }, h('span', { class: 'kpi-value' }, String(open)), ' open casussen'),
        h('li', { id: 'kpi-auto' }, h('span', { class: 'kpi-value' }, String(metrics.autoEscalations)), ' automatische opschalingen (termijn verstreken)'),
        h('li', { id: 'kpi-decisions' }, h('span', { class: 'kpi-value' }, String(lead.decision.n)), ' casussen met een besluit'),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'tiers-heading' },
      h('h2', { id: 'tiers-heading' }, 'Open casussen per trede'),
      barChart(metrics.openPerTier.map((t) => ({ label: `Trede ${t.tier}`, values: [{ name: 'open', value: t.count }] })), (v) => String(v)),
      dataTable('Open casussen per trede', ['Trede', 'Open casussen'], metrics.openPerTier.map((t) => [`Trede ${t.tier}`, t.count]), 'tiers-table'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'lead-heading' },
      h('h2', { id: 'lead-heading' }, 'Doorlooptijden'),
      barChart(stages.map(([label, t]) => ({ label, values: [{ name: 'mediaan', value: t.medianHours }, { name: 'p90', value: t.p90Hours }] })), hoursToText),
      dataTable('Doorlooptijden (mediaan en 90e percentiel)', ['Traject', 'Mediaan', '90e percentiel', 'Aantal casussen'], stages.map(([label, t]) => [label, formatHours(t.medianHours), formatHours(t.p90Hours), t.n]), 'lead-table'),
      h('h3', {}, 'Mediaan per maand'),
      lineChart(metrics.leadTimesByMonth.map((m) => ({ label: m.month, values: [m.pickupMedianHours, m.decisionMedianHours] })), ['opgepakt', 'besluit'], hoursToText),
      dataTable('Mediane doorlooptijd per maand', ['Maand', 'Melding → opgepakt', 'Melding → besluit'], metrics.leadTimesByMonth.map((m) => [m.month, formatHours(m.pickupMedianHours), formatHours(m.decisionMedianHours)]), 'months-table'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'knelpunten-heading' },
      h('h2', { id: 'knelpunten-heading' }, 'Knelpunten'),
      metrics.knelpunten.length === 0
        ? h('p', {}, 'Nog geen knelpunten geregistreerd.')
        : dataTable('Knelpunten per categorie', ['Categorie', 'Aantal'], metrics.knelpunten.map((k) => [KNELPUNT_LABELS[k.category as Knelpunt] ?? k.category, k.count]), 'knelpunten-table'),
    ),
  );
}
