import { z } from 'zod';
import { caseStatus } from '../../domain/case.js';
import { knelpuntList } from '../../domain/knelpunten.js';
import { urgentie } from '../../domain/process.js';
import { slug } from '../../domain/region.js';

export const DOMAINS = ['jeugd', 'wmo', 'werk-en-inkomen', 'wonen', 'schulden', 'onderwijs', 'ggz', 'veiligheid', 'zorg'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const personInput = z
  .object({
    name: text(200),
    bsn: z.string().regex(/^\d{9}$/, 'BSN: 9 cijfers').optional(),
    birthDate: z.iso.date().optional(),
    address: text(300).optional(),
    details: z.string().trim().max(4000).optional(),
  })
  .strict();

export const createCaseBody = z
  .object({
    domains: z.array(z.enum(DOMAINS)).min(1).max(DOMAINS.length),
    stuckReason: text(2000),
    knelpunten: knelpuntList.optional(),
    organisations: z.array(text(200)).max(30),
    safety: z.boolean(),
    entry: z.enum(['regulier', 'direct']),
    /** The case's own municipality, one of the region's `gemeenten`; required where the region lists them. */
    gemeente: slug.optional(),
    /** `crisis`: the case runs on the region's crisis spans (crisisEscalateAfter) where set. */
    urgentie: urgentie.default('regulier'),
    person: personInput,
  })
  .strict();
export type CreateCase = z.infer<typeof createCaseBody>;

const yes = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CASE_SORTS = ['reported', 'reference', 'tier', 'status'] as const;

/** The case list's search: every filter is a query parameter, so a view can be saved as a link. */
export const caseListQuery = z.object({
  /** Part of the reference (DZ-2026-000042), any case. */
  q: z.string().trim().max(40).optional(),
  status: caseStatus.optional(),
  tier: z.coerce.number().int().min(0).max(20).optional(),
  /** Only cases with an open task past its due date. */
  overdue: yes.optional(),
  /** Only cases with an open task for one of the caller's roles in the region. */
  waitingForMe: yes.optional(),
  /** Only cases with an open task at this element of the model (the dashboard's drill-down). */
  element: z.string().regex(/^[A-Za-z_][\w.-]*$/, 'stap: een element-id uit het model').max(200).optional(),
  /** Only cases with a safety concern (the urgent ones). */
  safety: yes.optional(),
  urgentie: urgentie.optional(),
  sort: z.enum(CASE_SORTS).default('reported'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;
export const caseIdParams = z.object({ id: z.uuid() });
export const regionParams = z.object({ region: slug });

export const caseCreated = z.object({ id: z.string(), reference: z.string() });

/**
 * Which choices the melding form offers in a region: only those its live model acts on. A safety
 * checkbox in a region without a safety route, or "direct to the top" where the model has no such
 * entry, would promise what nothing carries out (seed 000 has the OOV route; the others do not).
 */
export const meldingOptions = z.object({
  /** The live model reads `safety` (openbare orde en veiligheid). */
  safety: z.boolean(),
  /** The live model reads `entry` (grave concern straight to the top). */
  direct: z.boolean(),
  /** Some deadline of the region has a crisis span. */
  crisis: z.boolean(),
});

export const caseSummary = z.object({
  id: z.string(),
  reference: z.string(),
  region: z.string(),
  status: caseStatus,
  currentTier: z.number(),
  domains: z.array(z.string()),
  safety: z.boolean(),
  urgentie,
  reportedAt: z.string(),
  pickedUpAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  helpStartedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  responsibleParty: z.string().nullable(),
});
export const caseListItem = caseSummary.extend({
  /** Roles of the region that have an open task in this case. */
  waitingFor: z.array(z.string()),
  /** The earliest due date of its open tasks. */
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
});
/** One page; the total number of matching cases is in the `X-Total-Count` header. */
export const caseList = z.array(caseListItem);

export const caseDetail = caseSummary.extend({
  stuckReason: z.string(),
  organisations: z.array(z.string()),
  knelpunten: z.array(z.string()),
  reportedBy: z.string(),
  processInstanceKey: z.string().nullable(),
  processDefinitionKey: z.string().nullable(),
  processVersion: z.number().nullable(),
  /** Element ids where the case's process currently waits. */
  position: z.array(z.string()),
});

export const personOutput = z.object({
  name: z.string(),
  bsn: z.string().nullable(),
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  details: z.string().nullable(),
});

export const timelineEvent = z.object({
  at: z.string(),
  kind: z.string(),
  tier: z.number().nullable(),
  actor: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const timeline = z.array(timelineEvent);

/**
 * The way a case went through its diagram: the engine's element instances, oldest first, as
 * element ids and states only (no names, times or variables), for the case page's highlighting.
 * TERMINATED: interrupted (a task ended by a timer or by "casus opgelost").
 */
export const casePath = z.object({
  elements: z.array(z.object({ elementId: z.string(), state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']) })),
});

export const solvedBody = z.object({ toelichting: text(2000) }).strict();
export const accepted = z.object({ status: z.literal('accepted') });

export const decision = z.object({
  id: z.string(),
  form: z.string(),
  responsibleParty: z.string().nullable(),
  rationale: z.string(),
  decidedBy: z.string(),
  decidedRole: z.string(),
  decidedAt: z.string(),
});
export const decisionList = z.array(decision);

export const commentBody = z.object({ tekst: text(4000) }).strict();
export const comment = z.object({ id: z.string(), author: z.string(), role: z.string(), body: z.string(), at: z.string() });
export const commentList = z.array(comment);
