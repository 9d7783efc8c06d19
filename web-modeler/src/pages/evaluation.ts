import { type LeadTime, type RegionSettings, api } from '../api.js';
import { toDutchDate } from '../dates.js';
import { STATUS_LABELS, tierName } from '../labels.js';
import { navigate } from '../navigate.js';
import { dataTable, formatHours, h } from '../ui.js';
import { FIGURE_DEFINITIONS } from '../../../domain/figures.js';
import { KNELPUNT_LABELS, type Knelpunt } from '../../../domain/knelpunten.js';

type Evaluation = {
  regionName: string;
  year: number;
  meldingen: number;
  statuses: Array<{ status: string; count: number }>;
  tiers: Array<{ tier: number; timeSpent: LeadTime; escalatedInto: number; automatic: number; solvedHere: number; decidedHere: number; highestFor: number }>;
  leadTimes: Record<string, LeadTime>;
  decided: number;
  autoEscalations: number;
  knelpunten: Array<{ category: string; count: number }>;
  learning: { meetingName: string; meetings: number; outcomes: Array<{ meetingDate: string; caseReference: string; measure: string; ownerRole: string; followUp: string | null }> };
  clientExperience: { count: number; averageRating: number | null; comments: Array<{ answeredOn: string; rating: number; comment: string }> };
};

/** The dashboard's words for its figures (domain/figures.ts); a figure added later shows by its key until it gets one. */
const LEAD_LABELS = FIGURE_DEFINITIONS.leadTimes as Record<string, { label: string; explanation: string } | undefined>;
const YEARS_BACK = 5;


function section(id: string, title: string, ...content: Node[]): HTMLElement {
  return h('section', { 'aria-labelledby': `${id}-heading`, id }, h('h2', { id: `${id}-heading` }, title), ...content);
}

/**
 * A region's yearly evaluation of its doorzettingsmacht (seed 001 §7.3): what came in, how it ended
 * and at which tier, how long it took, what it taught (knelpunten, the learning agenda) and what
 * residents said. Printable as it stands (print CSS hides the app around it) and as CSV.
 */
export async function renderEvaluation(main: HTMLElement, region: string): Promise<void> {
  const thisYear = new Date().getFullYear();
  const asked = Number(new URLSearchParams(location.hash.split('?')[1] ?? '').get('jaar'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= thisYear ? asked : thisYear;
  const [settings, e] = await Promise.all([
    api.get<RegionSettings>(`/api/regions/${region}`),
    api.get<Evaluation>(`/api/regions/${region}/evaluation?jaar=${year}`),
  ]);
  const roleName = (id: string) => settings.roles.find((r) => r.id === id)?.name ?? id;

  const yearSelect = h(
    'select',
    { id: 'evaluation-year', onchange: () => navigate(`/jaarevaluatie/${region}?jaar=${yearSelect.value}`) },
    ...Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i).map((y) => h('option', { value: y, selected: y === year }, String(y))),
  );

  main.replaceChildren(
    h('h1', {}, `Jaarevaluatie ${year} ${e.regionName}`),
    h(
      'div',
      { class: 'inline-form no-print' },
      h('div', { class: 'field' }, h('label', { for: 'evaluation-year' }, 'Jaar'), yearSelect),
      h('button', { type: 'button', class: 'secondary', id: 'evaluation-print', onclick: () => window.print() }, 'Afdrukken'),
      h('a', { href: `/api/regions/${region}/evaluation.csv?jaar=${year}`, download: `doorzet-${region}-jaarevaluatie-${year}.csv`, id: 'evaluation-csv' }, 'Download als CSV'),
    ),
    h('p', {}, `Casussen tellen mee in het jaar van hun melding; leeroverleggen en antwoorden van inwoners in het jaar waarin ze plaatsvonden.`),
    section('eval-meldingen', 'Meldingen', h('p', {}, h('strong', { id: 'eval-meldingen-count', class: 'kpi-value' }, String(e.meldingen)), ` meldingen in ${year}`)),
    section(
      'eval-statuses',
      'Stand van de casussen nu',
      e.statuses.length === 0
        ? h('p', {}, 'Geen meldingen in dit jaar.')
        : dataTable('status-table', 'De casussen van dit jaar naar hun stand op dit moment', ['Stand', 'Casussen'], e.statuses.map((x) => [STATUS_LABELS[x.status] ?? x.status, x.count])),
    ),
    section(
      'eval-tiers',
      'Per trede',
      e.tiers.length === 0
        ? h('p', {}, 'Geen meldingen in dit jaar.')
        : dataTable(
            'tier-table',
            'Waar de casussen van dit jaar eindigden en hoe hoog ze kwamen (dezelfde definities als het dashboard)',
            ['Trede', 'Opgelost', 'Besloten', 'Hoogste trede voor', 'Opgeschaald naar', 'Waarvan automatisch', 'Tijd op de trede (mediaan)'],
            e.tiers.map((t) => [tierName(settings, t.tier), t.solvedHere, t.decidedHere, t.highestFor, t.escalatedInto, t.automatic, t.timeSpent.n === 0 ? '—' : formatHours(t.timeSpent.medianHours)]),
          ),
      h('p', {}, `Casussen met een besluit: ${e.decided}. Automatisch opgeschaald omdat een termijn verstreek: ${e.autoEscalations} keer.`),
    ),
    section(
      'eval-lead',
      'Doorloop- en wachttijden',
      dataTable(
        'eval-lead-table',
        'Mediaan en 90e percentiel, over de meldingen van dit jaar (dezelfde definities als het dashboard)',
        ['Traject', 'Mediaan', '90e percentiel', 'Aantal casussen'],
        Object.entries(e.leadTimes).map(([key, t]) => [LEAD_LABELS[key]?.label ?? key, t.n === 0 ? '—' : formatHours(t.medianHours), t.n === 0 ? '—' : formatHours(t.p90Hours), t.n]),
      ),
      h('dl', { class: 'definitions' }, ...Object.entries(e.leadTimes).flatMap(([key]) => (LEAD_LABELS[key] ? [h('dt', {}, LEAD_LABELS[key]!.label), h('dd', {}, LEAD_LABELS[key]!.explanation)] : []))),
    ),
    section(
      'eval-knelpunten',
      'Knelpunten',
      e.knelpunten.length === 0
        ? h('p', {}, 'Geen knelpunten geregistreerd.')
        : dataTable('eval-knelpunten-table', 'Knelpunten in de casussen van dit jaar', ['Knelpunt', 'Casussen'], e.knelpunten.map((k) => [KNELPUNT_LABELS[k.category as Knelpunt] ?? k.category, k.count])),
    ),
    section(
      'eval-learning',
      'Leeragenda',
      h('p', { id: 'eval-learning-meetings' }, `${e.learning.meetingName}: ${e.learning.meetings} ${e.learning.meetings === 1 ? 'overleg' : 'overleggen'} in ${year}.`),
      e.learning.outcomes.length === 0
        ? h('p', {}, 'Geen uitkomsten vastgelegd.')
        : dataTable(
            'eval-learning-table',
            'Wat de leeroverleggen afspraken',
            ['Casus', 'Overleg', 'Maatregel', 'Eigenaar', 'Opvolging'],
            e.learning.outcomes.map((o) => [o.caseReference, toDutchDate(o.meetingDate), o.measure, roleName(o.ownerRole), o.followUp ? toDutchDate(o.followUp) : 'afgerond']),
          ),
    ),
    section(
      'eval-client',
      'Ervaring van inwoners',
      h(
        'p',
        { id: 'eval-client-summary' },
        e.clientExperience.count === 0
          ? 'Nog geen antwoorden van inwoners in dit jaar.'
          : `${e.clientExperience.count} ${e.clientExperience.count === 1 ? 'antwoord' : 'antwoorden'}, gemiddeld cijfer ${String(e.clientExperience.averageRating).replace('.', ',')} (van 1 tot en met 5).`,
      ),
      ...(e.clientExperience.comments.length === 0
        ? []
        : [h('ul', { id: 'eval-client-comments' }, ...e.clientExperience.comments.map((c) => h('li', {}, h('blockquote', {}, c.comment), h('p', { class: 'hint' }, `Cijfer ${c.rating}, ${toDutchDate(c.answeredOn)}`))))]),
    ),
  );
}
