import { type CaseListItem, type RegionSettings, type User, api } from '../api.js';
import { navigate } from '../navigate.js';
import { STATUS_LABELS, tierName } from '../labels.js';
import { announce, formatDateTime, h } from '../ui.js';

const PAGE_SIZE = 25;

const SORTS: Array<[string, string]> = [
  ['reported-desc', 'Nieuwste melding eerst'],
  ['reported-asc', 'Oudste melding eerst'],
  ['tier-desc', 'Hoogste trede eerst'],
  ['reference-asc', 'Kenmerk (oplopend)'],
];

/** The filters live in the hash's query string, so a view can be bookmarked or sent as a link. */
function currentQuery(): URLSearchParams {
  const hash = location.hash.replace(/^#/, '');
  const at = hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

function check(id: string, label: string, checked: boolean): HTMLElement {
  return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name: id, checked }), h('label', { for: id }, label));
}

/** A region's cases for those who may see them: search by reference, filters, sorting and pages. */
export async function renderCases(main: HTMLElement, region: string, _user: User): Promise<void> {
  const query = currentQuery();
  const page = Math.max(1, Number(query.get('pagina') ?? '1') || 1);
  const sort = SORTS.some(([v]) => v === query.get('sortering')) ? (query.get('sortering') as string) : 'reported-desc';
  const [sortBy, dir] = sort.split('-') as [string, string];
  const api_ = new URLSearchParams({ sort: sortBy, dir, page: String(page), pageSize: String(PAGE_SIZE) });
  const q = query.get('zoek') ?? '';
  if (q) api_.set('q', q);
  if (query.get('status')) api_.set('status', query.get('status') as string);
  if (query.get('trede')) api_.set('tier', query.get('trede') as string);
  if (query.get('telaat') === 'ja') api_.set('overdue', 'true');
  if (query.get('mijnrol') === 'ja') api_.set('waitingForMe', 'true');
  if (query.get('veiligheid') === 'ja') api_.set('safety', 'true');
  if (query.get('crisis') === 'ja') api_.set('urgentie', 'crisis');
  const element = query.get('stap');
  if (element) api_.set('element', element);

  const [settings, result] = await Promise.all([
    api.get<RegionSettings>(`/api/regions/${region}`),
    api.page<CaseListItem>(`/api/regions/${region}/cases?${api_.toString()}`),
  ]);
  const roleName = (id: string) => settings.roles.find((r) => r.id === id)?.name ?? id;

  const search = h('input', { type: 'search', id: 'case-search', name: 'zoek', value: q, autocomplete: 'off' });
  const status = h(
    'select',
    { id: 'case-status', name: 'status' },
    h('option', { value: '' }, 'Alle'),
    ...Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value, selected: query.get('status') === value }, label)),
  );
  const tier = h(
    'select',
    { id: 'case-tier', name: 'trede' },
    h('option', { value: '' }, 'Alle'),
    ...settings.tiers.map((t) => h('option', { value: String(t.number), selected: query.get('trede') === String(t.number) }, `${t.number}. ${t.name}`)),
  );
  const sorting = h('select', { id: 'case-sort', name: 'sortering' }, ...SORTS.map(([value, label]) => h('option', { value, selected: value === sort }, label)));

  const form = h(
    'form',
    {
      id: 'case-filters',
      class: 'inline-form',
      role: 'search',
      'aria-label': 'Casussen zoeken en filteren',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        if (search.value.trim()) next.set('zoek', search.value.trim());
        if (status.value) next.set('status', status.value);
        if (tier.value) next.set('trede', tier.value);
        for (const [id, key] of [['filter-overdue', 'telaat'], ['filter-mine', 'mijnrol'], ['filter-safety', 'veiligheid'], ['filter-crisis', 'crisis']] as const) {
          if ((document.getElementById(id) as HTMLInputElement).checked) next.set(key, 'ja');
        }
        if (sorting.value !== 'reported-desc') next.set('sortering', sorting.value);
        // The dashboard's step filter stays until it is removed with its own link.
        if (element) next.set('stap', element);
        if (element && query.get('stapnaam')) next.set('stapnaam', query.get('stapnaam') as string);
        const text = next.toString();
        navigate(`/casussen/${region}${text ? `?${text}` : ''}`);
      },
    },
    field('Zoek op kenmerk', search),
    field('Status', status),
    field('Trede', tier),
    field('Sorteren', sorting),
    h(
      'fieldset',
      { class: 'checks' },
      h('legend', {}, 'Alleen casussen die'),
      check('filter-overdue', 'te laat zijn', query.get('telaat') === 'ja'),
      check('filter-mine', 'wachten op mijn rol', query.get('mijnrol') === 'ja'),
      check('filter-safety', 'over veiligheid gaan (spoed)', query.get('veiligheid') === 'ja'),
      check('filter-crisis', 'als crisis gemeld zijn', query.get('crisis') === 'ja'),
    ),
    h('button', { type: 'submit', id: 'case-filter-submit' }, 'Zoeken'),
  );

  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const linkTo = (n: number) => {
    const next = new URLSearchParams(query);
    if (n === 1) next.delete('pagina');
    else next.set('pagina', String(n));
    const text = next.toString();
    return `#/casussen/${region}${text ? `?${text}` : ''}`;
  };
  const withoutStep = () => {
    const next = new URLSearchParams(query);
    next.delete('stap');
    next.delete('stapnaam');
    next.delete('pagina');
    const text = next.toString();
    return `#/casussen/${region}${text ? `?${text}` : ''}`;
  };
  const first = (page - 1) * PAGE_SIZE + 1;
  const summary =
    result.total === 0
      ? 'Geen casussen gevonden met deze zoekopdracht.'
      : `${result.total} casus(sen) gevonden; u ziet ${first} tot en met ${first + result.items.length - 1}.`;

  main.replaceChildren(
    h('h1', {}, `Casussen — ${settings.name}`),
    form,
    ...(element
      ? [
          h(
            'p',
            { class: 'notice', id: 'cases-element' },
            `Alleen casussen die wachten bij de stap "${query.get('stapnaam') ?? element}". `,
            h('a', { href: withoutStep() }, 'Toon casussen bij alle stappen'),
          ),
        ]
      : []),
    h('p', { id: 'cases-summary' }, summary),
    result.items.length === 0
      ? h('p', { class: 'notice', id: 'cases-empty' }, 'Er zijn geen casussen die aan alle filters voldoen. Maak een filter ruimer of wis de zoekterm.')
      : h(
          'table',
          { id: 'cases' },
          h('caption', { class: 'visually-hidden' }, `Casussen van ${settings.name}`),
          h('thead', {}, h('tr', {}, ...['Kenmerk', 'Status', 'Trede', 'Wacht op', 'Termijn', 'Gemeld'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...result.items.map((c) =>
              h(
                'tr',
                { 'data-case-id': c.id, 'data-overdue': c.overdue ? 'true' : 'false' },
                h('th', { scope: 'row' }, h('a', { href: `#/casus/${c.id}` }, c.reference), c.safety ? h('span', { class: 'tag' }, ' veiligheid') : null, c.urgentie === 'crisis' ? h('span', { class: 'tag' }, ' crisis') : null),
                h('td', {}, STATUS_LABELS[c.status] ?? c.status),
                h('td', {}, tierName(settings, c.currentTier)),
                h('td', {}, c.waitingFor.length ? c.waitingFor.map(roleName).join(', ') : '—'),
                h('td', { class: c.overdue ? 'overdue' : '' }, c.overdue ? h('strong', { class: 'overdue-label' }, 'Te laat: ') : null, c.dueDate ? formatDateTime(c.dueDate) : '—'),
                h('td', {}, formatDateTime(c.reportedAt)),
              ),
            ),
          ),
        ),
    ...(pages > 1
      ? [h(
          'nav',
          { 'aria-label': 'Pagina’s', class: 'pager' },
          page > 1 ? h('a', { href: linkTo(page - 1), id: 'page-previous' }, 'Vorige pagina') : null,
          h('span', {}, ` Pagina ${page} van ${pages} `),
          page < pages ? h('a', { href: linkTo(page + 1), id: 'page-next' }, 'Volgende pagina') : null,
        )]
      : []),
  );
  announce(summary);
}
