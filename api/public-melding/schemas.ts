import { z } from 'zod';
import { slug } from '../../domain/region.js';

const text = (max: number) => z.string().trim().min(1, 'Vul dit in.').max(max, `Maximaal ${max} tekens.`);

/** What the resident form asks, in the words it asks them; field names are the form's (Dutch). */
export const ONDERWERPEN = ['jeugd', 'wmo', 'werk-en-inkomen', 'wonen', 'schulden', 'onderwijs', 'ggz', 'zorg'] as const;

export const publicMeldingBody = z
  .object({
    relatie: z.enum(['ouder', 'inwoner', 'naaste']),
    melder: z
      .object({
        naam: text(200),
        email: z.string().trim().email('Vul een geldig e-mailadres in.').max(200).optional(),
        telefoon: z.string().trim().regex(/^[0-9 +()-]{8,20}$/, 'Vul een geldig telefoonnummer in.').optional(),
      })
      .strict()
      .refine((m) => m.email !== undefined || m.telefoon !== undefined, { message: 'Vul een e-mailadres of telefoonnummer in.', path: ['email'] }),
    inwoner: z.object({ naam: text(200), geboortedatum: z.iso.date().optional() }).strict(),
    onderwerp: z.enum(ONDERWERPEN),
    wat: text(2000),
    organisaties: z.string().trim().max(500).optional(),
    /** Left empty by people; a field hidden from them that form-filling scripts fill in. */
    website: z.string().max(0).optional(),
  })
  .strict();
export type PublicMelding = z.infer<typeof publicMeldingBody>;

export const publicRegionParams = z.object({ region: slug });
export const publicRegion = z.object({ id: z.string(), name: z.string() });
export const publicMeldingCreated = z.object({ reference: z.string() });

export const reporterContact = z.object({
  relation: z.enum(['ouder', 'inwoner', 'naaste']),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  receivedAt: z.string(),
});
