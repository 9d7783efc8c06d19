import { ApiError, api } from '../api.js';
import { announce, h } from '../ui.js';

/**
 * The short question to the resident or family after their case was closed (seed 001 §7.3):
 * one mark and, if they want, a few words. No account, no name. Plain Dutch (B1) like the
 * resident's own melding (inwoner.ts): short sentences, "u", every field labelled.
 */
const MARKS: Array<[number, string]> = [
  [1, 'Heel slecht'],
  [2, 'Slecht'],
  [3, 'Niet goed en niet slecht'],
  [4, 'Goed'],
  [5, 'Heel goed'],
];
const COMMENT_MAX = 500;

function done(main: HTMLElement, title: string, ...lines: string[]): void {
  main.replaceChildren(h('h1', { tabindex: -1 }, title), ...lines.map((line) => h('p', {}, line)));
  document.title = `${title} — Doorzet`;
  (main.querySelector('h1') as HTMLElement).focus();
  announce(title);
}

const GONE = ['De link is al gebruikt, of hij is te oud.', 'Heeft u een vraag? Neem dan contact op met uw contactpersoon bij de gemeente.'];

export async function renderErvaring(main: HTMLElement, token: string): Promise<void> {
  let regionName: string;
  try {
    regionName = (await api.post<{ regionName: string }>('/api/public/client-feedback/lookup', { token })).regionName;
  } catch {
    main.replaceChildren(h('h1', {}, 'Deze link werkt niet meer'), ...GONE.map((line) => h('p', {}, line)));
    return;
  }

  const markError = h('p', { id: 'cijfer-error', class: 'field-error' });
  const marks = MARKS.map(([value]) =>
    h('input', { type: 'radio', name: 'cijfer', id: `cijfer-${value}`, value, 'aria-describedby': 'cijfer-error', onchange: () => (markError.textContent = '') }),
  );
  const comment = h('textarea', { id: 'opmerking', rows: 4, maxlength: COMMENT_MAX, 'aria-describedby': 'opmerking-hint opmerking-error' });
  const commentError = h('p', { id: 'opmerking-error', class: 'field-error' });
  const summary = h('div', { id: 'form-errors', tabindex: -1 });

  const form = h(
    'form',
    {
      id: 'ervaring-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        markError.textContent = '';
        commentError.textContent = '';
        summary.replaceChildren();
        const chosen = marks.find((m) => m.checked);
        if (!chosen) {
          markError.textContent = 'Kies een cijfer.';
          marks[0]!.focus();
          return;
        }
        const opmerking = comment.value.trim();
        try {
          await api.post('/api/public/client-feedback', { token, cijfer: Number(chosen.value), ...(opmerking ? { opmerking } : {}) });
          done(main, 'Bedankt voor uw antwoord', 'Wij gebruiken uw antwoord om het werk beter te maken.', 'U hoeft verder niets te doen.');
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 409)) {
            done(main, 'Deze link werkt niet meer', ...GONE);
            return;
          }
          summary.replaceChildren(h('p', { class: 'notice', role: 'alert' }, 'Het versturen is niet gelukt. Probeer het later opnieuw.'));
          summary.focus();
        }
      },
    },
    summary,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Welk cijfer geeft u?'),
      ...MARKS.map(([value, label], i) => h('div', { class: 'choice' }, marks[i]!, ' ', h('label', { for: `cijfer-${value}` }, `${value} – ${label}`))),
      markError,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'opmerking' }, 'Wilt u nog iets zeggen? (Dit mag leeg blijven.)'),
      h('p', { class: 'hint', id: 'opmerking-hint' }, `Schrijf geen namen, adressen of telefoonnummers. Niet meer dan ${COMMENT_MAX} tekens.`),
      comment,
      commentError,
    ),
    h('button', { type: 'submit', id: 'ervaring-submit' }, 'Antwoord versturen'),
  );

  main.replaceChildren(
    h('h1', {}, 'Hoe vond u de hulp?'),
    h('p', {}, `Uw hulp liep vast. Daarom heeft ${regionName} geholpen om het op te lossen. Wij willen graag weten hoe u dat vond. Daar leren wij van.`),
    h('p', {}, 'Het duurt 1 minuut. U hoeft uw naam niet te geven. Wij bewaren uw antwoord zonder uw naam.'),
    form,
  );
}
