import type { z } from 'zod';
import { type RegionSettings, regionSettings, slug } from '../../../domain/region.js';
import { ApiError, api } from '../api.js';
import { announce, clearError, h, showError } from '../ui.js';

type Span = { duration: string } | { werkdagen: number };
type Role = RegionSettings['roles'][number];
type Partner = RegionSettings['partners'][number];

/** Roles the API requires (nobody could change the settings back, or watch the region, without them). */
const REQUIRED_ROLES = new Set(['beleidsmedewerker', 'manager']);

/** A partner's id from its name: stable once made, whatever the name becomes later. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(base) ? base : `p-${base || 'partner'}`;
}

/** Where in the form a problem's path (`roles.3.contacts.0.email`) is, in the policy officer's words. */
function describePath(draft: RegionSettings, path: Array<string | number>): string {
  const [section, index, ...rest] = path.map(String);
  const at = Number(index);
  const field: Record<string, string> = { name: 'naam', email: 'e-mail', tier: 'trede', escalateAfter: 'opschalen na', remindAfter: 'herinneren na', id: 'id' };
  const tail = rest.filter((p) => !/^\d+$/.test(p)).map((p) => field[p] ?? p);
  if (section === 'roles' && draft.roles[at]) {
    return `Rol ${draft.roles[at].id}${rest[0] === 'contacts' ? `, contact ${Number(rest[1]) + 1}` : ''}${tail.length ? ` (${tail.filter((t) => t !== 'contacts').join(' ')})` : ''}`;
  }
  if (section === 'partners' && draft.partners[at]) return `Partner ${draft.partners[at].name || at + 1}${tail.length ? ` (${tail.join(' ')})` : ''}`;
  if (section === 'tiers' && draft.tiers[at]) return `Trede ${draft.tiers[at].number}`;
  if (section === 'deadlines' && index) return `Termijn ${index}${tail.length ? ` (${tail.join(' ')})` : ''}`;
  if (section === 'learningMeeting') return `Leeroverleg (${path.slice(1).map((p) => field[String(p)] ?? p).join(' ')})`;
  if (section === 'id' && path.length === 1) return 'Id van de regio';
  if (section === 'name' && path.length === 1) return 'Naam van de regio';
  return path.join('.') || 'Instellingen';
}

/** The problems of a refused save, one per line, so each can be found and fixed. */
function renderProblems(list: HTMLElement, items: string[]): void {
  list.replaceChildren(...items.map((text) => h('li', {}, text)));
  list.hidden = items.length === 0;
}

export type SettingsFormOptions = {
  /** Fields shown above the settings (the new region's id and name). */
  intro?: HTMLElement[];
  submitLabel: string;
  /** Sends the checked settings; throws an ApiError when the API refuses them. */
  submit(settings: RegionSettings): Promise<void>;
};

/**
 * The region's settings as a form: deadlines, tier names, roles with their contacts, partners.
 * The model only names roles (by id) and deadline keys; what they mean lives here and takes
 * effect without a new model version. Ids are slugs and stay fixed once made (the models and
 * candidate groups name them); names change freely. Checked with the API's own zod schema
 * before it is sent; the API's refusal (a role still in a model, say) is listed item by item.
 */
export function settingsForm(draft: RegionSettings, options: SettingsFormOptions): HTMLFormElement {
  // As last saved: a role the API refuses to remove is put back from here.
  let saved = structuredClone(draft);
  const problems = h('ul', { id: 'settings-problems', class: 'findings', hidden: true });
  const body = h('div', {});

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

  const text = (attrs: Record<string, unknown>, value: string, set: (v: string) => void) =>
    h('input', { ...attrs, value, oninput: (e: Event) => set((e.target as HTMLInputElement).value) });

  /** Rebuilds the form after a row was added or removed, then puts focus where the user goes next. */
  const rerender = (focusId?: string) => {
    body.replaceChildren(...sections());
    if (focusId) document.getElementById(focusId)?.focus();
  };

  const tierChoice = (id: string, label: string, value: number, set: (n: number) => void) =>
    h(
      'select',
      { id, 'aria-label': label, onchange: (e: Event) => set(Number((e.target as HTMLSelectElement).value)) },
      h('option', { value: 0, selected: value === 0 }, '0 – buiten de ladder'),
      ...draft.tiers.map((t) => h('option', { value: t.number, selected: value === t.number }, `${t.number} – ${t.name}`)),
    );

  const contactRows = (role: Role) =>
    role.contacts.map((contact, i) =>
      h(
        'li',
        { class: 'contact-row', 'data-contact': i },
        text({ id: `role-${role.id}-contact-${i}-name`, 'aria-label': `Naam van contact ${i + 1} van rol ${role.name}`, placeholder: 'Naam' }, contact.name, (v) => (contact.name = v)),
        text({ id: `role-${role.id}-contact-${i}-email`, type: 'email', 'aria-label': `E-mail van contact ${i + 1} van rol ${role.name}`, placeholder: 'naam@example.org' }, contact.email, (v) => (contact.email = v)),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              role.contacts.splice(i, 1);
              rerender(`role-${role.id}-add-contact`);
              announce(`Contact verwijderd bij rol ${role.name}.`);
            },
          },
          'Verwijder',
          h('span', { class: 'visually-hidden' }, ` contact ${i + 1} van rol ${role.name}`),
        ),
      ),
    );

  const roleBlock = (role: Role, index: number) =>
    h(
      'fieldset',
      { class: 'role', 'data-role': role.id },
      h('legend', {}, `Rol `, h('code', {}, role.id)),
      h('label', { for: `role-${role.id}-name` }, 'Naam'),
      text({ id: `role-${role.id}-name` }, role.name, (v) => (role.name = v)),
      h('label', { for: `role-${role.id}-tier` }, 'Trede'),
      tierChoice(`role-${role.id}-tier`, `Trede van rol ${role.id}`, role.tier, (n) => (role.tier = n)),
      h('p', { class: 'hint' }, 'Contactpersonen (krijgen de meldingen en herinneringen van deze rol):'),
      h('ul', { class: 'contacts' }, ...contactRows(role)),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: `role-${role.id}-add-contact`,
          onclick: () => {
            role.contacts.push({ name: '', email: '' });
            rerender(`role-${role.id}-contact-${role.contacts.length - 1}-name`);
          },
        },
        'Contact toevoegen',
        h('span', { class: 'visually-hidden' }, ` bij rol ${role.name}`),
      ),
      REQUIRED_ROLES.has(role.id)
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () => {
                draft.roles.splice(index, 1);
                rerender('new-role-id');
                announce(`Rol ${role.name} verwijderd; sla op om dit door te voeren. Een rol die een live model nog gebruikt, wordt geweigerd.`);
              },
            },
            'Rol verwijderen',
            h('span', { class: 'visually-hidden' }, `: ${role.name}`),
          ),
    );

  const newRole = () => {
    const id = h('input', { id: 'new-role-id', 'aria-describedby': 'new-role-hint' });
    const name = h('input', { id: 'new-role-name' });
    let tier = 0;
    const add = () => {
      const checked = slug.safeParse(id.value.trim());
      const error = !checked.success
        ? 'Het id bestaat uit kleine letters, cijfers en streepjes en begint met een letter, bv. wijkcoach.'
        : draft.roles.some((r) => r.id === checked.data)
          ? `Er is al een rol met id ${checked.data}.`
          : !name.value.trim()
            ? 'Geef de nieuwe rol een naam.'
            : undefined;
      if (error || !checked.success) {
        showError(new Error(error));
        (error?.startsWith('Geef') ? name : id).focus();
        return;
      }
      clearError();
      draft.roles.push({ id: checked.data, name: name.value.trim(), tier, contacts: [] });
      rerender(`role-${checked.data}-add-contact`);
      announce(`Rol ${name.value.trim()} toegevoegd; voeg contactpersonen toe en sla op.`);
    };
    return h(
      'fieldset',
      { class: 'add-row' },
      h('legend', {}, 'Nieuwe rol'),
      h('label', { for: 'new-role-id' }, 'Id'),
      id,
      h('label', { for: 'new-role-name' }, 'Naam'),
      name,
      h('label', { for: 'new-role-tier' }, 'Trede'),
      tierChoice('new-role-tier', 'Trede van de nieuwe rol', 0, (n) => (tier = n)),
      h('button', { type: 'button', id: 'add-role', onclick: add }, 'Rol toevoegen'),
      h('p', { id: 'new-role-hint', class: 'hint' }, 'Het id komt in de kandidaatgroepen van het model (<regio>:<id>) en verandert daarna niet; de naam wel.'),
    );
  };

  const partnerBlock = (partner: Partner, index: number) =>
    h(
      'fieldset',
      { class: 'partner', 'data-partner': partner.id },
      h('legend', {}, `Partner `, h('code', {}, partner.id)),
      h('label', { for: `partner-${partner.id}-name` }, 'Naam'),
      text({ id: `partner-${partner.id}-name` }, partner.name, (v) => (partner.name = v)),
      h(
        'label',
        { for: `partner-${partner.id}-mandate` },
        h('input', { type: 'checkbox', id: `partner-${partner.id}-mandate`, checked: partner.mandate, onchange: (e: Event) => (partner.mandate = (e.target as HTMLInputElement).checked) }),
        ' Heeft mandaat (uitgenodigd voor het bestuurlijk escalatieoverleg)',
      ),
      h('label', { for: `partner-${partner.id}-contact-name` }, 'Contactpersoon'),
      text({ id: `partner-${partner.id}-contact-name` }, partner.contact.name, (v) => (partner.contact.name = v)),
      h('label', { for: `partner-${partner.id}-contact-email` }, 'E-mail'),
      text({ id: `partner-${partner.id}-contact-email`, type: 'email' }, partner.contact.email, (v) => (partner.contact.email = v)),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            draft.partners.splice(index, 1);
            rerender('add-partner');
            announce(`Partner ${partner.name} verwijderd; sla op om dit door te voeren.`);
          },
        },
        'Partner verwijderen',
        h('span', { class: 'visually-hidden' }, `: ${partner.name}`),
      ),
    );

  const addPartner = () => {
    const base = `partner-${draft.partners.length + 1}`;
    let id = base;
    for (let n = 2; draft.partners.some((p) => p.id === id); n++) id = `${base}-${n}`;
    draft.partners.push({ id, name: '', mandate: false, contact: { name: '', email: '' } });
    rerender(`partner-${id}-name`);
  };

  const sections = () => [
    h('h3', {}, 'Termijnen'),
    ...Object.entries(draft.deadlines).map(([key, deadline]) =>
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
    ),
    h('h3', {}, 'Treden'),
    h(
      'div',
      { class: 'tiers' },
      ...draft.tiers.map((tier) =>
        h('div', { class: 'field', 'data-tier': tier.number }, h('label', { for: `tier-${tier.number}-name` }, `Naam van trede ${tier.number}`), text({ id: `tier-${tier.number}-name` }, tier.name, (v) => (tier.name = v))),
      ),
    ),
    h('h3', {}, 'Rollen'),
    h('div', { id: 'roles' }, ...draft.roles.map(roleBlock)),
    newRole(),
    h('h3', {}, 'Partners'),
    h('div', { id: 'partners' }, ...draft.partners.map(partnerBlock)),
    h('button', { type: 'button', class: 'secondary', id: 'add-partner', onclick: addPartner }, 'Partner toevoegen'),
    h('h3', {}, 'Leeroverleg'),
    h(
      'fieldset',
      { class: 'add-row' },
      h('legend', {}, draft.learningMeeting.name),
      h('label', { for: 'learning-contact-name' }, 'Contactpersoon'),
      text({ id: 'learning-contact-name' }, draft.learningMeeting.contact.name, (v) => (draft.learningMeeting.contact.name = v)),
      h('label', { for: 'learning-contact-email' }, 'E-mail'),
      text({ id: 'learning-contact-email', type: 'email' }, draft.learningMeeting.contact.email, (v) => (draft.learningMeeting.contact.email = v)),
    ),
  ];

  const save = async (event: Event) => {
    event.preventDefault();
    clearError();
    renderProblems(problems, []);
    const checked = regionSettings.safeParse(draft);
    if (!checked.success) {
      renderProblems(problems, checked.error.issues.map((i: z.core.$ZodIssue) => `${describePath(draft, i.path as Array<string | number>)}: ${i.message}`));
      showError(new Error(`De instellingen kloppen nog niet (${checked.error.issues.length}); zie de lijst boven de knop.`));
      return;
    }
    try {
      await options.submit(checked.data);
      saved = structuredClone(checked.data);
    } catch (error) {
      showError(error);
      const refusedRoles = error instanceof ApiError ? (error.problem as { roles?: Array<{ role: string }> }).roles : undefined;
      if (refusedRoles) {
        // The model still needs them: back in the form, so the rest of the change can be saved as it is.
        for (const { role } of refusedRoles) {
          const original = saved.roles.find((r) => r.id === role);
          if (original && !draft.roles.some((r) => r.id === role)) draft.roles.push(structuredClone(original));
        }
        rerender();
      }
      if (error instanceof ApiError && Array.isArray(error.problem.errors)) {
        const items = error.problem.errors as Array<{ path?: string; message: string }>;
        renderProblems(problems, items.map((e) => (e.path ? `${describePath(draft, e.path.replace(/^body\./, '').split('.'))}: ${e.message}` : e.message)));
      }
    }
  };

  rerender();
  return h(
    'form',
    { id: 'settings-form', novalidate: true, onsubmit: (e: Event) => void save(e) },
    ...(options.intro ?? []),
    body,
    h('div', { 'aria-live': 'polite' }, problems),
    h('button', { type: 'submit', id: 'save-settings' }, options.submitLabel),
  );
}

/** The region's settings beside the diagram, saved with PUT; the modeler refreshes its role choices after. */
export async function renderSettingsEditor(section: HTMLElement, region: string, onSaved: () => void): Promise<void> {
  const settings = await api.get<RegionSettings>(`/api/regions/${region}`);
  const draft: RegionSettings = structuredClone(settings);
  section.replaceChildren(
    h('h2', { id: 'settings-heading' }, `Instellingen van ${settings.name}`),
    settingsForm(draft, {
      submitLabel: 'Instellingen opslaan',
      submit: async (checked) => {
        await api.put<RegionSettings>(`/api/regions/${region}`, checked);
        announce('De instellingen van de regio zijn opgeslagen. Ze gelden direct voor nieuwe stappen in lopende casussen.');
        onSaved();
      },
    }),
  );
}
