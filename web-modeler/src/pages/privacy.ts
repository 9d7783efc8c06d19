import { ApiError, api } from '../api.js';
import { DUTCH_DATE_HINT, toIsoDate } from '../dates.js';
import { announce, formatDateTime, h, showError } from '../ui.js';

type Report = { id: string; startedAt: string; trigger: 'schedule' | 'manual'; startedBy: string; casesRemoved: number; report: { failed: number } };

const GROUNDS: Array<[string, string]> = [
  ['avg-17-1b', 'AVG art. 17 lid 1 b: toestemming ingetrokken'],
  ['avg-17-1c', 'AVG art. 17 lid 1 c: bezwaar gemaakt'],
  ['avg-17-1a', 'AVG art. 17 lid 1 a: niet meer nodig'],
  ['avg-17-1d', 'AVG art. 17 lid 1 d: onrechtmatig verwerkt'],
  ['avg-17-1e', 'AVG art. 17 lid 1 e: wettelijke plicht'],
  ['jeugdwet-7.3.9', 'Jeugdwet art. 7.3.9: vernietiging op verzoek'],
];

/** BSN, or name and birth date: the fields that find one person, with their own ids per form. */
function personFields(prefix: string) {
  const bsn = h('input', { type: 'text', id: `${prefix}-bsn`, inputmode: 'numeric', maxlength: 9, autocomplete: 'off' });
  const name = h('input', { type: 'text', id: `${prefix}-naam`, maxlength: 200, autocomplete: 'off' });
  const birth = h('input', { type: 'text', id: `${prefix}-geboortedatum`, maxlength: 10, autocomplete: 'off', 'aria-describedby': `${prefix}-geboortedatum-hint` });
  const fieldset = h(
    'fieldset',
    {},
    h('legend', {}, 'Welke persoon? BSN, of naam en geboortedatum'),
    h('div', { class: 'field' }, h('label', { for: `${prefix}-bsn` }, 'BSN'), bsn),
    h('div', { class: 'field' }, h('label', { for: `${prefix}-naam` }, 'Naam'), name),
    h('div', { class: 'field' }, h('label', { for: `${prefix}-geboortedatum` }, 'Geboortedatum'), h('p', { class: 'hint', id: `${prefix}-geboortedatum-hint` }, DUTCH_DATE_HINT), birth),
  );
  const value = (): Record<string, string> | string => {
    if (bsn.value.trim()) return /^\d{9}$/.test(bsn.value.trim()) ? { bsn: bsn.value.trim() } : 'Een BSN heeft 9 cijfers.';
    const iso = toIsoDate(birth.value);
    if (!name.value.trim() || !iso) return 'Vul een BSN in, of een naam en een geldige geboortedatum.';
    return { name: name.value.trim(), birthDate: iso };
  };
  return { fieldset, value };
}

/**
 * The functioneel beheerder's privacy work: inzage (a file with everything about one person),
 * erasure with a legal ground, and the retention job's reports (docs/privacy.md).
 */
export async function renderPrivacy(main: HTMLElement, region: string): Promise<void> {
  const reports = await api.get<Report[]>(`/api/regions/${region}/privacy/retention-runs`);

  const exportPerson = personFields('inzage');
  const exportOutcome = h('div', { id: 'inzage-outcome', role: 'status' });
  const exportForm = h(
    'form',
    {
      id: 'inzage-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const who = exportPerson.value();
        if (typeof who === 'string') return void exportOutcome.replaceChildren(h('p', { class: 'field-error' }, who));
        try {
          const file = await api.post<{ cases: unknown[] }>(`/api/regions/${region}/privacy/person-export`, who);
          const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
          const name = `inzage-${region}-${new Date().toISOString().slice(0, 10)}.json`;
          exportOutcome.replaceChildren(
            h('p', {}, `${file.cases.length} ${file.cases.length === 1 ? 'casus' : 'casussen'} gevonden. `, h('a', { href: url, download: name, id: 'inzage-download' }, `Download ${name}`)),
          );
        } catch (error) {
          showError(error);
        }
      },
    },
    exportPerson.fieldset,
    h('button', { type: 'submit', id: 'inzage-submit' }, 'Gegevens verzamelen'),
  );

  const erasePerson = personFields('wissen');
  const ground = h('select', { id: 'wissen-grond' }, ...GROUNDS.map(([value, label]) => h('option', { value }, label)));
  const explanation = h('textarea', { id: 'wissen-toelichting', rows: 2, maxlength: 2000 });
  const override = h('textarea', { id: 'wissen-override', rows: 2, maxlength: 1000 });
  const overrideRow = h('div', { class: 'field', hidden: true, id: 'wissen-override-row' }, h('label', { for: 'wissen-override' }, 'Reden om de lopende casus(sen) toch te wissen'), override);
  const eraseOutcome = h('div', { id: 'wissen-outcome', role: 'status' });
  const eraseForm = h(
    'form',
    {
      id: 'wissen-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const who = erasePerson.value();
        if (typeof who === 'string') return void eraseOutcome.replaceChildren(h('p', { class: 'field-error' }, who));
        if (!explanation.value.trim()) return void eraseOutcome.replaceChildren(h('p', { class: 'field-error' }, 'Vul een toelichting in: wie vroeg het en wanneer?'));
        try {
          const result = await api.post<{ casesErased: number; openCasesStopped: number }>(`/api/regions/${region}/privacy/person-erasure`, {
            ...who,
            legalGround: ground.value,
            toelichting: explanation.value.trim(),
            ...(override.value.trim() ? { openCaseOverride: override.value.trim() } : {}),
          });
          eraseOutcome.replaceChildren(h('p', { class: 'notice', id: 'wissen-done' }, `${result.casesErased} ${result.casesErased === 1 ? 'casus' : 'casussen'} gewist uit Doorzet en de procesengine.`));
          announce('Gewist.');
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            overrideRow.hidden = false;
            eraseOutcome.replaceChildren(h('p', { class: 'notice', id: 'wissen-refused' }, `${error.problem.detail ?? ''} Vul hieronder de reden in en verstuur opnieuw.`));
            override.focus();
          } else showError(error);
        }
      },
    },
    erasePerson.fieldset,
    h('div', { class: 'field' }, h('label', { for: 'wissen-grond' }, 'Grondslag'), ground),
    h('div', { class: 'field' }, h('label', { for: 'wissen-toelichting' }, 'Toelichting (verplicht, geen namen)'), explanation),
    overrideRow,
    h('button', { type: 'submit', id: 'wissen-submit' }, 'Wissen'),
  );

  const reporterContact = h('input', { type: 'text', id: 'melder-contact', maxlength: 200, autocomplete: 'off', 'aria-describedby': 'melder-contact-hint' });
  const reporterGround = h('select', { id: 'melder-grond' }, ...GROUNDS.filter(([value]) => value.startsWith('avg')).map(([value, label]) => h('option', { value }, label)));
  const reporterExplanation = h('input', { type: 'text', id: 'melder-toelichting', maxlength: 2000 });
  const reporterOutcome = h('div', { id: 'melder-outcome', role: 'status' });
  const reporterWho = (): Record<string, string> | undefined => {
    const value = reporterContact.value.trim();
    if (!value) return undefined;
    return value.includes('@') ? { email: value } : { telefoon: value };
  };
  const reporterSection = h(
    'section',
    { 'aria-labelledby': 'melder-heading' },
    h('h2', { id: 'melder-heading' }, 'Verzoek van iemand die zelf een melding deed'),
    h('p', { class: 'hint' }, 'Naam en contactgegevens die een inwoner of ouder bij een eigen melding achterliet. Wissen haalt alleen die weg; de casus blijft.'),
    h(
      'form',
      {
        id: 'melder-form',
        novalidate: true,
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const who = reporterWho();
          if (!who) return void reporterOutcome.replaceChildren(h('p', { class: 'field-error' }, 'Vul een e-mailadres of telefoonnummer in.'));
          const erase = (event as SubmitEvent).submitter?.id === 'melder-wissen';
          try {
            if (!erase) {
              const found = await api.post<{ meldingen: Array<{ caseReference: string; name: string; receivedAt: string }> }>(`/api/regions/${region}/privacy/reporter-export`, who);
              reporterOutcome.replaceChildren(
                found.meldingen.length === 0
                  ? h('p', {}, 'Geen meldingen gevonden.')
                  : h('ul', { id: 'melder-meldingen' }, ...found.meldingen.map((m) => h('li', {}, `${m.caseReference}: ${m.name}, `, h('time', { datetime: m.receivedAt }, formatDateTime(m.receivedAt))))),
              );
              return;
            }
            if (!reporterExplanation.value.trim()) return void reporterOutcome.replaceChildren(h('p', { class: 'field-error' }, 'Vul een toelichting in.'));
            const result = await api.post<{ contactsErased: number }>(`/api/regions/${region}/privacy/reporter-erasure`, { ...who, legalGround: reporterGround.value, toelichting: reporterExplanation.value.trim() });
            reporterOutcome.replaceChildren(h('p', { class: 'notice', id: 'melder-gewist' }, `Gegevens van de melder bij ${result.contactsErased} ${result.contactsErased === 1 ? 'melding' : 'meldingen'} gewist.`));
          } catch (error) {
            showError(error);
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'melder-contact' }, 'E-mailadres of telefoonnummer van de melder'), h('p', { class: 'hint', id: 'melder-contact-hint' }, 'Precies zoals de melder het invulde.'), reporterContact),
      h('div', { class: 'field' }, h('label', { for: 'melder-grond' }, 'Grondslag (bij wissen)'), reporterGround),
      h('div', { class: 'field' }, h('label', { for: 'melder-toelichting' }, 'Toelichting (bij wissen)'), reporterExplanation),
      h('button', { type: 'submit', id: 'melder-zoeken', class: 'secondary' }, 'Meldingen tonen'),
      ' ',
      h('button', { type: 'submit', id: 'melder-wissen' }, 'Gegevens van de melder wissen'),
    ),
    reporterOutcome,
  );

  const reportRows = reports.map((r) =>
    h('tr', {}, h('td', {}, formatDateTime(r.startedAt)), h('td', {}, r.trigger === 'schedule' ? 'dagelijks' : r.startedBy), h('td', {}, String(r.casesRemoved)), h('td', {}, String(r.report.failed))),
  );
  main.replaceChildren(
    h('h1', {}, 'Privacyverzoeken en bewaartermijn'),
    h('section', { 'aria-labelledby': 'inzage-heading' }, h('h2', { id: 'inzage-heading' }, 'Inzageverzoek'), h('p', { class: 'hint' }, 'Alles wat Doorzet over één persoon in deze regio heeft, met wie het inzag, als bestand.'), exportForm, exportOutcome),
    h('section', { 'aria-labelledby': 'wissen-heading' }, h('h2', { id: 'wissen-heading' }, 'Verzoek tot wissen'), h('p', { class: 'hint' }, 'Verwijdert elke casus van deze persoon, ook uit de procesengine. Dit kan niet ongedaan worden gemaakt.'), eraseForm, eraseOutcome),
    reporterSection,
    h(
      'section',
      { 'aria-labelledby': 'bewaar-heading' },
      h('h2', { id: 'bewaar-heading' }, 'Bewaartermijn'),
      h('p', { class: 'hint' }, 'Afgesloten casussen ouder dan de bewaartermijn worden elke nacht verwijderd. Hier staat hoeveel.'),
      reportRows.length === 0
        ? h('p', {}, 'Nog geen verslagen.')
        : h(
            'table',
            { class: 'data-table', id: 'retention-runs' },
            h('caption', { class: 'visually-hidden' }, 'Verslagen van de bewaartermijn'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Wanneer'), h('th', { scope: 'col' }, 'Door'), h('th', { scope: 'col' }, 'Verwijderd'), h('th', { scope: 'col' }, 'Mislukt'))),
            h('tbody', {}, ...reportRows),
          ),
    ),
  );
}
