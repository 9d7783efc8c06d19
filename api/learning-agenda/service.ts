import crypto from 'node:crypto';
import { type AgendaFacts, nextLearningMeeting, onAgenda, recurringKnelpuntRule, returnsAt } from '../../domain/learning-meeting.js';
import { amsterdamDate, isoDate } from '../../domain/workdays.js';
import type { AppContext } from '../../platform/context.js';
import { fail } from '../http/problems.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';
import type { AgendaItem, LearningAgenda, MeetingBody, OutcomeBody } from './schemas.js';

type Loaded = { item: repo.ItemRow; facts: AgendaFacts; outcomes: repo.OutcomeRow[] };

async function load(ctx: AppContext, region: string) {
  const [items, meetings, outcomes] = await Promise.all([repo.items(ctx.db, region), repo.meetings(ctx.db, region), repo.outcomes(ctx.db, region)]);
  const loaded: Loaded[] = items.map((item) => {
    const own = outcomes.filter((o) => o.itemId === item.id);
    return { item, outcomes: own, facts: { createdOn: item.createdOn, outcomes: own.map((o) => ({ meetingDate: o.meetingDate, followUp: o.followUp })) } };
  });
  return { loaded, meetings };
}

function view(l: Loaded, recurring: Set<string>, returning: boolean, outcome: repo.OutcomeRow | undefined): AgendaItem {
  return {
    id: l.item.id,
    caseReference: l.item.caseReference,
    status: l.item.status,
    knelpunten: l.item.knelpunten,
    recurringKnelpunten: l.item.knelpunten.filter((k) => recurring.has(k)),
    plannedFor: l.item.plannedFor,
    returning,
    outcome: outcome ? { measure: outcome.measure, ownerRole: outcome.ownerRole, followUp: outcome.followUp, recordedBy: outcome.recordedBy, recordedAt: outcome.recordedAt } : null,
  };
}

/**
 * The region's learning agenda (seed 000 stap 5, seed 002 "het leerproces"): every meeting with the
 * items it has to discuss, what is still open for the next one, and the knelpunten that recur.
 */
export async function learningAgenda(ctx: AppContext, region: string, now = new Date()): Promise<LearningAgenda> {
  const settings = await getRegion(ctx, region);
  const rule = recurringKnelpuntRule(settings);
  const today = isoDate(amsterdamDate(now));
  const proposedDate = isoDate(nextLearningMeeting(settings.learningMeeting, amsterdamDate(now)));
  const [{ loaded, meetings }, recurring] = await Promise.all([
    load(ctx, region),
    repo.recurringKnelpunten(ctx.db, region, { from: new Date(now.getTime() - rule.periodDays * 86_400_000), to: now }, rule.minCases),
  ]);
  const recurringSet = new Set(recurring.map((r) => r.knelpunt));
  const dates = meetings.map((m) => m.date);
  // The open items are those the next meeting will discuss: the next planned one, or the proposed date.
  const next = [...dates].filter((d) => d >= today).sort()[0] ?? proposedDate;
  const latest = (l: Loaded) => [...l.outcomes].sort((a, b) => (a.meetingDate < b.meetingDate ? 1 : -1))[0];
  return {
    meetingName: settings.learningMeeting.name,
    proposedDate,
    recurringRule: rule,
    recurring,
    open: loaded
      .filter((l) => onAgenda(l.facts, next) && !l.outcomes.some((o) => o.meetingDate === next))
      .map((l) => view(l, recurringSet, returnsAt(l.facts, next, dates), latest(l))),
    meetings: meetings.map((m) => ({
      ...m,
      items: loaded
        .filter((l) => onAgenda(l.facts, m.date))
        .map((l) => view(l, recurringSet, returnsAt(l.facts, m.date, dates), l.outcomes.find((o) => o.meetingId === m.id))),
    })),
  };
}

export async function planMeeting(ctx: AppContext, region: string, body: MeetingBody, by: string) {
  const settings = await getRegion(ctx, region);
  const unknown = body.attendeeRoles.filter((r) => !settings.roles.some((role) => role.id === r));
  if (unknown.length > 0) throw fail.validation('Onbekende rol.', unknown.map((r) => ({ path: 'body.attendeeRoles', message: `De rol ${r} bestaat niet in deze regio.` })));
  const created = await repo.insertMeeting(ctx.db, { id: crypto.randomUUID(), region, date: body.date, attendeeRoles: [...new Set(body.attendeeRoles)], createdBy: by });
  if (!created) throw fail.conflict(`Op ${body.date} staat al een ${settings.learningMeeting.name} gepland.`);
  return created;
}

export async function recordOutcome(ctx: AppContext, region: string, meetingId: string, itemId: string, body: OutcomeBody, by: string) {
  const settings = await getRegion(ctx, region);
  const meeting = await repo.findMeeting(ctx.db, region, meetingId);
  if (!meeting) throw fail.notFound('Dit overleg bestaat niet.');
  if (!settings.roles.some((r) => r.id === body.ownerRole)) throw fail.validation('Onbekende rol.', [{ path: 'body.ownerRole', message: `De rol ${body.ownerRole} bestaat niet in deze regio.` }]);
  if (body.followUp !== null && body.followUp <= meeting.date) {
    throw fail.validation('De datum voor opvolging ligt na het overleg.', [{ path: 'body.followUp', message: 'Kies een datum na de datum van het overleg.' }]);
  }
  const { loaded } = await load(ctx, region);
  const item = loaded.find((l) => l.item.id === itemId);
  if (!item) throw fail.notFound('Dit agendapunt bestaat niet.');
  if (!onAgenda(item.facts, meeting.date)) throw fail.conflict('Dit punt staat niet op de agenda van dit overleg.');
  await repo.saveOutcome(ctx.db, { itemId, meetingId, measure: body.measure, ownerRole: body.ownerRole, followUp: body.followUp, recordedBy: by });
}
