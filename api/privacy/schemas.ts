import { z } from 'zod';

export const breakGlassBody = z
  .object({
    /** Why this person needs the data although their role has no task in the case (shown to the case's roles). */
    reden: z.string().trim().min(10, 'Geef een reden van minstens 10 tekens.').max(1000),
  })
  .strict();

export const breakGlassGranted = z.object({ expiresInHours: z.number().int() });

export const accessGrantList = z.array(
  z.object({ userName: z.string(), role: z.string(), reason: z.string(), grantedAt: z.string(), expiresAt: z.string() }),
);

const text = (max: number) => z.string().trim().min(1).max(max);

/** One person: by BSN, or by name and birth date together (a name alone is too weak to erase by). */
export const personQuery = z
  .object({
    bsn: z.string().regex(/^\d{9}$/, 'BSN: 9 cijfers').optional(),
    name: text(200).optional(),
    birthDate: z.iso.date().optional(),
  })
  .strict()
  .refine((q) => q.bsn !== undefined || (q.name !== undefined && q.birthDate !== undefined), {
    message: 'Geef een BSN, of naam én geboortedatum.',
    path: ['bsn'],
  });
export type PersonQuery = z.infer<typeof personQuery>;

/** Grounds for erasure: AVG art. 17(1) a–e and the Jeugdwet's own right to have a file destroyed. */
export const LEGAL_GROUNDS = ['avg-17-1a', 'avg-17-1b', 'avg-17-1c', 'avg-17-1d', 'avg-17-1e', 'jeugdwet-7.3.9'] as const;

export const erasureBody = z
  .object({
    bsn: z.string().regex(/^\d{9}$/, 'BSN: 9 cijfers').optional(),
    name: text(200).optional(),
    birthDate: z.iso.date().optional(),
    legalGround: z.enum(LEGAL_GROUNDS),
    toelichting: text(2000),
    /** Required when a case of the person is still open: why its escalation must stop. */
    openCaseOverride: z.string().trim().min(10, 'Geef een reden van minstens 10 tekens.').max(1000).optional(),
  })
  .strict()
  .refine((q) => q.bsn !== undefined || (q.name !== undefined && q.birthDate !== undefined), {
    message: 'Geef een BSN, of naam én geboortedatum.',
    path: ['bsn'],
  });
export type ErasureBody = z.infer<typeof erasureBody>;

export const erasureResult = z.object({ casesErased: z.number().int(), openCasesStopped: z.number().int(), rows: z.record(z.string(), z.number()) });

export const personExport = z.object({ region: z.string(), exportedAt: z.string(), cases: z.array(z.record(z.string(), z.unknown())) });

export const retentionReport = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  trigger: z.enum(['schedule', 'manual']),
  regionId: z.string().nullable(),
  startedBy: z.string(),
  casesRemoved: z.number().int(),
  report: z.object({ perRegion: z.record(z.string(), z.number()), rows: z.record(z.string(), z.number()), failed: z.number().int() }),
});

export const CONSENT = ['gegeven', 'geweigerd', 'niet-gevraagd', 'niet-nodig'] as const;

export const consentBody = z
  .object({
    consent: z.enum(CONSENT),
    familyInvolved: z.boolean(),
    /** Why consent was not asked or not needed, or how the family is involved; no names. */
    toelichting: z.string().trim().max(1000).optional(),
  })
  .strict();

export type ConsentBody = z.infer<typeof consentBody>;

export const consentRecord = z.object({
  tier: z.number().int(),
  consent: z.enum(CONSENT),
  familyInvolved: z.boolean(),
  toelichting: z.string().nullable(),
  recordedBy: z.string(),
  recordedRole: z.string(),
  recordedAt: z.string(),
});

export const consentOverview = z.object({
  records: z.array(consentRecord),
  /** From this tier on the region needs consent; null when no tier does. */
  consentFromTier: z.number().int().nullable(),
  currentTier: z.number().int(),
  /** True when the case is at or past that tier and the newest record for its tier is not "gegeven". */
  missing: z.boolean(),
});

/** Someone who reported a case through the public form, found by the contact they left. */
const reporterFields = {
  email: z.string().trim().email().max(200).optional(),
  telefoon: z.string().trim().regex(/^[0-9 +()-]{8,20}$/, 'Telefoonnummer').optional(),
};
const hasContact = (q: { email?: string; telefoon?: string }) => q.email !== undefined || q.telefoon !== undefined;

export const reporterQuery = z.object(reporterFields).strict().refine(hasContact, { message: 'Geef een e-mailadres of telefoonnummer.', path: ['email'] });
export type ReporterQuery = z.infer<typeof reporterQuery>;

export const reporterErasureBody = z
  .object({ ...reporterFields, legalGround: z.enum(LEGAL_GROUNDS), toelichting: text(2000) })
  .strict()
  .refine(hasContact, { message: 'Geef een e-mailadres of telefoonnummer.', path: ['email'] });
export type ReporterErasureBody = z.infer<typeof reporterErasureBody>;

export const reporterExport = z.object({
  region: z.string(),
  exportedAt: z.string(),
  meldingen: z.array(z.object({ caseReference: z.string(), relation: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), receivedAt: z.string() })),
});
export const reporterErasureResult = z.object({ contactsErased: z.number().int() });
