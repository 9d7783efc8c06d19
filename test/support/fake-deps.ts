import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../platform/config.js';
import type { OutgoingMail } from '../../platform/mail/outbox.js';
import type { FeedbackForm } from '../../domain/feedback.js';
import type { RegionSettings } from '../../domain/region.js';
import type { CaseFacts, Meeting, NewMeeting, ReportBack, TimelineEvent, WorkerDeps } from '../../workers/deps.js';
import type { JobInfo } from '../../workers/job.js';

/**
 * In-memory repositories with the same idempotency rules as PostgreSQL (unique
 * keys, insert-or-ignore), so handler unit tests see redelivery behave as in production.
 */
export function fakeDeps(options: { regions?: RegionSettings[]; cases?: CaseFacts[]; now?: Date; feedbackForms?: Array<FeedbackForm & { caseId: string }> } = {}) {
  const regions = new Map((options.regions ?? []).map((r) => [r.id, structuredClone(r)]));
  const cases = new Map((options.cases ?? []).map((c) => [c.id, structuredClone(c)]));
  const outbox = new Map<string, OutgoingMail>();
  const events = new Map<string, TimelineEvent>();
  const meetings = new Map<string, Meeting & NewMeeting>();
  const feedbackForms = structuredClone(options.feedbackForms ?? []);
  const reports = new Map<string, ReportBack>();
  const agenda = new Map<string, { caseId: string; meetingName: string; meetingDate: string; jobKey: string }>();
  const cursors = new Map<string, Date>();
  const released: string[] = [];
  let failNextEnqueue: Error | undefined;
  let clock = options.now ?? new Date('2026-11-20T09:00:00.000Z');

  // When each event was recorded, by the fake clock: what PostgreSQL's case_event.at holds.
  const eventTimes = new Map<string, number>();
  const addEvent = (event: TimelineEvent) => {
    if (events.has(event.idempotencyKey)) return false;
    events.set(event.idempotencyKey, event);
    eventTimes.set(event.idempotencyKey, deps.now().getTime());
    return true;
  };

  const deps: WorkerDeps = {
    config: loadConfig({ PUBLIC_BASE_URL: 'https://doorzet.example.org' }),
    now: () => clock,
    regions: { get: async (id) => regions.get(id) },
    parked: {
      async release(processInstanceKey) {
        released.push(processInstanceKey);
        return 1;
      },
    },
    cursors: {
      get: async (name) => cursors.get(name),
      async set(name, position) {
        if (position > (cursors.get(name) ?? new Date(0))) cursors.set(name, position);
      },
    },
    cases: {
      get: async (id) => cases.get(id),
      async changeTier(caseId, tier, event) {
        if (addEvent(event)) (cases.get(caseId) as CaseFacts).currentTier = tier;
      },
      async closeEscalation(caseId, event) {
        addEvent(event);
        const c = cases.get(caseId) as CaseFacts;
        if (c.status === 'open') c.status = c.responsibleParty ? 'decided' : 'solved';
        return c.status;
      },
      async refer(caseId, event) {
        addEvent(event);
        const c = cases.get(caseId) as CaseFacts;
        if (c.status === 'open') c.status = 'referred';
      },
      async addEvent(event) {
        addEvent(event);
      },
      escalatedAutomaticallySince: async (caseId, since) =>
        [...events.values()].some((e) => e.caseId === caseId && e.kind === 'automatic-escalation' && (eventTimes.get(e.idempotencyKey) ?? 0) >= since.getTime()),
    },
    outbox: {
      async enqueue(mail) {
        if (failNextEnqueue) {
          const error = failNextEnqueue;
          failNextEnqueue = undefined;
          throw error;
        }
        if (outbox.has(mail.idempotencyKey)) return false;
        outbox.set(mail.idempotencyKey, mail);
        return true;
      },
    },
    meetings: {
      async createOnce(m): Promise<Meeting> {
        const existing = [...meetings.values()].find((x) => x.jobKey === m.jobKey);
        if (existing) return existing;
        const created = { ...m, id: randomUUID(), convenedAt: deps.now() };
        meetings.set(created.id, created);
        return created;
      },
      latestFor: async (caseId) => [...meetings.values()].filter((m) => m.caseId === caseId).at(-1),
    },
    reports: {
      async recordOnce(r) {
        if (!reports.has(r.jobKey)) reports.set(r.jobKey, r);
      },
      latestFormFor: async (caseId) => {
        const found = feedbackForms.filter((f) => f.caseId === caseId).at(-1);
        if (!found) return undefined;
        const { caseId: _case, ...form } = found;
        return form;
      },
    },
    agenda: {
      async addOnce(item) {
        if (!agenda.has(item.caseId)) agenda.set(item.caseId, item);
        return (agenda.get(item.caseId) as { meetingDate: string }).meetingDate;
      },
    },
  };
  return {
    deps,
    outbox: () => [...outbox.values()],
    events: () => [...events.values()],
    meetings: () => [...meetings.values()],
    reports: () => [...reports.values()],
    agenda: () => [...agenda.values()],
    /** Process instances whose parked steps were handed back. */
    released: () => [...released],
    caseRow: (id: string) => cases.get(id),
    region: (id: string) => regions.get(id) as RegionSettings,
    /** Moves the fake clock on: what happens later is recorded later. */
    setNow: (date: Date) => void (clock = date),
    /** Makes the next outbox insert fail, as a database outage would. */
    failNextEnqueue: (error: Error) => void (failNextEnqueue = error),
  };
}

let jobCounter = 0;
export function fakeJob(type: string, key = `22517998136${String(++jobCounter).padStart(6, '0')}`): JobInfo {
  return { key, type, processInstanceKey: '2251799813600001', bpmnProcessId: 'doorzet-test', elementId: type, retries: 3, headers: {} };
}

/** A fictional region with every role the handlers use; all contacts at example.org. */
export function testRegion(overrides: Partial<RegionSettings> = {}): RegionSettings {
  const person = (name: string, email: string) => ({ name, email });
  return {
    id: 'testregio',
    name: 'Testregio',
    bpmnProcessId: 'doorzet-testregio',
    tiers: [
      { number: 1, name: 'Regionaal' },
      { number: 2, name: 'Bovenregionaal' },
      { number: 3, name: 'Bestuurlijk' },
    ],
    roles: [
      { id: 'beleidsmedewerker', name: 'Beleidsmedewerker', tier: 0, contacts: [person('Bea Beleid', 'beleid@example.org')] },
      { id: 'manager', name: 'Manager', tier: 0, contacts: [] },
      { id: 'accounthouder', name: 'Accounthouder', tier: 1, contacts: [person('Anna Account', 'accounthouder@example.org'), person('Ali Account', 'accounthouder2@example.org')] },
      { id: 'consulent', name: 'Consulent', tier: 1, contacts: [person('Cor Consulent', 'consulent@example.org')] },
      { id: 'portefeuillehouder', name: 'Portefeuillehouder', tier: 3, contacts: [person('Pim Portefeuille', 'wethouder@example.org')] },
      { id: 'burgemeester', name: 'Burgemeester', tier: 3, contacts: [person('Bram Burger', 'burgemeester@example.org')] },
      {
        id: 'portefeuillehouder-onbegrepen-gedrag',
        name: 'Portefeuillehouder Onbegrepen gedrag',
        tier: 0,
        contacts: [person('Olga Onbegrepen', 'onbegrepen-gedrag@example.org')],
      },
      { id: 'leeg', name: 'Rol zonder contact', tier: 2, contacts: [] },
    ],
    partners: [
      { id: 'ggz-oost', name: 'GGZ Oost', mandate: true, contact: person('Gea GGZ', 'bestuur@ggz-oost.example.org') },
      { id: 'woonstichting', name: 'Woonstichting', mandate: true, contact: person('Wim Wonen', 'directie@wonen.example.org') },
      { id: 'buurtteam', name: 'Buurtteam', mandate: false, contact: person('Bo Buurt', 'buurtteam@example.org') },
    ],
    coordinator: { organisation: 'Zorg- en Veiligheidshuis Test', contact: person('Zara Zorg', 'coordinatie@zvh.example.org') },
    deadlines: {
      accounthouder: { label: 'Accounthouder lost op', escalateAfter: { werkdagen: 10 } },
      'snelle-test': { label: 'Test', escalateAfter: { duration: 'PT4S' }, remindAfter: { duration: 'PT1S' } },
    },
    escalationMeeting: { withinWerkdagen: 5, durationMinutes: 90, location: 'Stadhuis Testregio, zaal 2' },
    learningMeeting: { name: 'Driehoeksoverleg', weekday: 2, everyWeeks: 2, contact: person('Dirk Driehoek', 'driehoek@example.org') },
    ...overrides,
  };
}

export function testCase(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    id: randomUUID(),
    reference: 'DZ-2026-000042',
    regionId: 'testregio',
    status: 'open',
    currentTier: 1,
    safety: false,
    responsibleParty: null,
    knelpunten: [],
    organisations: [],
    ...overrides,
  };
}
