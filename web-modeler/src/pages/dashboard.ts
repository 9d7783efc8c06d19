import { type CaseListItem, type ElementStatistics, type Metrics, type RegionSettings, api } from '../api.js';
import { barChart, lineChart } from '../charts.js';
import { tierName } from '../labels.js';
import { showDiagram } from '../modeler/viewer.js';
import { DUTCH_DATE_HINT, toIsoDate } from '../dates.js';
import { announce, attempt, dataTable, formatDateTime, formatHours, h } from '../ui.js';
import { FIGURE_DEFINITIONS } from '../../../domain/figures.js';
import { KNELPUNT_LABELS, type Knelpunt } from '../../../domain/knelpunten.js';

const REFRESH_MS = 15_000;

const PERIODS: Array<[string, string]> = [
  ['30', 'Laatste 30 dagen'],
  ['90', 'Laatste 90 dagen'],
  ['365', 'Laatste 12 maanden'],
  ['alles', 'Alles'],
  ['eigen', 'Eigen periode (van – tot)'],
];


/** What each figure measures, in words, under the table that shows it. */
function definitions(items: Array<readonly [string, string]>): HTMLElement {
  return h('dl', { class: 'figure-definitions' }, ...items.flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text)]));
}

/** Element names from the model, so people read "Besluiten welke partij …" rather than "Bestuur_Taak". */
function elementNames(xml: string | null): Map<string, string> {
  const names = new Map<string, string>();
  if (!xml) return names;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const el of Array.from(doc.querySelectorAll('[id][name]'))) names.set(el.getAttribute('id') as string, (el.getAttribute('name') as string).replace(/\s+/g, ' ').trim());
  return names;
}

/**
 * Managers' view of a region: overdue cases first, then where cases are, how long they take and
 * where they get stuck. Every count links to the cases behind it. The figures are checked every
 * 15 seconds, but a section is only redrawn when its own numbers changed (so a screen reader keeps
 * its place), and the checking can be paused (WCAG 2.2.2).
 */
export async function renderDashboard(main: HTMLElement, region: string): Promise<() => void> {
  const settings = await api.get<RegionSettings>(`/api/regions/${region}`);
  const cases = (query: string) => `#/casussen/${region}${query ? `?${query}` : ''}`;
  const link = (query: string, text: string | number, label?: string) =>
    h('a', { href: cases(query), 'aria-label': label ?? null }, String(text));
  let period = 'alles';
  let custom: { van: string; tot: string } | undefined;
  let paused = false;
  const sections = new Map<string, { host: HTMLElement; shown: string }>();
  const section = (key: string) => {
    const host = h('div', { id: `section-${key}` });
    sections.set(key, { host, shown: '' });
    return host;
  };
  /** Redraws one section only when the data it shows changed. */
  const update = (key: string, data: unknown, draw: () => Node[]) => {
    const entry = sections.get(key)!;
    const fingerprint = JSON.stringify(data);
    if (fingerprint === entry.shown) return;
    entry.shown = fingerprint;
    entry.host.replaceChildren(...draw());
  };

  const diagramHost = h('div', { class: 'viewer-canvas', id: 'dashboard-diagram', role: 'figure', 'aria-label': 'Diagram met het aantal open casussen per stap' });
  let diagram: Awaited<ReturnType<typeof showDiagram>> | undefined;
  let diagramKey: string | null | undefined;
  const updated = h('span', { id: 'dashboard-updated' });
  const figuresAt = h('span', { id: 'dashboard-figures-at' });
  const pause = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      id: 'dashboard-pause',
      'aria-pressed': 'false',
      onclick: () => {
        paused = !paused;
        pause.setAttribute('aria-pressed', String(paused));
        pause.textContent = paused ? 'Bijwerken hervatten' : 'Bijwerken pauzeren';
        announce(paused ? 'Het dashboard wordt niet meer bijgewerkt.' : 'Het dashboard wordt weer bijgewerkt.');
        if (!paused) void attempt(refresh);
      },
    },
    'Bijwerken pauzeren',
  );
  /** The period as the metrics API takes it: a fixed span, or from–to dates (both included). */
  const periodQuery = () => (period === 'eigen' && custom ? `van=${custom.van}&tot=${custom.tot}` : `periode=${period === 'eigen' ? 'alles' : period}`);
  const csvLink = h('a', { href: `/api/regions/${region}/metrics.csv`, download: `doorzet-${region}-kengetallen.csv`, id: 'csv-export' }, 'Exporteer als CSV');
  const showPeriod = (label: string) => {
    csvLink.setAttribute('href', `/api/regions/${region}/metrics.csv?${periodQuery()}`);
    void attempt(refresh).then(() => announce(`Cijfers over: ${label}.`));
  };
  const from = h('input', { type: 'text', id: 'period-from', inputmode: 'numeric', maxlength: 10, 'aria-describedby': 'period-hint period-error' });
  const to = h('input', { type: 'text', id: 'period-to', inputmode: 'numeric', maxlength: 10, 'aria-describedby': 'period-hint period-error' });
  const periodError = h('p', { id: 'period-error', class: 'field-error' });
  const customForm = h(
    'form',
    {
      id: 'period-custom',
      class: 'inline-form',
      hidden: true,
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const van = toIsoDate(from.value);
        const tot = toIsoDate(to.value);
        periodError.textContent = !van || !tot ? 'Vul twee datums in als dd-mm-jjjj.' : van > tot ? 'De begindatum ligt na de einddatum.' : '';
        if (periodError.textContent || !van || !tot) {
          from.focus();
          return;
        }
        custom = { van, tot };
        showPeriod(`${from.value} tot en met ${to.value}`);
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'period-from' }, 'Van'), from),
    h('div', { class: 'field' }, h('label', { for: 'period-to' }, 'Tot en met'), to),
    h('button', { type: 'submit', id: 'period-apply' }, 'Toon cijfers'),
    h('p', { class: 'hint', id: 'period-hint' }, `Meldingen in deze periode. ${DUTCH_DATE_HINT}`),
    periodError,
  );
  const periodSelect = h(
    'select',
    {
      id: 'dashboard-period',
      onchange: () => {
        period = periodSelect.value;
        customForm.hidden = period !== 'eigen';
        if (period === 'eigen' && !custom) return;
        showPeriod(PERIODS.find(([v]) => v === period)?.[1] ?? period);
      },
    },
    ...PERIODS.map(([value, label]) => h('option', { value, selected: value === period }, label)),
  );

  main.replaceChildren(
    h('h1', {}, `Dashboard ${settings.name}`),
    h(
      'div',
      { class: 'inline-form dashboard-controls' },
      h('div', { class: 'field' }, h('label', { for: 'dashboard-period' }, 'Periode (doorlooptijden, opschalingen, knelpunten)'), periodSelect),
      pause,
      csvLink,
    ),
    customForm,
    h('p', { class: 'hint' }, 'De cijfers worden elke 15 seconden gecontroleerd; alleen wat verandert wordt opnieuw getoond. ', updated, figuresAt),
    h('p', { class: 'hint' }, FIGURE_DEFINITIONS.period),
    section('overdue'),
    section('kpis'),
    section('tiers'),
    section('lead'),
    section('knelpunten'),
    h('section', { 'aria-labelledby': 'diagram-heading' }, h('h2', { id: 'diagram-heading' }, 'Waar wachten de casussen?'), diagramHost, section('elements')),
  );

  const refresh = async () => {
    const [metrics, statistics, overdue] = await Promise.all([
      api.get<Metrics>(`/api/regions/${region}/metrics?${periodQuery()}`),
      api.get<ElementStatistics>(`/api/regions/${region}/element-statistics`),
      api.page<CaseListItem>(`/api/regions/${region}/cases?overdue=true&status=open&sort=reported&dir=asc&pageSize=10`),
    ]);
    drawOverdue(overdue);
    drawMetrics(metrics);
    const names = elementNames(statistics.xml);
    if (statistics.xml && statistics.processDefinitionKey !== diagramKey) {
      diagram?.destroy();
      diagramHost.replaceChildren();
      diagram = await showDiagram(diagramHost, statistics.xml);
      diagramKey = statistics.processDefinitionKey;
    }
    diagram?.counts(statistics.elements);
    drawElements(statistics, names);
    updated.textContent = `Laatst gecontroleerd: ${formatDateTime(new Date().toISOString())}.`;
  };

  const drawOverdue = (overdue: { items: CaseListItem[]; total: number }) =>
    update('overdue', overdue, () => [
      h(
        'section',
        { 'aria-labelledby': 'overdue-heading' },
        h('h2', { id: 'overdue-heading' }, 'Te late casussen'),
        overdue.total === 0
          ? h('p', { id: 'overdue-empty' }, 'Geen enkele open casus is over zijn termijn. ')
          : h(
              'div',
              {},
              dataTable(
                'overdue-table',
                `Open casussen over de termijn, de oudste melding eerst (${overdue.total})`,
                ['Casus', 'Trede', 'Wacht op', 'Termijn verstreken'],
                overdue.items.map((c) => [
                  h('a', { href: `#/casus/${c.id}` }, c.reference),
                  tierName(settings, c.currentTier),
                  c.waitingFor.map((r) => settings.roles.find((x) => x.id === r)?.name ?? r).join(', ') || '—',
                  formatDateTime(c.dueDate),
                ]),
              ),
              h('p', {}, link('status=open&telaat=ja', `Alle ${overdue.total} te late casussen in de casuslijst`)),
            ),
      ),
    ]);

  const drawMetrics = (metrics: Metrics) => {
    const open = metrics.openPerTier.reduce((sum, t) => sum + t.count, 0);
    const lead = metrics.leadTimes;
    figuresAt.textContent = ` Cijfers over de periode berekend om ${formatDateTime(metrics.computedAt)}.`;
    update('kpis', { open, auto: metrics.autoEscalations, decisions: metrics.decided, reported: metrics.reported }, () => [
      h(
        'section',
        { 'aria-labelledby': 'kpi-heading' },
        h('h2', { id: 'kpi-heading' }, 'Kerncijfers'),
        h(
          'ul',
          { class: 'kpis' },
          h('li', { id: 'kpi-open' }, h('a', { href: cases('status=open'), class: 'kpi-value' }, String(open)), ' open casussen'),
          h('li', { id: 'kpi-reported' }, h('span', { class: 'kpi-value' }, String(metrics.reported)), ' meldingen in de periode'),
          h('li', { id: 'kpi-auto' }, h('span', { class: 'kpi-value' }, String(metrics.autoEscalations)), ' automatische opschalingen (termijn verstreken)'),
          h('li', { id: 'kpi-decisions' }, h('a', { href: cases('status=decided'), class: 'kpi-value' }, String(metrics.decided)), ' casussen met een besluit'),
        ),
      ),
    ]);
    update('tiers', { open: metrics.openPerTier, tiers: metrics.tiers }, () => [
      h(
        'section',
        { 'aria-labelledby': 'tiers-heading' },
        h('h2', { id: 'tiers-heading' }, 'Open casussen per trede'),
        ...(metrics.openPerTier.length === 0
          ? [h('p', { id: 'tiers-empty' }, 'Er zijn nu geen open casussen in deze regio.')]
          : [
              barChart(metrics.openPerTier.map((t) => ({ label: `Trede ${t.tier}`, values: [{ name: 'open', value: t.count }] })), (v) => String(v)),
              dataTable(
                'tiers-table',
                'Open casussen per trede',
                ['Trede', 'Open casussen'],
                metrics.openPerTier.map((t) => [tierName(settings, t.tier), link(`status=open&trede=${t.tier}`, t.count, `${t.count} open casussen op trede ${t.tier}`)]),
              ),
            ]),
        h('h3', {}, 'Per trede in de periode'),
        ...(metrics.tiers.length === 0
          ? [h('p', { id: 'tier-figures-empty' }, 'Nog geen casussen gemeld in deze periode.')]
          : [
              dataTable(
                'tier-figures-table',
                'Per trede: tijd op de trede, opschalingen en waar casussen eindigden',
                ['Trede', 'Tijd op de trede (mediaan)', 'Opgeschaald naar', 'Waarvan automatisch', 'Opgelost', 'Besloten', 'Hoogste trede voor'],
                metrics.tiers.map((t) => [
                  tierName(settings, t.tier),
                  t.timeSpent.n === 0 ? '—' : formatHours(t.timeSpent.medianHours),
                  t.escalatedInto,
                  t.automatic,
                  t.solvedHere,
                  t.decidedHere,
                  t.highestFor,
                ]),
              ),
              definitions(Object.values(FIGURE_DEFINITIONS.tiers).map((text, i) => [['Tijd op de trede', 'Opgeschaald naar', 'Waarvan automatisch', 'Opgelost', 'Besloten', 'Hoogste trede voor'][i]!, text])),
            ]),
      ),
    ]);
    const stages = (Object.keys(FIGURE_DEFINITIONS.leadTimes) as Array<keyof Metrics['leadTimes']>).map((k) => [FIGURE_DEFINITIONS.leadTimes[k].label, lead[k]] as const);
    update('lead', { lead, months: metrics.leadTimesByMonth }, () => [
      h(
        'section',
        { 'aria-labelledby': 'lead-heading' },
        h('h2', { id: 'lead-heading' }, 'Doorlooptijden en wachttijd'),
        barChart(stages.map(([label, t]) => ({ label, values: [{ name: 'mediaan', value: t.medianHours }, { name: 'p90', value: t.p90Hours }] })), formatHours),
        dataTable(
          'lead-table',
          'Doorlooptijden en wachttijd (mediaan en 90e percentiel)',
          ['Traject', 'Mediaan', '90e percentiel', 'Aantal casussen'],
          stages.map(([label, t]) => [label, t.n === 0 ? 'Nog geen casussen' : formatHours(t.medianHours), t.n === 0 ? '—' : formatHours(t.p90Hours), t.n]),
        ),
        definitions(Object.values(FIGURE_DEFINITIONS.leadTimes).map((d) => [d.label, d.explanation])),
        h('h3', {}, 'Mediaan per maand'),
        ...(metrics.leadTimesByMonth.length === 0
          ? [h('p', {}, 'Nog geen meldingen in de afgelopen twaalf maanden.')]
          : [
              lineChart(metrics.leadTimesByMonth.map((m) => ({ label: m.month, values: [m.pickupMedianHours, m.waitingMedianHours] })), ['opgepakt', 'wachttijd'], formatHours),
              dataTable(
                'months-table',
                'Mediane doorlooptijd per maand',
                ['Maand', FIGURE_DEFINITIONS.leadTimes.pickup.label, FIGURE_DEFINITIONS.leadTimes.waiting.label],
                metrics.leadTimesByMonth.map((m) => [m.month, formatHours(m.pickupMedianHours), formatHours(m.waitingMedianHours)]),
              ),
            ]),
      ),
    ]);
    update('knelpunten', metrics.knelpunten, () => [
      h(
        'section',
        { 'aria-labelledby': 'knelpunten-heading' },
        h('h2', { id: 'knelpunten-heading' }, 'Knelpunten'),
        metrics.knelpunten.length === 0
          ? h('p', {}, 'Nog geen knelpunten geregistreerd in deze periode.')
          : dataTable('knelpunten-table', 'Knelpunten per categorie', ['Categorie', 'Aantal'], metrics.knelpunten.map((k) => [KNELPUNT_LABELS[k.category as Knelpunt] ?? k.category, k.count])),
      ),
    ]);
  };

  const drawElements = (statistics: ElementStatistics, names: Map<string, string>) => {
    const waiting = statistics.elements.filter((e) => e.active > 0 || e.incidents > 0);
    const versions = statistics.versions;
    update('elements', { waiting, versions }, () => [
      ...(versions.length > 1
        ? [
            h(
              'p',
              { id: 'elements-versions', class: 'notice' },
              `Casussen lopen op ${versions.length} versies van het model; de aantallen zijn opgeteld per stap: `,
              versions.map((v) => `versie ${v.version}: ${v.active} ${v.active === 1 ? 'casus' : 'casussen'}`).join(', '),
              '.',
            ),
          ]
        : []),
      waiting.length === 0
        ? h('p', { id: 'elements-empty' }, statistics.xml ? 'Er wachten nu geen casussen in dit model.' : 'Deze regio heeft nog geen uitgerold model.')
        : dataTable(
            'element-table',
            'Open casussen per stap',
            ['Stap', 'Open', 'Te laat', 'Storingen', 'Wat er misging'],
            waiting.map((e) => {
              const name = (e.name !== e.elementId ? e.name : names.get(e.elementId)) ?? e.elementId;
              const step = `stap=${encodeURIComponent(e.elementId)}&stapnaam=${encodeURIComponent(name)}`;
              return [
                e.onlyInOlderVersions ? `${name} (alleen in een oudere modelversie)` : name,
                e.active > 0 ? link(`status=open&${step}`, e.active, `${e.active} open casussen bij ${name}`) : '0',
                e.overdue > 0 ? link(`status=open&telaat=ja&${step}`, e.overdue, `${e.overdue} te late casussen bij ${name}`) : '0',
                e.incidents,
                e.failures.length === 0 ? '—' : h('ul', { class: 'failures' }, ...e.failures.map((f) => h('li', {}, `${f.message}${f.count > 1 ? ` (${f.count}×)` : ''}`))),
              ];
            }),
          ),
    ]);
  };

  await refresh();
  const timer = window.setInterval(() => {
    if (!paused) void attempt(refresh);
  }, REFRESH_MS);
  announce(`Dashboard van ${settings.name} geladen.`);
  return () => {
    window.clearInterval(timer);
    diagram?.destroy();
  };
}
