import { z } from 'zod';
import { caseStatus } from '../../domain/case.js';
import { slug } from '../../domain/region.js';

export const regionParams = z.object({ region: slug });
export const outcomeParams = z.object({ region: slug, meetingId: z.uuid(), itemId: z.string().regex(/^\d{1,18}$/) });

const isoDate = z.iso.date();

export const meetingBody = z
  .object({
    date: isoDate,
    /** Role ids of the region that sit at the table. */
    attendeeRoles: z.array(slug).min(1).max(50),
  })
  .strict();
export type MeetingBody = z.infer<typeof meetingBody>;

export const outcomeBody = z
  .object({
    /** What was agreed: the measure taken or the change to the way of working. */
    measure: z.string().trim().min(1).max(2000),
    /** The role that carries the measure out. */
    ownerRole: slug,
    /** When it is checked; from this date the item is back on the agenda. Unset: settled. */
    followUp: isoDate.nullable(),
  })
  .strict();
export type OutcomeBody = z.infer<typeof outcomeBody>;

export const outcome = z.object({
  measure: z.string(),
  ownerRole: z.string(),
  followUp: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** An agenda item as the screen shows it: the case by reference only, never who it is about. */
export const agendaItem = z.object({
  id: z.string(),
  caseReference: z.string(),
  status: caseStatus,
  knelpunten: z.array(z.string()),
  /** Knelpunten of this item that recur in the region (flag: agenderen bij de regio). */
  recurringKnelpunten: z.array(z.string()),
  /** The meeting date the case was put on when it ended (workers/add-to-learning-agenda). */
  plannedFor: z.string(),
  /** It was on an earlier meeting's agenda and came back: no outcome there, or its follow-up date came. */
  returning: z.boolean(),
  /** The outcome recorded at this meeting (in a meeting's list) or the latest one (in the open list). */
  outcome: outcome.nullable(),
});
export type AgendaItem = z.infer<typeof agendaItem>;

export const learningMeeting = z.object({
  id: z.string(),
  date: z.string(),
  attendeeRoles: z.array(z.string()),
  createdBy: z.string(),
  items: z.array(agendaItem),
});

export const learningAgenda = z.object({
  meetingName: z.string(),
  /** The next date from the region's rhythm (weekday, every N weeks), not on a public holiday. */
  proposedDate: z.string(),
  recurringRule: z.object({ minCases: z.number(), periodDays: z.number() }),
  /** Knelpunten in at least minCases cases reported in the last periodDays days. */
  recurring: z.array(z.object({ knelpunt: z.string(), cases: z.number() })),
  /** Items that still need the meeting: no outcome yet, or their follow-up date has come. */
  open: z.array(agendaItem),
  /** Meetings, the newest first, each with its agenda. */
  meetings: z.array(learningMeeting),
});
export type LearningAgenda = z.infer<typeof learningAgenda>;

export const meetingCreated = learningMeeting.omit({ items: true });
