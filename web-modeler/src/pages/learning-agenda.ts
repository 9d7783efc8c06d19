import { type RegionSettings, type User, api } from '../api.js';
import { DUTCH_DATE_HINT, toDutchDate, toIsoDate } from '../dates.js';
import { STATUS_LABELS } from '../labels.js';
import { navigate } from '../navigate.js';
import { canOrganiseLearning } from '../session.js';
import { announce, attempt, fieldErrors, h } from '../ui.js';
import { KNELPUNT_LABELS, type Knelpunt } from '../../../domain/knelpunten.js';

type Outcome = { measure: string; ownerRole: string; followUp: string | null; recordedBy: string; recordedAt: string };
type Item = {
  id: string;
  caseReference: string;
  status: string;
  knelpunten: string[];
  recurringKnelpunten: string[];
  plannedFor: string;
  returning: boolean;
  outcome: Outcome | null;
};
type Meeting = { id: string; date: string; attendeeRoles: string[]; createdBy: string; items: Item[] };
type Agenda = {
  meetingName: string;
  proposedDate: string;
  recurringRule: { minCases: number; periodDays: number };
  recurring: Array<{ knelpunt: string; cases: number }>;
  open: Item[];
  meetings: Meeting[];
};

const WEEKDAYS = ['', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const knelpuntLabel = (k: string) => KNELPUNT_LABELS[k as Knelpunt] ?? k;

/**
 * The learning agenda of a region (seed 000 stap 5, seed 002 "het leerproces"): the escalated
 * cases, by reference only, on the learning meeting where they are discussed; what the meeting
 * agreed per case; the cases without an outcome or with a follow-up date that has come, which
 * return on the next agenda; and the knelpunten that recur, to be taken to the region.
 */
export async function renderLearningAgenda(main: HTMLElement, region: string, user: User): Promise<void> {
  const [settings, agenda] = await Promise.all([
    api.get<RegionSettings & { learningMeeting: { weekday: number; everyWeeks: number } }>(`/api/regions/${region}`),
    api.get<Agenda>(`/api/regions/${region}/learning-agenda`),
  ]);
  const organiser = canOrganiseLearning(user, region);
  const roleName = (id: string) => settings.roles.find((r) => r.id === id)?.name ?? id;
  const reload = () => navigate(`/leeragenda/${region}`);

  const knelpuntList = (item: Item) =>
    item.knelpunten.length === 0
      ? 'Geen knelpunt geregistreerd'
      : h(
          'ul',
          { class: 'plain' },
          ...item.knelpunten.map((k) =>
            h('li', {}, knelpuntLabel(k), item.recurringKnelpunten.includes(k) ? h('strong', { class: 'tag flag-region' }, ' — terugkerend: agenderen bij de regio') : null),
          ),
        );

  const outcomeText = (o: Outcome) =>
    h(
      'div',
      { class: 'outcome' },
      h('p', {}, h('strong', {}, 'Maatregel: '), o.measure),
      h('p', {}, h('strong', {}, 'Eigenaar: '), roleName(o.ownerRole)),
      h('p', {}, h('strong', {}, 'Opvolging: '), o.followUp ? `terug op de agenda vanaf ${toDutchDate(o.followUp)}` : 'geen, afgerond'),
    );

  const outcomeForm = (meeting: Meeting, item: Item) => {
    const base = `outcome-${meeting.id}-${item.id}`;
    const measure = h('textarea', { id: `${base}-measure`, rows: 2, maxlength: 2000, 'aria-describedby': `${base}-measure-error` });
    const measureError = h('p', { id: `${base}-measure-error`, class: 'field-error' });
    const owner = h('select', { id: `${base}-owner` }, ...settings.roles.map((r) => h('option', { value: r.id }, r.name)));
    const followUp = h('input', { type: 'text', id: `${base}-followup`, inputmode: 'numeric', maxlength: 10, 'aria-describedby': `${base}-followup-hint ${base}-followup-error` });
    const followUpError = h('p', { id: `${base}-followup-error`, class: 'field-error' });
    return h(
      'form',
      {
        class: 'outcome-form',
        novalidate: true,
        onsubmit: async (event: Event) => {
          event.preventDefault();
          measureError.textContent = '';
          followUpError.textContent = '';
          const date = followUp.value.trim() ? toIsoDate(followUp.value) : null;
          if (!measure.value.trim()) measureError.textContent = 'Vul in wat er is afgesproken.';
          if (date === undefined) followUpError.textContent = 'Deze datum klopt niet. Schrijf hem als dd-mm-jjjj.';
          if (measureError.textContent || followUpError.textContent) {
            (measureError.textContent ? measure : followUp).focus();
            return;
          }
          const body = { measure: measure.value.trim(), ownerRole: owner.value, followUp: date ?? null };
          try {
            await api.put(`/api/regions/${region}/learning-meetings/${meeting.id}/outcomes/${item.id}`, body);
            announce(`Uitkomst voor ${item.caseReference} vastgelegd.`);
            reload();
          } catch (error) {
            const errors = fieldErrors(error);
            if (errors['body.followUp']) followUpError.textContent = errors['body.followUp'];
            else if (errors['body.measure']) measureError.textContent = errors['body.measure'];
            else await attempt(() => Promise.reject(error));
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: `${base}-measure` }, 'Maatregel of afspraak'), measure, measureError),
      h('div', { class: 'field' }, h('label', { for: `${base}-owner` }, 'Eigenaar (rol)'), owner),
      h(
        'div',
        { class: 'field' },
        h('label', { for: `${base}-followup` }, 'Opvolgen op (leeg: afgerond)'),
        h('p', { class: 'hint', id: `${base}-followup-hint` }, `Vanaf deze datum staat de casus weer op de agenda. ${DUTCH_DATE_HINT}`),
        followUp,
        followUpError,
      ),
      h('button', { type: 'submit' }, 'Uitkomst vastleggen'),
    );
  };

  const itemCard = (item: Item, meeting?: Meeting) =>
    h(
      'li',
      { class: 'card agenda-item', 'data-case': item.caseReference },
      h(meeting ? 'h4' : 'h3', {}, `Casus ${item.caseReference}`, item.returning ? h('span', { class: 'tag returning' }, ' — terug op de agenda') : null),
      h('p', {}, `Status: ${STATUS_LABELS[item.status] ?? item.status}. Geagendeerd voor ${toDutchDate(item.plannedFor)}.`),
      h('p', { class: 'label' }, 'Knelpunten:'),
      knelpuntList(item),
      item.outcome
        ? h('div', {}, h('p', { class: 'label' }, meeting ? 'Uitkomst van dit overleg:' : 'Laatste uitkomst:'), outcomeText(item.outcome))
        : meeting
          ? organiser
            ? outcomeForm(meeting, item)
            : h('p', { class: 'hint' }, 'Nog geen uitkomst vastgelegd.')
          : h('p', { class: 'hint' }, 'Nog niet besproken.'),
    );

  const planSection = () => {
    const date = h('input', { type: 'text', id: 'meeting-date', inputmode: 'numeric', maxlength: 10, value: toDutchDate(agenda.proposedDate), 'aria-describedby': 'meeting-date-hint meeting-date-error' });
    const dateError = h('p', { id: 'meeting-date-error', class: 'field-error' });
    const rolesError = h('p', { id: 'meeting-roles-error', class: 'field-error' });
    const boxes = settings.roles.map((r) =>
      h('input', { type: 'checkbox', id: `attendee-${r.id}`, value: r.id, checked: r.tier > 0 || r.id === 'beleidsmedewerker', 'aria-describedby': 'meeting-roles-error' }),
    );
    const rhythm = settings.learningMeeting;
    return h(
      'section',
      { 'aria-labelledby': 'plan-heading', class: 'card no-print' },
      h('h2', { id: 'plan-heading' }, `${agenda.meetingName} plannen`),
      h(
        'form',
        {
          id: 'plan-meeting',
          novalidate: true,
          onsubmit: async (event: Event) => {
            event.preventDefault();
            dateError.textContent = '';
            rolesError.textContent = '';
            const iso = toIsoDate(date.value);
            const roles = boxes.filter((b) => b.checked).map((b) => b.value);
            if (!iso) dateError.textContent = 'Deze datum klopt niet. Schrijf hem als dd-mm-jjjj.';
            if (roles.length === 0) rolesError.textContent = 'Kies wie er aan tafel zitten.';
            if (dateError.textContent || rolesError.textContent) {
              (dateError.textContent ? date : boxes[0]!).focus();
              return;
            }
            const planned = await attempt(() => api.post(`/api/regions/${region}/learning-meetings`, { date: iso, attendeeRoles: roles }));
            if (planned) {
              announce(`${agenda.meetingName} gepland op ${date.value}.`);
              reload();
            }
          },
        },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'meeting-date' }, 'Datum'),
          h(
            'p',
            { class: 'hint', id: 'meeting-date-hint' },
            `Voorstel volgens het ritme van de regio (${WEEKDAYS[rhythm.weekday] ?? ''}, ${rhythm.everyWeeks === 1 ? 'elke week' : `elke ${rhythm.everyWeeks} weken`}, geen feestdag). ${DUTCH_DATE_HINT}`,
          ),
          date,
          dateError,
        ),
        h('fieldset', {}, h('legend', {}, 'Aan tafel (rollen)'), ...settings.roles.map((r, i) => h('div', { class: 'check' }, boxes[i]!, h('label', { for: `attendee-${r.id}` }, r.name))), rolesError),
        h('button', { type: 'submit', id: 'plan-submit' }, 'Overleg plannen'),
      ),
    );
  };

  const { minCases, periodDays } = agenda.recurringRule;
  main.replaceChildren(
    h('h1', {}, `Leeragenda ${settings.name}`),
    h(
      'p',
      {},
      `Casussen waarvoor het escalatiemodel nodig was, komen op de agenda van het leeroverleg (${agenda.meetingName}), om ervan te leren. Een casus zonder uitkomst, of met een datum voor opvolging die is bereikt, komt vanzelf terug op de volgende agenda. Hier staat alleen het kenmerk van een casus, geen persoonsgegevens.`,
    ),
    h(
      'section',
      { 'aria-labelledby': 'recurring-heading' },
      h('h2', { id: 'recurring-heading' }, 'Terugkerende knelpunten'),
      h('p', { class: 'hint' }, `Een knelpunt in ${minCases} of meer casussen in de laatste ${periodDays} dagen gaat naar de regio (instelling van de regio).`),
      agenda.recurring.length === 0
        ? h('p', { id: 'recurring-empty' }, 'Geen knelpunt komt zo vaak terug.')
        : h(
            'table',
            { class: 'data-table', id: 'recurring-table' },
            h('caption', {}, 'Knelpunten die terugkomen'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Knelpunt'), h('th', { scope: 'col' }, 'Casussen'), h('th', { scope: 'col' }, 'Signaal'))),
            h(
              'tbody',
              {},
              ...agenda.recurring.map((r) => h('tr', { 'data-knelpunt': r.knelpunt }, h('th', { scope: 'row' }, knelpuntLabel(r.knelpunt)), h('td', {}, String(r.cases)), h('td', {}, 'Agenderen bij de regio'))),
            ),
          ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'open-heading' },
      h('h2', { id: 'open-heading' }, 'Open voor het volgende overleg'),
      agenda.open.length === 0 ? h('p', { id: 'open-empty' }, 'Er staat niets open.') : h('ul', { class: 'agenda-items', id: 'open-items' }, ...agenda.open.map((item) => itemCard(item))),
    ),
    ...(organiser ? [planSection()] : []),
    h(
      'section',
      { 'aria-labelledby': 'meetings-heading' },
      h('h2', { id: 'meetings-heading' }, 'Overleggen'),
      agenda.meetings.length === 0
        ? h('p', { id: 'meetings-empty' }, 'Er is nog geen overleg gepland.')
        : h(
            'div',
            { id: 'meetings' },
            ...agenda.meetings.map((m) =>
              h(
                'section',
                { class: 'meeting', 'data-date': m.date, 'aria-labelledby': `meeting-${m.id}` },
                h('h3', { id: `meeting-${m.id}` }, `${agenda.meetingName} van ${toDutchDate(m.date)}`),
                h('p', {}, `Aan tafel: ${m.attendeeRoles.map(roleName).join(', ')}.`),
                m.items.length === 0 ? h('p', {}, 'Geen casussen op de agenda.') : h('ul', { class: 'agenda-items' }, ...m.items.map((item) => itemCard(item, m))),
              ),
            ),
          ),
    ),
  );
}
