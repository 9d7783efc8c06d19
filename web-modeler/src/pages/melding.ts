import { DUTCH_DATE_HINT, toIsoDate } from '../dates.js';
import { DOMAINS, createCaseBody } from '../../../api/cases/schemas.js';
import type { RegionSettings } from '../../../domain/region.js';
import { KNELPUNTEN, KNELPUNT_LABELS } from '../../../domain/knelpunten.js';
import { api } from '../api.js';
import { announce, attempt, fieldErrors, h, showError } from '../ui.js';
import { navigate } from '../navigate.js';

const DOMAIN_LABELS: Record<(typeof DOMAINS)[number], string> = {
  jeugd: 'Jeugd',
  wmo: 'Wmo (maatschappelijke ondersteuning)',
  'werk-en-inkomen': 'Werk en inkomen',
  wonen: 'Wonen',
  schulden: 'Schulden',
  onderwijs: 'Onderwijs',
  ggz: 'Geestelijke gezondheid (ggz)',
  veiligheid: 'Veiligheid',
  zorg: 'Zorg',
};

/** A melding: why the case is stuck and who is involved. The resident's data is stored apart from the process. */
export async function renderMelding(main: HTMLElement, region: string): Promise<void> {
  const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null, control, h('p', { id: `${id}-error`, class: 'field-error' }));
  const stuckReason = h('textarea', { id: 'stuckReason', rows: 4, required: true, 'aria-describedby': 'stuckReason-hint stuckReason-error' });
  const organisations = h('textarea', { id: 'organisations', rows: 3, 'aria-describedby': 'organisations-hint organisations-error' });
  const safety = h('input', { id: 'safety', type: 'checkbox' });
  const direct = h('input', { id: 'entry-direct', type: 'checkbox' });
  const crisis = h('input', { id: 'urgentie-crisis', type: 'checkbox' });
  // Twente (seed 003): the verantwoordelijke gemeente is the case's own, chosen here where the region lists its gemeenten.
  const [settings, options] = await Promise.all([
    api.get<RegionSettings>(`/api/regions/${region}`).catch(() => undefined),
    // Only the choices the region's live model acts on; unknown: all of them, as before.
    api.get<{ safety: boolean; direct: boolean; crisis: boolean }>(`/api/regions/${region}/melding-options`).catch(() => ({ safety: true, direct: true, crisis: true })),
  ]);
  const gemeenten = settings?.gemeenten ?? [];
  const gemeente = h(
    'select',
    { id: 'gemeente', required: true, 'aria-describedby': 'gemeente-hint gemeente-error' },
    h('option', { value: '' }, 'Kies een gemeente'),
    ...gemeenten.map((g) => h('option', { value: g.id }, g.name)),
  ) as HTMLSelectElement;
  const name = h('input', { id: 'person-name', required: true, autocomplete: 'off', 'aria-describedby': 'person-name-error' });
  const bsn = h('input', { id: 'person-bsn', inputmode: 'numeric', pattern: '\\d{9}', autocomplete: 'off', 'aria-describedby': 'person-bsn-hint person-bsn-error' });
  const birthDate = h('input', { id: 'person-birthDate', type: 'text', inputmode: 'numeric', 'data-date': 'dd-mm-jjjj', autocomplete: 'off', 'aria-describedby': 'person-birthDate-hint person-birthDate-error' });
  const address = h('input', { id: 'person-address', autocomplete: 'off' });
  const details = h('textarea', { id: 'person-details', rows: 3 });
  // Consent and family involvement on the melding itself (seed 001 §6.4, seed 002 AVE niveau 3); recorded as tier 1.
  const consent = h(
    'select',
    { id: 'melding-consent' },
    h('option', { value: '' }, 'Nog niet vastleggen'),
    h('option', { value: 'gegeven' }, 'Toestemming gegeven'),
    h('option', { value: 'geweigerd' }, 'Toestemming geweigerd'),
    h('option', { value: 'niet-gevraagd' }, 'Niet gevraagd'),
    h('option', { value: 'niet-nodig' }, 'Niet nodig'),
  );
  const family = h('input', { id: 'family-involved', type: 'checkbox' });
  const domainBoxes = DOMAINS.map((value) => ({ value, box: h('input', { type: 'checkbox', id: `domain-${value}`, value }), label: DOMAIN_LABELS[value] }));
  const knelpuntBoxes = KNELPUNTEN.map((value) => ({ value, box: h('input', { type: 'checkbox', id: `knelpunt-${value}`, value }), label: KNELPUNT_LABELS[value] }));

  const submit = async (event: Event) => {
    event.preventDefault();
    for (const el of main.querySelectorAll('.field-error')) el.textContent = '';
    const domains = domainBoxes.filter((d) => d.box.checked).map((d) => d.value);
    if (domains.length === 0) {
      showError(new Error('Kies ten minste één leefgebied waarop de hulp vastloopt.'));
      domainBoxes[0]?.box.focus();
      return;
    }
    if (gemeenten.length > 0 && !gemeente.value) {
      document.getElementById('gemeente-error')!.textContent = 'Kies de gemeente van de inwoner.';
      showError(new Error('Kies de gemeente van de inwoner: die gemeente is verantwoordelijk voor de terugkoppeling.'));
      gemeente.focus();
      return;
    }
    const knelpunten = knelpuntBoxes.filter((k) => k.box.checked).map((k) => k.value);
    const body = {
      domains,
      stuckReason: stuckReason.value.trim(),
      ...(knelpunten.length > 0 ? { knelpunten } : {}),
      organisations: organisations.value.split('\n').map((s) => s.trim()).filter(Boolean),
      safety: safety.checked,
      ...(gemeente.value ? { gemeente: gemeente.value } : {}),
      entry: direct.checked ? 'direct' : 'regulier',
      urgentie: crisis.checked ? 'crisis' : 'regulier',
      person: {
        name: name.value.trim(),
        ...(bsn.value.trim() ? { bsn: bsn.value.trim() } : {}),
        ...(birthDate.value.trim() ? { birthDate: toIsoDate(birthDate.value) ?? birthDate.value.trim() } : {}),
        ...(address.value.trim() ? { address: address.value.trim() } : {}),
        ...(details.value.trim() ? { details: details.value.trim() } : {}),
      },
    };
    // The API checks the melding with this same schema; checking here first keeps the person on the form.
    const checked = createCaseBody.safeParse(body);
    if (!checked.success) {
      const messages: Record<string, string> = { stuckReason: 'Beschrijf waarom de hulp vastloopt.', 'person.name': 'Vul de naam van de inwoner in.', 'person.bsn': 'Een BSN heeft negen cijfers.', 'person.birthDate': 'Vul een geldige datum in.' };
      for (const issue of checked.error.issues) {
        const path = issue.path.join('.');
        const target = document.getElementById(`${path.replace('person.', 'person-')}-error`);
        if (target) target.textContent = messages[path] ?? 'Deze waarde is niet geldig.';
      }
      showError(new Error('De melding is nog niet compleet. Zie de gemarkeerde velden.'));
      return;
    }
    let failure: unknown;
    const created = await attempt(async () => {
      try {
        return await api.post<{ id: string; reference: string }>(`/api/regions/${region}/cases`, checked.data);
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    if (!created) {
      for (const [path, message] of Object.entries(fieldErrors(failure))) {
        const target = document.getElementById(`${path.replace(/^body\./, '').replace('person.', 'person-')}-error`);
        if (target) target.textContent = message;
      }
      return;
    }
    if (consent.value) {
      await attempt(() => api.post(`/api/cases/${created.id}/consent`, { consent: consent.value, familyInvolved: family.checked }));
    }
    announce(`Melding ${created.reference} is gedaan. De escalatie is gestart.`);
    navigate(`/casus/${created.id}`);
  };

  main.replaceChildren(
    h('h1', {}, `Melding maken (${region})`),
    h('p', {}, 'Meld een casus waarin de hulp vastloopt. De gegevens van de inwoner worden apart bewaard en alleen getoond aan wie ze nodig heeft.'),
    h(
      'form',
      { id: 'melding-form', class: 'card', onsubmit: (e: Event) => void submit(e), novalidate: true },
      h('fieldset', {}, h('legend', {}, 'Op welke leefgebieden loopt het vast?'), ...domainBoxes.map((d) => h('div', { class: 'check' }, d.box, h('label', { for: d.box.id }, d.label)))),
      field('stuckReason', 'Waarom loopt de hulp vast?', stuckReason, 'Beschrijf wat er is geprobeerd en waar het stokt; geen medische details.'),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Welke knelpunten spelen? (optioneel)'),
        ...knelpuntBoxes.map((k) => h('div', { class: 'check' }, k.box, h('label', { for: k.box.id }, k.label))),
      ),
      field('organisations', 'Betrokken organisaties', organisations, 'Eén organisatie per regel.'),
      gemeenten.length > 0
        ? field('gemeente', 'Gemeente van de inwoner', gemeente, 'Deze gemeente is de verantwoordelijke gemeente: zij wordt uitgenodigd voor het bestuurlijk escalatie overleg en koppelt terug.')
        : null,
      options.safety ? h('div', { class: 'check' }, safety, h('label', { for: 'safety' }, 'Openbare orde of veiligheid is in het geding')) : null,
      options.direct ? h('div', { class: 'check' }, direct, h('label', { for: 'entry-direct' }, 'Ernstige zorg: direct naar de hoogste trede')) : null,
      options.crisis ? h('div', { class: 'check' }, crisis, h('label', { for: 'urgentie-crisis' }, 'Crisis: de kortere crisistermijnen van de regio gelden')) : null,
      h(
        'fieldset',
        {},
        h('legend', {}, 'Gegevens van de inwoner'),
        field('person-name', 'Naam', name),
        field('person-bsn', 'BSN (optioneel)', bsn, 'Negen cijfers.'),
        field('person-birthDate', 'Geboortedatum (optioneel)', birthDate, DUTCH_DATE_HINT),
        field('person-address', 'Adres (optioneel)', address),
        field('person-details', 'Overige gegevens (optioneel)', details),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Toestemming en gezin'),
        field('melding-consent', 'Toestemming van de inwoner of de ouders om gegevens te delen', consent),
        h('div', { class: 'check' }, family, h('label', { for: 'family-involved' }, 'Het gezin is betrokken bij de melding')),
      ),
      h('button', { type: 'submit', id: 'submit-melding' }, 'Melding versturen'),
    ),
  );
}
