import { KNELPUNT_LABELS, type Knelpunt } from '../../domain/knelpunten.js';
import type { CaseDetail, Decision, RegionSettings, TimelineEvent } from './api.js';
import { DOMAIN_LABELS, tierName } from './labels.js';
import { formatDateTime, h } from './ui.js';

/** "nog 2 dagen", "3 uur te laat": how much room a deadline leaves, in words. */
export function timeLeft(dueIso: string | null, now = Date.now()): string {
  if (!dueIso) return 'geen termijn';
  const ms = new Date(dueIso).getTime() - now;
  const hours = Math.abs(ms) / 3_600_000;
  const amount = hours >= 48 ? `${Math.round(hours / 24)} dagen` : hours >= 1 ? `${Math.round(hours)} uur` : `${Math.max(1, Math.round(hours * 60))} minuten`;
  return ms >= 0 ? `nog ${amount}` : `${amount} te laat`;
}

function list(items: string[], empty: string, id: string): HTMLElement {
  return items.length === 0 ? h('p', { id }, empty) : h('ul', { id }, ...items.map((item) => h('li', {}, item)));
}

/** The explanation a person gave with a step: the free-text fields of the task forms. */
function explanationOf(event: TimelineEvent): string | undefined {
  const d = event.details;
  const text = d['toelichting'] ?? d['rationale'] ?? d['explanation'];
  return typeof text === 'string' && text.trim() ? text : undefined;
}

/**
 * Everything a case worker needs to decide without opening another screen: why the case is stuck,
 * who is involved, what was said and decided before, and how the case climbed the ladder.
 */
export function caseContext(detail: CaseDetail, timeline: TimelineEvent[], decisions: Decision[], settings: RegionSettings | undefined): HTMLElement {
  const organisations = (detail['organisations'] as string[] | undefined) ?? [];
  const knelpunten = ((detail['knelpunten'] as string[] | undefined) ?? []).map((k) => KNELPUNT_LABELS[k as Knelpunt] ?? k);
  const domains = ((detail['domains'] as string[] | undefined) ?? []).map((d) => DOMAIN_LABELS[d] ?? d);
  const explanations = timeline.flatMap((event) => {
    const text = explanationOf(event);
    return text ? [h('li', {}, h('time', { datetime: event.at }, formatDateTime(event.at)), ` ${event.summary} — ${event.actor}: `, h('q', {}, text))] : [];
  });
  const tiers = timeline.filter((e) => e.kind === 'melding' || e.kind === 'tier-change' || e.kind === 'automatic-escalation');
  return h(
    'section',
    { 'aria-labelledby': 'context-heading', id: 'case-context', class: 'card' },
    h('h2', { id: 'context-heading' }, `Over casus ${detail.reference}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Waarom vastgelopen'),
      h('dd', { id: 'context-reason' }, String(detail['stuckReason'] ?? '—')),
      h('dt', {}, 'Leefgebieden'),
      h('dd', { id: 'context-domains' }, domains.join(', ') || '—'),
      h('dt', {}, 'Huidige trede'),
      h('dd', {}, tierName(settings, detail.currentTier)),
      h('dt', {}, 'Veiligheid'),
      h('dd', {}, detail['safety'] ? 'Ja, er speelt een veiligheidsrisico' : 'Nee'),
    ),
    h('h3', {}, 'Betrokken organisaties'),
    list(organisations, 'Geen organisaties genoemd.', 'context-organisations'),
    h('h3', {}, 'Knelpunten'),
    list(knelpunten, 'Nog geen knelpunten vastgelegd.', 'context-knelpunten'),
    h('h3', {}, 'Eerdere toelichtingen'),
    explanations.length ? h('ol', { id: 'context-explanations' }, ...explanations) : h('p', { id: 'context-explanations' }, 'Nog geen toelichtingen.'),
    h('h3', {}, 'Besluiten'),
    decisions.length
      ? h(
          'ol',
          { id: 'context-decisions' },
          ...decisions.map((d) =>
            h('li', {}, h('time', { datetime: d.decidedAt }, formatDateTime(d.decidedAt)), ` ${d.decidedBy} (${d.decidedRole}): `, d.responsibleParty ? h('strong', {}, d.responsibleParty) : null, d.rationale ? ` — ${d.rationale}` : ''),
          ),
        )
      : h('p', { id: 'context-decisions' }, 'Nog geen besluiten.'),
    h('h3', {}, 'Verloop over de treden'),
    h(
      'ol',
      { id: 'context-tiers' },
      ...tiers.map((e) => h('li', {}, h('time', { datetime: e.at }, formatDateTime(e.at)), ` ${tierName(settings, e.tier)} — ${e.summary}`)),
    ),
  );
}
