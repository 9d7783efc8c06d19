import type { Config } from '../platform/config.js';
import type { OutgoingMail } from '../platform/mail/outbox.js';
import type { CaseStatus } from '../domain/case.js';
import type { FeedbackForm, FeedbackReport } from '../domain/feedback.js';
import type { RegionSettings } from '../domain/region.js';

/** The facts of a case a worker may use: identifiers and process facts, never the resident's personal data. */
export type CaseFacts = {
  id: string;
  reference: string;
  regionId: string;
  status: CaseStatus;
  currentTier: number;
  safety: boolean;
  responsibleParty: string | null;
  knelpunten: string[];
  organisations: string[];
};

export type TimelineEvent = {
  caseId: string;
  /** The job key: a redelivered job records its event once. */
  idempotencyKey: string;
  kind: string;
  tier: number | null;
  summary: string;
  details: Record<string, unknown>;
};

export type Meeting = { id: string; proposedStart: Date; durationMinutes: number; location: string; convenedAt: Date };

export type NewMeeting = Omit<Meeting, 'id' | 'convenedAt'> & {
  caseId: string;
  coordinatorOrganisation: string;
  coordinatorEmail: string;
  invited: string[];
  jobKey: string;
};

export type ReportBack = FeedbackReport & { jobKey: string };

/** Repositories and services the handlers work with; the only way they reach PostgreSQL. */
export type WorkerStore = {
  regions: { get(regionId: string): Promise<RegionSettings | undefined> };
  cases: {
    get(caseId: string): Promise<CaseFacts | undefined>;
    /** Sets the current tier and appends the event, in one transaction. */
    changeTier(caseId: string, tier: number, event: TimelineEvent): Promise<void>;
    /** Ends the escalation (solved, or decided when a responsible party is known) and appends the event. */
    closeEscalation(caseId: string, event: TimelineEvent): Promise<CaseFacts['status']>;
    /** Ends the escalation here because another route takes the case over: status `referred`. */
    refer(caseId: string, event: TimelineEvent): Promise<void>;
    addEvent(event: TimelineEvent): Promise<void>;
    /** Whether a deadline escalated the case on its own after `since`. */
    escalatedAutomaticallySince(caseId: string, since: Date): Promise<boolean>;
  };
  /** Queues an e-mail; true when new, false when this key was queued before. */
  outbox: { enqueue(mail: OutgoingMail): Promise<boolean> };
  meetings: {
    /** Creates the meeting, or returns the one this job created before. */
    createOnce(meeting: NewMeeting): Promise<Meeting>;
    latestFor(caseId: string): Promise<Meeting | undefined>;
  };
  reports: {
    recordOnce(report: ReportBack): Promise<void>;
    /** The fixed format the responsible municipality filled in last, if it did. */
    latestFormFor(caseId: string): Promise<FeedbackForm | undefined>;
  };
  /** Puts a case on a learning meeting's agenda once; returns the date it is (already) on. */
  /** How far a follower of the engine's history has read (the tier tracker). */
  cursors: { get(name: string): Promise<Date | undefined>; set(name: string, position: Date): Promise<void> };
  agenda: { addOnce(item: { caseId: string; meetingName: string; meetingDate: string; jobKey: string }): Promise<string> };
};

/** Everything a handler may reach; built once per worker process in service.ts. */
export type WorkerDeps = WorkerStore & {
  /** The parked steps of an instance (docs/ladder-conventions.md §3): clears the flag and hands them back. */
  parked: { release(processInstanceKey: string): Promise<number> };
  config: Config;
  now(): Date;
};
