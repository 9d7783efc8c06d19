import { ApiError, api } from '../api.js';
import { DUTCH_DATE_HINT, toIsoDate } from '../dates.js';
import { announce, h } from '../ui.js';

/**
 * The public form where a parent or resident reports that their request for help is stuck
 * (seed 001 §6.1, §8.1). No account. Plain Dutch (B1): short sentences, "u", no jargon; every
 * field has a visible label, errors say what to do and are tied to their field.
 */

const ONDERWERPEN: Array<[string, string]> = [
  ['jeugd', 'Hulp voor een kind of jongere'],
  ['onderwijs', 'School'],
  ['wmo', 'Hulp in het dagelijks leven (Wmo)'],
  ['ggz', 'Psychische problemen'],
  ['zorg', 'Zorg'],
  ['wonen', 'Wonen'],
  ['schulden', 'Schulden'],
  ['werk-en-inkomen', 'Werk en inkomen'],
];

type Field = { input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement; error: HTMLElement };

function field(id: string, label: string, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string): [HTMLElement, Field] {
  const error = h('p', { id: `${id}-error`, class: 'field-error' });
  input.id = id;
  input.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
  return [h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, input, error), { input, error }];
}

export async function renderResidentMelding(main: HTMLElement, region: string): Promise<void> {
  let regionName = region;
  try {
    regionName = (await api.get<{ name: string }>(`/api/public/regions/${region}`)).name;
  } catch {
    main.replaceChildren(h('h1', {}, 'Deze pagina bestaat niet'), h('p', {}, 'Controleer het adres dat u van de gemeente heeft gekregen.'));
    return;
  }

  const relations: Array<[string, string]> = [
    ['ouder', 'Ik ben ouder of verzorger van een kind'],
    ['inwoner', 'Het gaat over mijzelf'],
    ['naaste', 'Ik help iemand anders, bijvoorbeeld een familielid'],
  ];
  const relationError = h('p', { id: 'relatie-error', class: 'field-error' });
  const relationInputs = relations.map(([value]) => h('input', { type: 'radio', name: 'relatie', id: `relatie-${value}`, value, 'aria-describedby': 'relatie-error' }));
  const relationSet = h(
    'fieldset',
    {},
    h('legend', {}, 'Wie bent u?'),
    ...relations.map(([value, label], i) => h('div', { class: 'choice' }, relationInputs[i]!, ' ', h('label', { for: `relatie-${value}` }, label))),
    relationError,
  );

  const [nameRow, name] = field('melder-naam', 'Uw naam', h('input', { type: 'text', autocomplete: 'name', maxlength: 200 }));
  const [emailRow, email] = field('melder-email', 'Uw e-mailadres', h('input', { type: 'email', autocomplete: 'email', maxlength: 200 }), 'Vul uw e-mailadres of uw telefoonnummer in. Zo kunnen wij u bereiken.');
  const [phoneRow, phone] = field('melder-telefoon', 'Uw telefoonnummer', h('input', { type: 'tel', autocomplete: 'tel', maxlength: 20 }));
  const [whoRow, who] = field('inwoner-naam', 'Naam van degene die hulp nodig heeft', h('input', { type: 'text', maxlength: 200 }));
  const [birthRow, birth] = field('inwoner-geboortedatum', 'Geboortedatum (als u die weet)', h('input', { type: 'text', inputmode: 'numeric', maxlength: 10 }), DUTCH_DATE_HINT);
  const [topicRow, topic] = field('onderwerp', 'Waar gaat het vooral over?', h('select', {}, ...ONDERWERPEN.map(([value, label]) => h('option', { value }, label))));
  const [whatRow, what] = field(
    'wat',
    'Wat loopt er vast?',
    h('textarea', { rows: 6, maxlength: 2000 }),
    'Vertel kort wat er aan de hand is. Welke hulp heeft u gevraagd? Hoe lang wacht u al? Wat zeggen de organisaties?',
  );
  const [orgRow, org] = field('organisaties', 'Welke organisaties zijn erbij betrokken? (als u dat weet)', h('input', { type: 'text', maxlength: 500 }), 'Bijvoorbeeld: wijkteam, school, jeugdzorg. Zet een komma tussen de namen.');
  // Hidden from people (and from assistive technology); scripts that fill in every field fill this one too.
  const trap = h('input', { type: 'text', name: 'website', id: 'website', tabindex: -1, autocomplete: 'off' });
  const trapRow = h('div', { hidden: true }, h('label', { for: 'website' }, 'Laat dit veld leeg'), trap);

  const summary = h('div', { id: 'form-errors', tabindex: -1 });
  const fields: Record<string, Field> = { 'melder.naam': name, 'melder.email': email, 'melder.telefoon': phone, 'inwoner.naam': who, 'inwoner.geboortedatum': birth, onderwerp: topic, wat: what, organisaties: org };

  const setError = (f: Field, message: string) => {
    f.error.textContent = message;
    if (message) f.input.setAttribute('aria-invalid', 'true');
    else f.input.removeAttribute('aria-invalid');
  };

  const form = h(
    'form',
    {
      id: 'inwoner-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        for (const f of Object.values(fields)) setError(f, '');
        relationError.textContent = '';
        const problems: Array<[HTMLElement, string]> = [];
        const relation = relationInputs.find((r) => r.checked)?.value;
        if (!relation) {
          relationError.textContent = 'Kies wie u bent.';
          problems.push([relationInputs[0]!, relationError.textContent]);
        }
        const need = (f: Field, message: string) => {
          if (!f.input.value.trim()) {
            setError(f, message);
            problems.push([f.input, message]);
          }
        };
        need(name, 'Vul uw naam in.');
        if (!email.input.value.trim() && !phone.input.value.trim()) {
          setError(email, 'Vul uw e-mailadres of telefoonnummer in.');
          problems.push([email.input, 'Vul uw e-mailadres of telefoonnummer in.']);
        }
        need(who, 'Vul de naam in van degene die hulp nodig heeft.');
        need(what, 'Vertel wat er vastloopt.');
        const birthIso = birth.input.value.trim() ? toIsoDate(birth.input.value) : undefined;
        if (birth.input.value.trim() && !birthIso) {
          setError(birth, 'Deze datum klopt niet. Schrijf hem als dd-mm-jjjj.');
          problems.push([birth.input, 'Deze datum klopt niet.']);
        }
        if (problems.length > 0) {
          summary.replaceChildren(h('p', { class: 'notice', role: 'alert' }, `Er ${problems.length === 1 ? 'is 1 ding' : `zijn ${problems.length} dingen`} niet goed ingevuld. Kijk bij de rode tekst.`));
          problems[0]![0].focus();
          return;
        }
        const body = {
          relatie: relation,
          melder: { naam: name.input.value.trim(), ...(email.input.value.trim() ? { email: email.input.value.trim() } : {}), ...(phone.input.value.trim() ? { telefoon: phone.input.value.trim() } : {}) },
          inwoner: { naam: who.input.value.trim(), ...(birthIso ? { geboortedatum: birthIso } : {}) },
          onderwerp: topic.input.value,
          wat: what.input.value.trim(),
          ...(org.input.value.trim() ? { organisaties: org.input.value.trim() } : {}),
          ...(trap.value ? { website: trap.value } : {}),
        };
        try {
          const created = await api.post<{ reference: string }>(`/api/public/regions/${region}/meldingen`, body);
          main.replaceChildren(
            h('h1', {}, 'Bedankt, uw melding is ontvangen'),
            h('p', {}, 'Uw kenmerk is ', h('strong', { id: 'melding-kenmerk' }, created.reference), '. Schrijf dit kenmerk op. Noem het als u contact met ons heeft.'),
            h('p', {}, 'Een medewerker neemt contact met u op. Dat doen wij via het e-mailadres of telefoonnummer dat u heeft gegeven.'),
          );
          document.title = 'Bedankt, uw melding is ontvangen — Doorzet';
          (main.querySelector('h1') as HTMLElement).tabIndex = -1;
          (main.querySelector('h1') as HTMLElement).focus();
          announce('Uw melding is ontvangen.');
        } catch (error) {
          const message =
            error instanceof ApiError && error.status === 429
              ? 'U heeft al een paar meldingen gedaan. Probeer het over een uur opnieuw, of bel de gemeente.'
              : error instanceof ApiError && error.status === 400
                ? 'Niet alles is goed ingevuld. Kijk bij de rode tekst.'
                : 'Het versturen is niet gelukt. Probeer het later opnieuw, of bel de gemeente.';
          if (error instanceof ApiError && Array.isArray(error.problem.errors)) {
            for (const e of error.problem.errors as Array<{ path?: string; message: string }>) {
              const key = (e.path ?? '').replace(/^body\./, '');
              const target = fields[key];
              if (target) setError(target, e.message);
            }
          }
          summary.replaceChildren(h('p', { class: 'notice', role: 'alert' }, message));
          summary.focus();
        }
      },
    },
    summary,
    relationSet,
    h('fieldset', {}, h('legend', {}, 'Uw gegevens'), nameRow, emailRow, phoneRow),
    h('fieldset', {}, h('legend', {}, 'Over wie gaat het?'), whoRow, birthRow),
    h('fieldset', {}, h('legend', {}, 'Wat is er aan de hand?'), topicRow, whatRow, orgRow),
    trapRow,
    h('button', { type: 'submit', id: 'inwoner-submit' }, 'Melding versturen'),
  );

  main.replaceChildren(
    h('h1', {}, 'Loopt uw hulp vast? Meld het hier'),
    h('p', {}, `Dit formulier is van ${regionName}.`),
    h('p', {}, 'Wacht u of uw kind al lang op hulp? Sturen organisaties u van de een naar de ander? Dan kunt u dat hier melden. U heeft geen account nodig.'),
    h('p', { class: 'notice' }, h('strong', {}, 'Is er nu gevaar? '), 'Bel dan 112. Dit formulier is niet voor spoed.'),
    form,
    h(
      'section',
      { 'aria-labelledby': 'privacy-heading' },
      h('h2', { id: 'privacy-heading' }, 'Wat doen wij met uw gegevens?'),
      h('p', {}, 'Alleen de medewerkers die uw melding behandelen, kunnen uw gegevens zien. Wij schrijven op wie ze bekijkt. Als de melding klaar is, bewaren wij de gegevens zo lang als de wet zegt. Daarna halen wij ze weg. U kunt vragen welke gegevens wij hebben, of vragen om ze weg te halen.'),
    ),
  );
}
