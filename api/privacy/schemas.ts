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
