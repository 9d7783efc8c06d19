import type { RegionSettings } from '../../../domain/region.js';
import { type User, api, currentSession } from '../api.js';
import { navigate } from '../navigate.js';
import { canModel, regions, state } from '../session.js';
import { announce, h } from '../ui.js';
import { settingsForm } from './settings.js';

/**
 * "Nieuwe regio op basis van het sjabloon": a policy officer of any region starts a region from
 * the template's settings, names it and its tiers and roles, sets deadlines and contacts, and
 * the API creates it with the template's model made into its own and deploys it, all or
 * nothing. The template's contacts are examples, so they start empty here.
 */
export async function renderNewRegion(main: HTMLElement, user: User): Promise<void> {
  if (!regions(user).some((r) => canModel(user, r))) {
    main.replaceChildren(h('h1', {}, 'Nieuwe regio'), h('p', {}, 'Alleen beleidsmedewerkers kunnen een nieuwe regio aanmaken.'));
    return;
  }
  const { settings: template } = await api.get<{ settings: RegionSettings }>('/api/region-template');
  const draft: RegionSettings = {
    ...structuredClone(template),
    id: '',
    name: '',
    bpmnProcessId: '',
    roles: template.roles.map((r) => ({ ...r, contacts: [] })),
    partners: [],
    learningMeeting: { ...template.learningMeeting, contact: { name: '', email: '' } },
  };
  delete draft.coordinator;

  const id = h('input', {
    id: 'region-id',
    required: true,
    'aria-describedby': 'region-id-hint',
    oninput: () => {
      draft.id = id.value.trim();
      draft.bpmnProcessId = `doorzet-${draft.id}`;
    },
  });
  const name = h('input', { id: 'region-name', required: true, oninput: () => (draft.name = name.value.trim()) });

  main.replaceChildren(
    h('h1', {}, 'Nieuwe regio op basis van het sjabloon'),
    h(
      'p',
      {},
      `Begin met de treden, rollen en termijnen van "${template.name}". Geef de regio een id en een naam, noem treden en rollen zoals uw regio ze noemt, stel de termijnen in en vul de contactpersonen in. `,
      'Bij "Regio aanmaken en model live zetten" wordt het sjabloonmodel de eerste versie van het model van de regio, gecontroleerd en live gezet; lukt dat niet, dan wordt er niets aangemaakt. U wordt beleidsmedewerker van de nieuwe regio.',
    ),
    settingsForm(draft, {
      intro: [
        h('div', { class: 'field' }, h('label', { for: 'region-id' }, 'Id van de regio'), id, h('p', { id: 'region-id-hint', class: 'hint' }, 'Kleine letters, cijfers en streepjes, bv. noord-veluwe. Het id staat in het model en in de kandidaatgroepen en verandert niet meer.')),
        h('div', { class: 'field' }, h('label', { for: 'region-name' }, 'Naam van de regio'), name),
      ],
      submitLabel: 'Regio aanmaken en model live zetten',
      submit: async (checked) => {
        const { bpmnProcessId: _derived, ...body } = checked;
        const created = await api.post<{ settings: RegionSettings; version: number }>('/api/regions', body);
        // The new membership (beleidsmedewerker of the new region) is in the session from now on.
        const session = await currentSession();
        if (session) state.user = session.user;
        announce(`Regio ${created.settings.name} is aangemaakt; versie ${created.version} van het model staat live.`);
        navigate(`/modeler/${created.settings.id}`);
      },
    }),
  );
}
