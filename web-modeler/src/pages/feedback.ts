import { type RegionSettings, api } from '../api.js';
import { DUTCH_DATE_HINT, toDutchDate, toIsoDate } from '../dates.js';
import { tierName } from '../labels.js';
import { announce, attempt, h } from '../ui.js';
import { STATUS_WORDS, knelpuntWords, longDate, meetingWords, solutionWords } from '../../../domain/feedback.js';
import type { CaseStatus } from '../../../domain/case.js';

type Report = {
  id: string;
  caseId: string;
  caseReference: string;
  reportedAt: string;
  tierReached: number;
  status: CaseStatus;
  meetingProposedStart: string | null;
  meetingHeldOn: string | null;
  deadlinePassed: boolean;
  responsibleMunicipality: string | null;
  partners: string | null;
  solution: 'gevonden' | 'niet-gevonden' | null;
  solutionDescription: string | null;
  agreements: string | null;
  missingProvision: string | null;
  responsibleParty: string | null;
  knelpunten: string[];
};

const NOT_FILLED_IN = 'Niet ingevuld';

/**
 * Twente's fixed-format reports (seed 003, advies 2) side by side for the regional
 * portefeuillehouder: which cases reached the bestuurlijk escalatie overleg, what was agreed and
 * which provision the region lacks. Cases by reference only; the period is on the report's date.
 */
export async function renderFeedback(main: HTMLElement, region: string): Promise<void> {
  const settings = await api.get<RegionSettings>(`/api/regions/${region}`);
  const from = h('input', { type: 'text', id: 'feedback-van', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': 'feedback-period-hint' });
  const to = h('input', { type: 'text', id: 'feedback-tot', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': 'feedback-period-hint' });
  const periodError = h('p', { id: 'feedback-period-error', class: 'field-error', role: 'alert' });
  const csv = h('a', { id: 'feedback-csv' }, 'Exporteer als CSV');
  const results = h('div', { id: 'feedback-results' });

  const show = async (period: { van?: string; tot?: string }) => {
    const query = new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    const reports = await api.get<Report[]>(`/api/regions/${region}/feedback-reports${query ? `?${query}` : ''}`);
    csv.setAttribute('href', `/api/regions/${region}/feedback-reports.csv${query ? `?${query}` : ''}`);
    csv.setAttribute('download', `terugkoppelingen-${region}${period.van ? `-van-${period.van}` : ''}${period.tot ? `-tot-${period.tot}` : ''}.csv`);
    const span = period.van && period.tot ? `van ${toDutchDate(period.van)} tot en met ${toDutchDate(period.tot)}` : period.van ? `vanaf ${toDutchDate(period.van)}` : period.tot ? `tot en met ${toDutchDate(period.tot)}` : 'alle perioden';
    const missing = reports.filter((r) => r.missingProvision).length;
    const late = reports.filter((r) => r.deadlinePassed).length;
    results.replaceChildren(
      h(
        'p',
        { id: 'feedback-summary' },
        `${reports.length} ${reports.length === 1 ? 'terugkoppeling' : 'terugkoppelingen'} (${span}); ${missing} met ontbrekend aanbod, ${late} waarbij de termijn van het overleg verstreek.`,
      ),
      reports.length === 0
        ? h('p', { id: 'feedback-empty' }, 'Geen terugkoppelingen in deze periode.')
        : h(
            'div',
            { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'feedback-caption' },
            h(
              'table',
              { id: 'feedback-table' },
              h('caption', { id: 'feedback-caption' }, `Terugkoppelingen, de nieuwste bovenaan (${span})`),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...['Casus', 'Teruggekoppeld op', 'Hoogste trede', 'Stand', 'Overleg', 'Termijn', 'Verantwoordelijke gemeente', 'Partners aan tafel', 'Oplossing', 'Afspraken', 'Ontbrekend aanbod', 'Knelpunten'].map(
                    (c) => h('th', { scope: 'col' }, c),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                ...reports.map((r) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, h('a', { href: `#/casus/${r.caseId}` }, r.caseReference)),
                    h('td', {}, longDate(new Date(r.reportedAt))),
                    h('td', {}, tierName(settings, r.tierReached)),
                    h('td', {}, STATUS_WORDS[r.status]),
                    h('td', {}, meetingWords({ meetingHeldOn: r.meetingHeldOn, meetingProposedStart: r.meetingProposedStart ? new Date(r.meetingProposedStart) : null })),
                    h('td', { class: r.deadlinePassed ? 'overdue' : null }, r.deadlinePassed ? 'Verstreken: automatisch opgeschaald' : 'Binnen de termijn'),
                    h('td', {}, r.responsibleMunicipality ?? NOT_FILLED_IN),
                    h('td', {}, r.partners ?? NOT_FILLED_IN),
                    h('td', {}, r.solution ? [solutionWords(r), r.solutionDescription ? `: ${r.solutionDescription}` : ''].join('') : NOT_FILLED_IN),
                    h('td', {}, r.agreements ?? NOT_FILLED_IN),
                    h('td', {}, r.solution === null ? NOT_FILLED_IN : (r.missingProvision ?? 'Geen')),
                    h('td', {}, knelpuntWords(r.knelpunten)),
                  ),
                ),
              ),
            ),
          ),
    );
    return reports.length;
  };

  const filter = h(
    'form',
    {
      id: 'feedback-filter',
      class: 'inline-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const van = from.value.trim() ? toIsoDate(from.value) : undefined;
        const tot = to.value.trim() ? toIsoDate(to.value) : undefined;
        const wrong = (from.value.trim() && !van) || (to.value.trim() && !tot);
        from.setAttribute('aria-invalid', from.value.trim() && !van ? 'true' : 'false');
        to.setAttribute('aria-invalid', to.value.trim() && !tot ? 'true' : 'false');
        if (wrong) return void (periodError.textContent = `Deze datum klopt niet. ${DUTCH_DATE_HINT}`);
        if (van && tot && van > tot) return void (periodError.textContent = 'De begindatum ligt na de einddatum.');
        periodError.textContent = '';
        const count = await attempt(() => show({ van, tot }));
        if (count !== undefined) announce(`${count} ${count === 1 ? 'terugkoppeling' : 'terugkoppelingen'} getoond.`);
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'feedback-van' }, 'Van (optioneel)'), from),
    h('div', { class: 'field' }, h('label', { for: 'feedback-tot' }, 'Tot en met (optioneel)'), to),
    h('button', { type: 'submit', id: 'feedback-submit' }, 'Toon terugkoppelingen'),
    csv,
  );

  main.replaceChildren(
    h('h1', {}, 'Terugkoppelingen'),
    h(
      'p',
      {},
      `Na elk bestuurlijk escalatie overleg in ${settings.name} koppelt de verantwoordelijke gemeente terug volgens een vast format. `,
      'De terugkoppeling wordt gemaakt als de casusregie terug is, ook als het overleg niet binnen de termijn tot een uitkomst kwam. ',
      'Casussen staan hier met hun casusnummer, zonder namen.',
    ),
    h('section', { 'aria-labelledby': 'feedback-period-heading' }, h('h2', { id: 'feedback-period-heading' }, 'Periode'), h('p', { id: 'feedback-period-hint', class: 'hint' }, `Datum van de terugkoppeling. ${DUTCH_DATE_HINT}`), filter, periodError),
    results,
  );
  await show({});
}
