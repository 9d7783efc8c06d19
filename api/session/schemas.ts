import { z } from 'zod';
import { slug } from '../../domain/region.js';

export const membership = z.object({ region: slug, role: slug });
export type Membership = z.infer<typeof membership>;

export const sessionUser = z.object({ id: z.string().uuid(), name: z.string(), memberships: z.array(membership) });
export type SessionUser = z.infer<typeof sessionUser>;

export const loginBody = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();

export const sessionResponse = z.object({ user: sessionUser, csrfToken: z.string() });

export const oidcCallbackQuery = z.object({ code: z.string().min(1).max(4096), state: z.string().min(1).max(200) });

/** How one can sign in here, so the sign-in page offers the organisation's own sign-in when it is set up. */
export const signInMethods = z.object({ password: z.literal(true), oidc: z.boolean() });
