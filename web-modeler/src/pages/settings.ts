import { type RegionSettings, regionSettings } from '../../../domain/region.js';
import { api } from '../api.js';
import { announce, attempt, h, showError } from '../ui.js';

type Span = { duration: string } | { werkdagen: number };

/**
 * The region's settings beside the diagram. The model only names roles and deadline keys;
 * what they mean (who, which address, how long) lives here and takes effect without a
 * new model version. Checked with the same zod schema the API uses before it is sent.
 */
export async function renderSettingsEditor(section: HTMLElement, region: string, onSaved: () => void): Promise<void> {
  const settings = await api.get<RegionSettings>(`/api/regions/${region}`);
  const draft: RegionSettings = structuredClone(settings);

  const spanEditor = (idPrefix: string, label: string, span: Span | undefined, optional: boolean, set: (s: Span | undefined) => void) => {
    const kind = h(
      'select',
      { id: `${idPrefix}-kind` },
      ...(optional ? [h('option', { value: 'none', selected: !span }, 'Standaard (helft)')] : []),
      h('option', { value: 'werkdagen', selected: Boolean(span && 'werkdagen' in span) }, 'Werkdagen'),
      h('option', { value: 'duration', selected: Boolean(span && 'duration' in span) }, 'Kalendertijd (ISO-duur)'),
    );
    const value = h('input', {
      id: `${idPrefix}-value`,
      value: span ? ('werkdagen' in span ? String(span.werkdagen) : span.duration) : '',
      'aria-describedby': `${idPrefix}-hint`,
    });
    const update = () => {
      if (kind.value === 'none') set(undefined);
      else if (kind.value === 'werkdagen') set({ werkdagen: Number(value.value) });
      else set({ duration: value.value.trim().toUpperCase() });
    };
    kind.addEventListener('change', update);
    value.addEventListener('input', update);
    return h(
      'fieldset',
      { class: 'span-editor' },
      h('legend', {}, label),
      h('label', { for: `${idPrefix}-kind` }, 'Soort'),
      kind,
      h('label', { for: `${idPrefix}-value` }, 'Waarde'),
      value,
      h('span', { id: `${idPrefix}-hint`, class: 'hint' }, 'bv. 5 werkdagen, of P14D / PT48H'),
    );
  };

  const deadlines = Object.entries(draft.deadlines).map(([key, deadline]) =>
    h(
      'div',
      { class: 'deadline', 'data-deadline': key },
      h('h4', {}, `${deadline.label} `, h('code', {}, key)),
      spanEditor(`deadline-${key}-escalate`, 'Opschalen na', deadline.escalateAfter, false, (s) => {
        if (s) deadline.escalateAfter = s;
      }),
      spanEditor(`deadline-${key}-remind`, 'Herinneren na', deadline.remindAfter, true, (s) => {
        if (s) deadline.remindAfter = s;
        else delete deadline.remindAfter;
      }),
    ),
  );

  const contactsText = (contacts: RegionSettings['roles'][number]['contacts']) => contacts.map((c) => `${c.name} <${c.email}>`).join('\n');
  const parseContacts = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const match = /^(.*?)\s*<([^>]+)>$/.exec(line);
        return match ? { name: (match[1] ?? '').trim(), email: (match[2] ?? '').trim() } : { name: line, email: '' };
      });

  const roles = h(
    'table',
    { id: 'roles' },
    h('caption', {}, 'Rollen en contactpersonen (één contact per regel: Naam <e-mail>)'),
    h('thead', {}, h('tr', {}, ...['Rol', 'Naam', 'Trede', 'Contactpersonen'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...draft.roles.map((role) =>
        h(
          'tr',
          { 'data-role': role.id },
          h('th', { scope: 'row' }, h('code', {}, role.id)),
          h('td', {}, h('input', { 'aria-label': `Naam van rol ${role.id}`, value: role.name, oninput: (e: Event) => (role.name = (e.target as HTMLInputElement).value) })),
          h('td', {}, h('input', { type: 'number', min: 0, class: 'short', 'aria-label': `Trede van rol ${role.id}`, value: role.tier, oninput: (e: Event) => (role.tier = Number((e.target as HTMLInputElement).value)) })),
          h(
            'td',
            {},
            h('textarea', {
              rows: Math.max(2, role.contacts.length),
              'aria-label': `Contactpersonen van rol ${role.id}`,
              oninput: (e: Event) => (role.contacts = parseContacts((e.target as HTMLTextAreaElement).value)),
            }, contactsText(role.contacts)),
          ),
        ),
      ),
    ),
  );

  const partners = h(
    'table',
    { id: 'partners' },
    h('caption', {}, 'Ketenpartners'),
    h('thead', {}, h('tr', {}, ...['Partner', 'Mandaat', 'Contactpersoon', 'E-mail'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...draft.partners.map((partner) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, partner.name),
          h('td', {}, h('input', { type: 'checkbox', checked: partner.mandate, 'aria-label': `${partner.name} heeft mandaat`, onchange: (e: Event) => (partner.mandate = (e.target as HTMLInputElement).checked) })),
          h('td', {}, h('input', { 'aria-label': `Contactpersoon van ${partner.name}`, value: partner.contact.name, oninput: (e: Event) => (partner.contact.name = (e.target as HTMLInputElement).value) })),
          h('td', {}, h('input', { type: 'email', 'aria-label': `E-mail van ${partner.name}`, value: partner.contact.email, oninput: (e: Event) => (partner.contact.email = (e.target as HTMLInputElement).value) })),
        ),
      ),
    ),
  );

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = regionSettings.safeParse(draft);
    if (!checked.success) {
      const first = checked.error.issues[0];
      showError(new Error(`De instellingen kloppen nog niet: ${first ? `${first.path.join('.')}: ${first.message}` : 'onbekende fout'}.`));
      return;
    }
    const saved = await attempt(() => api.put<RegionSettings>(`/api/regions/${region}`, checked.data));
    if (!saved) return;
    announce('De instellingen van de regio zijn opgeslagen. Ze gelden direct voor nieuwe stappen in lopende casussen.');
    onSaved();
  };

  section.replaceChildren(
    h('h2', { id: 'settings-heading' }, `Instellingen van ${settings.name}`),
    h(
      'form',
      { id: 'settings-form', onsubmit: (e: Event) => void save(e) },
      h('h3', {}, 'Termijnen'),
      ...deadlines,
      h('h3', {}, 'Rollen'),
      roles,
      h('h3', {}, 'Partners'),
      partners,
      h('button', { type: 'submit', id: 'save-settings' }, 'Instellingen opslaan'),
    ),
  );
}
