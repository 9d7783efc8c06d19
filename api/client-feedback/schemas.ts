import { z } from 'zod';

/** 43 characters of base64url: 32 random bytes. */
const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Deze link klopt niet.');

export const COMMENT_MAX = 500;

/** The link's token travels in the body, not the path, so it never lands in a request log. */
export const lookupBody = z.object({ token }).strict();

/** The resident's answer, in the words the page asks it (Dutch field names, like the public melding). */
export const answerBody = z
  .object({
    token,
    cijfer: z.number().int().min(1, 'Kies een cijfer van 1 tot en met 5.').max(5, 'Kies een cijfer van 1 tot en met 5.'),
    opmerking: z.string().trim().max(COMMENT_MAX, `Maximaal ${COMMENT_MAX} tekens.`).optional(),
  })
  .strict();
export type AnswerBody = z.infer<typeof answerBody>;

export const publicQuestion = z.object({ regionName: z.string() });

export const linkCreated = z.object({
  /** The one-time token; shown once, only its hash is kept. The app builds the link from it. */
  token: z.string(),
  expiresAt: z.string(),
});

export const feedbackStatus = z.object({
  /** Closed cases only: the question is asked after the end. */
  canAsk: z.boolean(),
  answered: z.boolean(),
  /** An unused link that still works, until this moment. */
  linkValidUntil: z.string().nullable(),
});
