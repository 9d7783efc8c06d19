import { type RegionSettings, api } from '../api.js';
import { announce, attempt, formatDateTime, h } from '../ui.js';

type Incident = {
  id: string;
  caseId: string | null;
  caseReference: string | null;
  elementId: string;
  elementName: string;
  type: string;
  message: string | null;
  created: string;
  retryable: boolean;
};
type Queue = { topic: string; waiting: number; locked: number; failed: number; oldestWaitingSince: string | null };

/**
 * The functional administrator's view: what the workers failed on across the region, with their
 * error, a retry that is logged with its reason, and how much work waits per worker topic.
 */
export async function renderBeheer(main: HTMLElement, region: string): Promise<void> {
  const [settings, incidents, queues] = await Promise.all([
    api.get<RegionSettings>(`/api/regions/${region}`),
    api.get<Incident[]>(`/api/regions/${region}/incidents`),
    api.get<Queue[]>(`/api/regions/${region}/external-tasks`),
  ]);
  const reload = () => renderBeheer(main, region);

  const retryForm = (incident: Incident) => {
    const inputId = `retry-reason-${incident.id}`;
    const input = h('input', { type: 'text', id: inputId, name: 'toelichting', required: true, maxlength: 1000 });
    return h(
      'form',
      {
        class: 'inline-form',
        novalidate: true,
        'data-incident': incident.id,
        onsubmit: async (event: Event) => {
          event.preventDefault();
          if (!input.value.trim()) {
            input.setAttribute('aria-invalid', 'true');
            announce('Vul een reden in voordat u opnieuw probeert.');
            input.focus();
            return;
          }
          const done = await attempt(() => api.post(`/api/regions/${region}/incidents/${incident.id}/retry`, { toelichting: input.value.trim() }));
          if (!done) return;
          await reload();
          announce(`Opnieuw geprobeerd: ${incident.elementName}${incident.caseReference ? ` bij casus ${incident.caseReference}` : ''}. Vastgelegd in het logboek.`);
        },
      },
      h('label', { for: inputId }, 'Reden', h('span', { class: 'visually-hidden' }, ` voor opnieuw proberen van ${incident.elementName}`)),
      input,
      h('button', { type: 'submit', class: 'secondary' }, 'Opnieuw proberen'),
    );
  };

  main.replaceChildren(
    h('h1', {}, `Storingen — ${settings.name}`),
    h(
      'section',
      { 'aria-labelledby': 'incidents-heading' },
      h('h2', { id: 'incidents-heading' }, 'Storingen'),
      incidents.length === 0
        ? h('p', { id: 'incidents-empty' }, 'Er zijn nu geen storingen: alle worker-taken van deze regio lopen.')
        : h(
            'table',
            { id: 'incidents', class: 'data-table' },
            h('caption', {}, `Open storingen (${incidents.length}), de oudste bovenaan`),
            h('thead', {}, h('tr', {}, ...['Stap', 'Casus', 'Fout van de worker', 'Sinds', 'Actie'].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              {},
              ...incidents.map((i) =>
                h(
                  'tr',
                  { 'data-incident-id': i.id },
                  h('th', { scope: 'row' }, i.elementName),
                  h('td', {}, i.caseId ? h('a', { href: `#/casus/${i.caseId}` }, i.caseReference ?? i.caseId) : '—'),
                  h('td', { class: 'incident-message' }, i.message ?? 'De worker gaf geen foutmelding.'),
                  h('td', {}, formatDateTime(i.created)),
                  h('td', {}, i.retryable ? retryForm(i) : 'Niet hier te herstellen (geen worker-taak)'),
                ),
              ),
            ),
          ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'queues-heading' },
      h('h2', { id: 'queues-heading' }, 'Worker-taken per onderwerp'),
      queues.length === 0
        ? h('p', { id: 'queues-empty' }, 'Er staan geen worker-taken open in deze regio.')
        : h(
            'table',
            { id: 'queues', class: 'data-table' },
            h('caption', {}, 'Open worker-taken per onderwerp (topic)'),
            h('thead', {}, h('tr', {}, ...['Onderwerp', 'Wachtend', 'In behandeling', 'Mislukt', 'Oudste wachtende sinds'].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              {},
              ...queues.map((q) =>
                h(
                  'tr',
                  { 'data-topic': q.topic },
                  h('th', { scope: 'row' }, q.topic),
                  h('td', {}, String(q.waiting)),
                  h('td', {}, String(q.locked)),
                  h('td', {}, String(q.failed)),
                  h('td', {}, q.oldestWaitingSince ? formatDateTime(q.oldestWaitingSince) : '—'),
                ),
              ),
            ),
          ),
    ),
  );
}
