import crypto from 'node:crypto';
import { z } from 'zod';
import { regionSettings } from '../../domain/region.js';
import type { AppContext } from '../../platform/context.js';
import { many, transaction } from '../../platform/db/pool.js';
import { fail } from '../http/problems.js';
import type { Auth } from '../http/route.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import * as repo from './repository.js';
import type { SessionUser } from './schemas.js';

export const DEMO_PASSWORD = 'doorzet-demo';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export type NewSession = { token: string; user: SessionUser; csrfToken: string };

async function openSession(ctx: AppContext, userId: string, name: string): Promise<NewSession> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await repo.insertSession(ctx.db, hashToken(token), userId, csrfToken, ctx.config.SESSION_TTL_MINUTES);
  return { token, csrfToken, user: { id: userId, name, memberships: await repo.membershipsOf(ctx.db, userId) } };
}

/** Rate-limited per username and address: failures count, successes do not. */
export async function login(ctx: AppContext, username: string, password: string, address: string): Promise<NewSession> {
  const key = `${username.toLowerCase()}|${address}`;
  if ((await repo.recentFailures(ctx.db, key)) >= ctx.config.LOGIN_ATTEMPTS_PER_MINUTE) throw fail.tooMany(60);
  const user = await repo.findUserByUsername(ctx.db, username);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !user.password_hash || !ok) {
    await repo.recordFailure(ctx.db, key);
    throw fail.unauthenticated('Gebruikersnaam of wachtwoord klopt niet.');
  }
  return openSession(ctx, user.id, user.name);
}

export async function sessionFromToken(ctx: AppContext, token: string): Promise<Auth | undefined> {
  const tokenHash = hashToken(token);
  const row = await repo.findLiveSession(ctx.db, tokenHash);
  if (!row) return undefined;
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    user: { id: row.user_id, name: row.name, memberships: await repo.membershipsOf(ctx.db, row.user_id) },
  };
}

export async function logout(ctx: AppContext, tokenHash: string): Promise<void> {
  await repo.deleteSession(ctx.db, tokenHash);
}

/** An OIDC user: created on first sign-in, memberships taken from the ID token each time. */
export async function signInExternal(
  ctx: AppContext,
  claims: { subject: string; name: string; email: string | null; memberships: { region: string; role: string }[] },
): Promise<NewSession> {
  const userId = await transaction(ctx.db, async (client) => {
    let user = await repo.findUserBySubject(client, claims.subject);
    if (!user) {
      const id = crypto.randomUUID();
      await repo.insertUser(client, {
        id,
        username: `oidc:${claims.subject}`,
        name: claims.name,
        email: claims.email,
        passwordHash: null,
        oidcSubject: claims.subject,
      });
      user = await repo.findUserBySubject(client, claims.subject);
      if (!user) throw fail.conflict('Account kon niet worden aangemaakt.');
    }
    const known = new Set((await many(client, z.object({ id: z.string() }), 'SELECT id FROM region')).map((r) => r.id));
    await repo.replaceMemberships(client, user.id, claims.memberships.filter((m) => known.has(m.region)));
    return user.id;
  });
  return openSession(ctx, userId, claims.name);
}

// Fictional people only (shared rules): first names and surnames combined per role.
const FIRST = ['Anouk', 'Bram', 'Carlijn', 'Daan', 'Eline', 'Floris', 'Gijs', 'Hanneke', 'Iris', 'Joost', 'Kiki', 'Lars', 'Maaike', 'Niels', 'Olga', 'Pieter', 'Roos', 'Sem', 'Tessa', 'Vincent'];
const LAST = ['de Boer', 'Jansen', 'Visser', 'Smit', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'van Dijk', 'Kok', 'Meijer', 'de Wit', 'Brouwer'];

function fictionalName(seed: string): string {
  const h = crypto.createHash('sha256').update(seed).digest();
  return `${FIRST[h[0]! % FIRST.length]} ${LAST[h[1]! % LAST.length]}`;
}

/**
 * One demo account `<role>.<region>` per role of every region in the `region` table.
 * Idempotent: only missing accounts are hashed and inserted, so a restart is cheap.
 */
export async function seedDemoUsers(ctx: AppContext): Promise<number> {
  if (ctx.config.DEMO_USERS === 'off') return 0;
  const regions = await many(ctx.db, z.object({ settings: z.unknown() }), 'SELECT settings FROM region ORDER BY id');
  const wanted: { username: string; region: string; role: string }[] = [];
  for (const row of regions) {
    const parsed = regionSettings.safeParse(row.settings);
    if (!parsed.success) continue;
    for (const role of parsed.data.roles) wanted.push({ username: `${role.id}.${parsed.data.id}`, region: parsed.data.id, role: role.id });
  }
  const existing = await repo.existingUsernames(ctx.db, wanted.map((w) => w.username));
  let created = 0;
  for (const w of wanted.filter((w) => !existing.has(w.username))) {
    const id = crypto.randomUUID();
    const inserted = await repo.insertUser(ctx.db, {
      id,
      username: w.username,
      name: fictionalName(w.username),
      email: `${w.username}@example.org`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      oidcSubject: null,
    });
    if (inserted) {
      await repo.addMembership(ctx.db, id, { region: w.region, role: w.role });
      created += 1;
    }
  }
  return created;
}
