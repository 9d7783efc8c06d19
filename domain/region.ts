import { z } from 'zod';

/**
 * A region's settings: who holds which role, which partners have a mandate, the
 * deadlines and the meetings. Stored in PostgreSQL (table `region`), editable by the
 * region's policy staff; the models only name roles and deadline keys, so a change
 * here takes effect without redeploying a diagram.
 */

export const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'kleine letters, cijfers en streepjes');

/** ISO 8601 duration as the engine accepts it, e.g. P5D, PT48H, PT2S. */
export const isoDuration = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'ISO 8601-duur, bv. P5D of PT2S');

export const contact = z.object({
  name: z.string().trim().min(1, 'Vul de naam van de contactpersoon in.'),
  email: z.string().trim().email('Vul een geldig e-mailadres in, bv. naam@example.org.'),
  phone: z.string().optional(),
});
export type Contact = z.infer<typeof contact>;

/** Calendar time (`duration`) or working days (`werkdagen`: no weekends, no Dutch public holidays). */
export const deadlineSpan = z.union([
  z.object({ duration: isoDuration }).strict(),
  z.object({ werkdagen: z.number().int().positive().max(260) }).strict(),
]);
export type DeadlineSpan = z.infer<typeof deadlineSpan>;

export const deadlineSetting = z.object({
  /** Dutch label shown to people, e.g. "Accounthouder lost op". */
  label: z.string().min(1),
  /** Interrupting timer: escalate a tier when this passes. */
  escalateAfter: deadlineSpan,
  /** Non-interrupting timer: remind the task's role; defaults to half of escalateAfter. */
  remindAfter: deadlineSpan.optional(),
  /** A crisis melding (urgentie `crisis`) escalates after this span instead; unset: the regular one. */
  crisisEscalateAfter: deadlineSpan.optional(),
  /** Seed passage this default comes from (README table). */
  source: z.string().optional(),
});
export type DeadlineSetting = z.infer<typeof deadlineSetting>;

export const role = z.object({
  id: slug,
  name: z.string().trim().min(1, 'Een rol heeft een naam nodig.'),
  /** Tier (trede/fase) this role acts at; 0 for roles outside the ladder (beleidsmedewerker, manager). */
  tier: z.number('De trede is een getal.').int('De trede is een heel getal.').min(0, 'De trede is 0 (buiten de ladder) of hoger.'),
  contacts: z.array(contact),
});

export const partner = z.object({
  id: slug,
  name: z.string().trim().min(1, 'Een partner heeft een naam nodig.'),
  /** Partners with mandate are invited to the bestuurlijk escalatie overleg. */
  mandate: z.boolean(),
  contact,
});

export const regionSettings = z.object({
  id: slug,
  name: z.string().min(1),
  /** The BPMN process id of the region's model (bpmn/<region>/model.bpmn). */
  bpmnProcessId: z.string().regex(/^[a-z][a-z0-9-]*$/),
  tiers: z.array(z.object({ number: z.number().int().positive(), name: z.string().min(1), source: z.string().optional() })).min(1),
  roles: z.array(role).min(1),
  partners: z.array(partner),
  /**
   * The municipalities the region's cases belong to (Twente: the 14 Twentse gemeenten). Where set, a
   * melding names the case's own; that gemeente is the verantwoordelijke gemeente of seed 003 (advies 2):
   * it is invited to the bestuurlijk escalatie overleg and asked for the terugkoppeling.
   */
  gemeenten: z.array(z.object({ id: slug, name: z.string().trim().min(1, 'Een gemeente heeft een naam nodig.'), contact })).optional(),
  /** Who coordinates the bestuurlijk escalatie overleg (Twente: the Zorg- en Veiligheidshuis). */
  coordinator: z.object({ organisation: z.string().min(1), contact }).optional(),
  deadlines: z.record(slug, deadlineSetting),
  escalationMeeting: z
    .object({
      /** What the region calls the meeting in the invitation (Almere: the brandpuntoverleg); unset: bestuurlijk escalatie overleg. */
      name: z.string().trim().min(1).optional(),
      /** The latest day for the meeting, in working days ahead; it is proposed ad hoc on the next working day. */
      withinWerkdagen: z.number().int().positive(),
      durationMinutes: z.number().int().positive(),
      location: z.string().min(1),
    })
    .optional(),
  /**
   * Days a closed case of this region is kept before the retention job removes it from Doorzet
   * and the engine. Unset: RETENTION_DAYS (20 years, Jeugdwet art. 7.3.8; docs/privacy.md).
   */
  retentionDays: z.number().int().min(0).max(36525).optional(),
  /**
   * From this tier on, sharing the resident's data needs their (or the parents') consent, recorded
   * on the case (seed 002: AVE niveau 3, procesregie at the Veiligheidshuis). Unset: no tier needs it.
   */
  consentFromTier: z.number().int().positive().optional(),
  learningMeeting: z.object({
    name: z.string().min(1),
    /** ISO weekday (1 = Monday) and how often it meets. */
    weekday: z.number().int().min(1).max(7),
    everyWeeks: z.number().int().positive(),
    contact,
    /**
     * Roles that prepare and minute the meeting besides policy staff (Wijchen: the accounthouder, seed 000
     * stap 5; elsewhere the procesregisseur, seed 002). They plan it and record the outcomes.
     */
    organisers: z.array(slug).optional(),
    /** A knelpunt in at least `minCases` cases reported within `periodDays` is flagged for the region (domain/learning-meeting.ts). */
    recurringKnelpunt: z.object({ minCases: z.number().int().min(2), periodDays: z.number().int().positive().max(3660) }).partial().optional(),
  }),
  /** Days the one-time link for the resident's short evaluation of a closed case stays valid (default 30). */
  clientFeedbackLinkDays: z.number().int().positive().max(365).optional(),
});
export type RegionSettings = z.infer<typeof regionSettings>;
