import { ApiError, type CaseDetail, type Decision, type ElementStatistics, type RegionSettings, type TimelineEvent, type User, api } from '../api.js';
import { caseContext } from '../case-context.js';
import { commentThread } from '../comments.js';
import { toDutchDate } from '../dates.js';
import { STATUS_LABELS, tierName } from '../labels.js';
import { navigate } from '../navigate.js';
import type { PathStep } from '../modeler/features/case-path/taken.js';
import { showDiagram } from '../modeler/viewer.js';
import { accessGrantsSection, breakGlassForm, consentSection } from '../privacy-sections.js';
import { announce, attempt, clearError, formatDateTime, h, showError } from '../ui.js';


const EVENT_LABELS: Record<string, string> = {
  melding: 'Melding',
  'tier-change': 'Trede gewijzigd',
  'automatic-escalation': 'Automatisch opgeschaald (termijn verstreken)',
  'taak-afgerond': 'Taak afgerond',
  'parties-informed': 'Partijen geïnformeerd',
  'casusregie-returned': 'Casusregie terug',
  referred: 'Overgedragen',
  'opgelost-gemeld': 'Opgelost gemeld',
  'report-back': 'Terugkoppeling',
  'learning-agenda': 'Op de leeragenda',
  'contact-missing': 'Contactpersoon ontbreekt',
};

/** A case: where it is now, what happened, and (for those allowed) who it is about. */
/**
 * "Casus opgelost" with its required explanation. The engine only accepts the message while the
 * case's process waits for it, so a refusal (409) is shown in words rather than as a failure.
 */
function solvedSection(detail: CaseDetail, mayReport: boolean): HTMLElement | null {
  if (!mayReport || detail.status !== 'open') return null;
  const text = h('textarea', { id: 'solved-explanation', name: 'toelichting', rows: 3, required: true, 'aria-describedby': 'solved-hint solved-error', maxlength: 2000 });
  const error = h('p', { id: 'solved-error', class: 'field-error' });
  const outcome = h('div', { id: 'solved-outcome' });
  return h(
    'section',
    { 'aria-labelledby': 'solved-heading', class: 'card' },
    h('h2', { id: 'solved-heading' }, 'Casus opgelost'),
    h(
      'form',
      {
        id: 'solved-form',
        novalidate: true,
        onsubmit: async (event: Event) => {
          event.preventDefault();
          clearError();
          error.textContent = '';
          const toelichting = text.value.trim();
          if (!toelichting) {
            error.textContent = 'Vul een toelichting in: wat is er opgelost en door wie?';
            text.setAttribute('aria-invalid', 'true');
            text.focus();
            return;
          }
          text.removeAttribute('aria-invalid');
          try {
            await api.post(`/api/cases/${detail.id}/solved`, { toelichting });
            announce('De casus is als opgelost gemeld; de escalatie stopt en de casusregie gaat terug.');
            navigate(`/casus/${detail.id}`);
          } catch (failure) {
            if (failure instanceof ApiError && failure.status === 409) {
              outcome.replaceChildren(
                h('p', { class: 'notice', id: 'solved-refused' }, `Niet gemeld: ${failure.problem.detail ?? 'deze casus wacht niet (meer) op "casus opgelost".'} Vernieuw de pagina om te zien waar de casus nu staat.`),
              );
              announce(outcome.textContent ?? '');
            } else showError(failure);
          }
        },
      },
      h('p', { class: 'hint', id: 'solved-hint' }, 'Beëindigt de escalatie op elke trede en geeft de casusregie terug. Uw toelichting komt in de tijdlijn.'),
      h('div', { class: 'field' }, h('label', { for: 'solved-explanation' }, 'Toelichting (verplicht)'), text, error),
      h('button', { type: 'submit', id: 'solved-submit' }, 'Casus opgelost melden'),
      outcome,
    ),
  );
}

/**
 * After the case is closed: the short question to the resident or family (seed 001 §7.3). The case
 * worker makes a one-time link and sends it themselves; the link is shown once (only its hash is
 * kept). Roles without need-to-know in the case are refused by the API and see nothing here.
 */
async function clientFeedbackSection(detail: CaseDetail): Promise<HTMLElement | null> {
  if (detail.status === 'open') return null;
  let status: { canAsk: boolean; answered: boolean; linkValidUntil: string | null };
  try {
    status = await api.get(`/api/cases/${detail.id}/client-feedback`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return null;
    throw error;
  }
  const body = h('div', { id: 'client-feedback' });
  const section = h('section', { 'aria-labelledby': 'client-feedback-heading', class: 'card' }, h('h2', { id: 'client-feedback-heading' }, 'Vraag aan de inwoner'), body);
  if (status.answered) {
    body.append(h('p', { id: 'client-feedback-answered' }, 'De inwoner of de familie heeft de vraag beantwoord. Het antwoord staat zonder naam in de jaarevaluatie.'));
    return section;
  }
  const result = h('div', { id: 'client-feedback-result' });
  body.append(
    h('p', {}, 'Vraag de inwoner of de familie hoe zij de hulp vonden: één cijfer en, als zij willen, een korte opmerking, zonder naam. Maak een link en stuur die zelf door. De link werkt één keer.'),
    status.linkValidUntil ? h('p', { class: 'hint', id: 'client-feedback-active' }, `Er is al een link gemaakt; die werkt tot ${formatDateTime(status.linkValidUntil)}. Kwijt? Maak een nieuwe; de oude werkt dan niet meer.`) : '',
    h(
      'button',
      {
        type: 'button',
        id: 'client-feedback-create',
        onclick: async () => {
          const link = await attempt(() => api.post<{ token: string; expiresAt: string }>(`/api/cases/${detail.id}/client-feedback-link`));
          if (!link) return;
          const url = `${location.origin}${location.pathname}#/ervaring/${link.token}`;
          result.replaceChildren(
            h('div', { class: 'field' }, h('label', { for: 'client-feedback-url' }, 'Link voor de inwoner'), h('input', { type: 'text', id: 'client-feedback-url', readonly: true, value: url, 'aria-describedby': 'client-feedback-url-hint' })),
            h('p', { class: 'hint', id: 'client-feedback-url-hint' }, `Werkt tot ${formatDateTime(link.expiresAt)}. Deze link wordt maar één keer getoond: kopieer hem nu.`),
          );
          (result.querySelector('input') as HTMLInputElement).select();
          announce('De link voor de inwoner is gemaakt.');
        },
      },
      'Maak een link voor de inwoner',
    ),
    result,
  );
  return section;
}

export async function renderCase(main: HTMLElement, id: string, user: User): Promise<() => void> {
  const [detail, timeline, decisions] = await Promise.all([
    api.get<CaseDetail>(`/api/cases/${id}`),
    api.get<TimelineEvent[]>(`/api/cases/${id}/timeline`),
    api.get<Decision[]>(`/api/cases/${id}/decisions`),
  ]);
  const settings = await api.get<RegionSettings>(`/api/regions/${detail.region}`).catch(() => undefined);
  // The API decides (caseWorker rule: a role on the ladder); this only spares others a button that would be refused.
  const mayReport = user.memberships.some((m) => m.region === detail.region && (settings?.roles.find((r) => r.id === m.role)?.tier ?? 0) >= 1);
  const diagramHost = h('div', {
    class: 'viewer-canvas case-canvas',
    id: 'case-diagram',
    role: 'figure',
    'aria-label': 'Diagram van het escalatiemodel: de huidige positie van de casus in het midden, de afgelegde weg gemarkeerd',
  });
  const positionText = h('p', { id: 'case-position' });
  const pathText = h('p', { id: 'case-path' });
  const personSection = h('section', { 'aria-labelledby': 'person-heading' }, h('h2', { id: 'person-heading' }, 'Gegevens van de inwoner'));
  const personBody = h('div', { id: 'person' }, h('button', { type: 'button', id: 'show-person', class: 'secondary', onclick: () => void showPerson() }, 'Toon gegevens (wordt vastgelegd)'));
  personSection.append(personBody);

  const showPerson = async () => {
    try {
      const person = await api.get<Record<string, unknown>>(`/api/cases/${id}/person`);
      const labels: Record<string, string> = { name: 'Naam', bsn: 'BSN', birthDate: 'Geboortedatum', address: 'Adres', details: 'Overige gegevens' };
      personBody.replaceChildren(
        h('dl', { class: 'facts' }, ...Object.entries(labels).flatMap(([key, label]) => (person[key] ? [h('dt', {}, label), h('dd', {}, key === 'birthDate' ? toDutchDate(String(person[key])) : String(person[key]))] : []))),
        h('p', { class: 'hint' }, 'Uw inzage is vastgelegd in het logboek (NEN 7513).'),
      );
      announce('Gegevens van de inwoner getoond.');
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 403
          ? 'U heeft geen toegang tot de gegevens van deze inwoner. Alleen wie een rol heeft in deze casus en deze regio mag ze inzien.'
          : error instanceof Error
            ? error.message
            : 'De gegevens konden niet worden opgehaald.';
      personBody.replaceChildren(h('p', { class: 'notice', id: 'person-denied' }, message));
      if (error instanceof ApiError && error.status === 403 && mayReport) personBody.append(breakGlassForm(id, () => void showPerson()));
      announce(message);
    }
  };

  const facts: Array<[string, unknown]> = [
    ['Kenmerk', detail.reference],
    ['Regio', detail.region],
    ['Status', STATUS_LABELS[detail.status] ?? detail.status],
    ['Huidige trede', tierName(settings, detail.currentTier)],
    ['Urgentie', detail['urgentie'] === 'crisis' ? 'Crisis (crisistermijnen)' : 'Regulier'],
    ['Verantwoordelijke partij', detail['responsibleParty']],
  ];
  main.replaceChildren(
    h('h1', {}, `Casus ${detail.reference}`),
    h('dl', { class: 'facts' }, ...facts.filter(([, v]) => v !== undefined && v !== null).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])),
    ...[solvedSection(detail, mayReport), await clientFeedbackSection(detail)].filter((x): x is HTMLElement => x !== null),
    caseContext(detail, timeline, decisions, settings),
    await commentThread(detail.id, (role) => settings?.roles.find((r) => r.id === role)?.name ?? role),
    h('section', { 'aria-labelledby': 'diagram-heading' }, h('h2', { id: 'diagram-heading' }, 'Waar staat de casus?'),
      positionText,
      pathText,
      h('p', { class: 'hint' }, 'Gemarkeerd: afgeronde stappen en genomen verbindingen (doorgetrokken), onderbroken stappen (gestreept). Sleep om te verschuiven, scroll met Ctrl om te zoomen.'),
      diagramHost,
    ),
    h(
      'section',
      { 'aria-labelledby': 'timeline-heading' },
      h('h2', { id: 'timeline-heading' }, 'Tijdlijn'),
      h(
        'ol',
        { class: 'timeline', id: 'timeline' },
        ...timeline.map((event) =>
          h(
            'li',
            { 'data-kind': event.kind },
            h('time', { datetime: event.at }, formatDateTime(event.at)),
            ' ',
            h('strong', {}, EVENT_LABELS[event.kind] ?? event.kind),
            event.tier !== null ? ` (${tierName(settings, event.tier)})` : '',
            event.summary ? ` — ${event.summary}` : '',
            h('span', { class: 'actor' }, ` · ${event.actor}`),
          ),
        ),
      ),
    ),
    await consentSection(id, (tier) => tierName(settings, tier)),
    personSection,
    ...[await accessGrantsSection(id)].filter((x): x is HTMLElement => x !== null),
  );

  let destroy = () => undefined as void;
  const statistics = await attempt(() => api.get<ElementStatistics>(`/api/regions/${detail.region}/element-statistics`));
  let xml = statistics?.processDefinitionKey === detail.processDefinitionKey ? statistics?.xml : undefined;
  if (!xml && detail.processDefinitionKey) {
    const versions = await attempt(() => api.get<Array<{ version: number; processDefinitionKey: string | null }>>(`/api/regions/${detail.region}/models`));
    const version = versions?.find((v) => v.processDefinitionKey === detail.processDefinitionKey);
    if (version) xml = (await attempt(() => api.get<{ xml: string }>(`/api/regions/${detail.region}/models/${version.version}`)))?.xml;
  }
  // Without an exact match (the case row not yet linked to its definition) the newest model is the best guess.
  xml ??= statistics?.xml ?? undefined;
  if (xml) {
    const diagram = await showDiagram(diagramHost, xml);
    const shown = diagram.positions(detail.position);
    positionText.textContent = shown.length > 0 ? `De casus staat nu bij: ${shown.join(', ')} (in het diagram gemarkeerd met "Hier").` : 'De casus is afgerond of wacht niet op een stap in het diagram.';
    const path = await attempt(() => api.get<{ elements: PathStep[] }>(`/api/cases/${id}/path`));
    if (path) {
      const passed = diagram.path(path.elements);
      pathText.textContent = passed.length > 0 ? `Eerder doorlopen: ${passed.join(', ')}.` : '';
    }
    diagram.focus(detail.position);
    destroy = () => diagram.destroy();
  } else {
    positionText.textContent = detail.position.length ? `De casus staat nu bij: ${detail.position.join(', ')}.` : 'De casus is afgerond.';
  }
  return destroy;
}
