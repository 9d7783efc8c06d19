import { ApiError, api } from './api.js';
import { announce, formatDateTime, h, showError } from './ui.js';

/** Parts of the case page about privacy: consent and family involvement, and break-the-glass. */

type ConsentRecord = { tier: number; consent: string; familyInvolved: boolean; toelichting: string | null; recordedBy: string; recordedRole: string; recordedAt: string };
type ConsentOverview = { records: ConsentRecord[]; consentFromTier: number | null; currentTier: number; missing: boolean };

const CONSENT_LABELS: Record<string, string> = {
  gegeven: 'Toestemming gegeven',
  geweigerd: 'Toestemming geweigerd',
  'niet-gevraagd': 'Niet gevraagd',
  'niet-nodig': 'Niet nodig',
};

/** Consent and family involvement per tier, with who recorded it and when; a form for the case's roles. */
export async function consentSection(caseId: string, tierName: (tier: number) => string): Promise<HTMLElement> {
  const section = h('section', { 'aria-labelledby': 'consent-heading', id: 'consent' }, h('h2', { id: 'consent-heading' }, 'Toestemming en betrokkenheid gezin'));
  const body = h('div', {});
  section.append(body);
  const draw = (overview: ConsentOverview) => {
    const warning =
      overview.missing && overview.consentFromTier !== null
        ? h('p', { class: 'notice', id: 'consent-missing' }, `Vanaf ${tierName(overview.consentFromTier)} is toestemming van de inwoner of de ouders nodig om gegevens te delen. Die is voor deze trede nog niet vastgelegd.`)
        : null;
    const list =
      overview.records.length === 0
        ? h('p', {}, 'Nog niets vastgelegd.')
        : h(
            'ul',
            { id: 'consent-records' },
            ...overview.records.map((r) =>
              h(
                'li',
                {},
                `${tierName(r.tier)}: ${CONSENT_LABELS[r.consent] ?? r.consent}; gezin ${r.familyInvolved ? 'betrokken' : 'niet betrokken'}`,
                r.toelichting ? ` — ${r.toelichting}` : '',
                h('span', { class: 'actor' }, ` · ${r.recordedBy} (${r.recordedRole}), `, h('time', { datetime: r.recordedAt }, formatDateTime(r.recordedAt))),
              ),
            ),
          );
    const consent = h(
      'select',
      { id: 'consent-value', name: 'consent' },
      ...Object.entries(CONSENT_LABELS).map(([value, label]) => h('option', { value }, label)),
    );
    const family = h('input', { type: 'checkbox', id: 'consent-family', name: 'familyInvolved', checked: true });
    const note = h('textarea', { id: 'consent-note', name: 'toelichting', rows: 2, maxlength: 1000, 'aria-describedby': 'consent-hint' });
    const form = h(
      'form',
      {
        id: 'consent-form',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            const toelichting = note.value.trim();
            const next = await api.post<ConsentOverview>(`/api/cases/${caseId}/consent`, {
              consent: consent.value,
              familyInvolved: family.checked,
              ...(toelichting ? { toelichting } : {}),
            });
            draw(next);
            announce('Toestemming en betrokkenheid vastgelegd.');
          } catch (error) {
            if (error instanceof ApiError && error.status === 403) {
              form.replaceChildren(h('p', { class: 'notice' }, 'Alleen wie een taak of besluit in deze casus heeft, legt dit vast.'));
            } else showError(error);
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'consent-value' }, 'Toestemming op deze trede'), consent),
      h('div', { class: 'field' }, family, ' ', h('label', { for: 'consent-family' }, 'Het gezin is betrokken')),
      h('div', { class: 'field' }, h('label', { for: 'consent-note' }, 'Toelichting (geen namen)'), h('p', { class: 'hint', id: 'consent-hint' }, 'Bijvoorbeeld waarom toestemming niet is gevraagd.'), note),
      h('button', { type: 'submit', id: 'consent-submit', class: 'secondary' }, 'Vastleggen'),
    );
    body.replaceChildren(...([warning, list, form] as Array<HTMLElement | null>).filter((x): x is HTMLElement => x !== null));
  };
  try {
    draw(await api.get<ConsentOverview>(`/api/cases/${caseId}/consent`));
  } catch (error) {
    body.replaceChildren(h('p', { class: 'notice' }, error instanceof Error ? error.message : 'Kon niet worden opgehaald.'));
  }
  return section;
}

/** Break the glass: asks for a reason, then calls `onGranted` so the page can show the data. */
export function breakGlassForm(caseId: string, onGranted: () => void): HTMLElement {
  const reason = h('textarea', { id: 'break-glass-reason', name: 'reden', rows: 2, required: true, minlength: 10, maxlength: 1000, 'aria-describedby': 'break-glass-hint break-glass-error' });
  const error = h('p', { id: 'break-glass-error', class: 'field-error' });
  return h(
    'form',
    {
      id: 'break-glass-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = '';
        if (reason.value.trim().length < 10) {
          error.textContent = 'Geef een reden van minstens 10 tekens.';
          reason.setAttribute('aria-invalid', 'true');
          reason.focus();
          return;
        }
        try {
          await api.post(`/api/cases/${caseId}/break-glass`, { reden: reason.value.trim() });
          announce('Noodtoegang vastgelegd.');
          onGranted();
        } catch (failure) {
          error.textContent = failure instanceof Error ? failure.message : 'Noodtoegang is niet gelukt.';
        }
      },
    },
    h('p', { class: 'hint', id: 'break-glass-hint' }, 'Noodtoegang: alleen als u de gegevens nu echt nodig heeft. Uw naam en reden worden vastgelegd en zijn zichtbaar voor de rollen in deze casus.'),
    h('div', { class: 'field' }, h('label', { for: 'break-glass-reason' }, 'Reden (verplicht)'), reason, error),
    h('button', { type: 'submit', id: 'break-glass-submit', class: 'secondary' }, 'Noodtoegang vragen'),
  );
}

type Grant = { userName: string; role: string; reason: string; grantedAt: string; expiresAt: string };

/**
 * Who broke the glass on this case, and why: for the case's own roles (the accounthouder among
 * them). Others get 403 from the API and see nothing here.
 */
export async function accessGrantsSection(caseId: string): Promise<HTMLElement | null> {
  let grants: Grant[];
  try {
    grants = await api.get<Grant[]>(`/api/cases/${caseId}/access-grants`);
  } catch {
    return null;
  }
  return h(
    'section',
    { 'aria-labelledby': 'grants-heading', id: 'access-grants' },
    h('h2', { id: 'grants-heading' }, 'Noodtoegang tot de gegevens'),
    grants.length === 0
      ? h('p', {}, 'Niemand buiten de casus heeft de gegevens met noodtoegang ingezien.')
      : h(
          'ul',
          { id: 'access-grant-list' },
          ...grants.map((g) =>
            h('li', {}, `${g.userName} (${g.role}), `, h('time', { datetime: g.grantedAt }, formatDateTime(g.grantedAt)), ` — reden: ${g.reason}`),
          ),
        ),
  );
}
