import { z } from 'zod';
import { type Queryable, many, maybeOne } from '../../platform/db/pool.js';
import type { Membership } from './schemas.js';

const userRow = z.object({ id: z.string(), username: z.string(), name: z.string(), password_hash: z.string().nullable() });

export function findUserByUsername(db: Queryable, username: string) {
  return maybeOne(db, userRow, 'SELECT id, username, name, password_hash FROM app_user WHERE username = $1', [username]);
}

export function findUserBySubject(db: Queryable, subject: string) {
  return maybeOne(db, userRow, 'SELECT id, username, name, password_hash FROM app_user WHERE oidc_subject = $1', [subject]);
}

export async function membershipsOf(db: Queryable, userId: string): Promise<Membership[]> {
  return many(
    db,
    z.object({ region: z.string(), role: z.string() }),
    'SELECT region_id AS region, role FROM membership WHERE user_id = $1 ORDER BY region_id, role',
    [userId],
  );
}

export async function insertUser(
  db: Queryable,
  user: { id: string; username: string; name: string; email: string | null; passwordHash: string | null; oidcSubject: string | null },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO app_user (id, username, name, email, password_hash, oidc_subject) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING`,
    [user.id, user.username, user.name, user.email, user.passwordHash, user.oidcSubject],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function replaceMemberships(db: Queryable, userId: string, memberships: Membership[]): Promise<void> {
  await db.query('DELETE FROM membership WHERE user_id = $1', [userId]);
  for (const m of memberships) {
    await db.query('INSERT INTO membership (user_id, region_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, m.region, m.role]);
  }
}

export async function addMembership(db: Queryable, userId: string, m: Membership): Promise<void> {
  await db.query('INSERT INTO membership (user_id, region_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, m.region, m.role]);
}

export async function existingUsernames(db: Queryable, usernames: string[]): Promise<Set<string>> {
  const rows = await many(db, z.object({ username: z.string() }), 'SELECT username FROM app_user WHERE username = ANY($1)', [usernames]);
  return new Set(rows.map((r) => r.username));
}

const sessionRow = z.object({ user_id: z.string(), name: z.string(), csrf_token: z.string() });

export async function insertSession(db: Queryable, tokenHash: string, userId: string, csrfToken: string, ttlMinutes: number): Promise<void> {
  await db.query(
    `INSERT INTO app_session (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [tokenHash, userId, csrfToken, ttlMinutes],
  );
}

export function findLiveSession(db: Queryable, tokenHash: string) {
  return maybeOne(
    db,
    sessionRow,
    `SELECT s.user_id, u.name, s.csrf_token FROM app_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  );
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM app_session WHERE token_hash = $1 OR expires_at < now()', [tokenHash]);
}

export async function recentFailures(db: Queryable, key: string): Promise<number> {
  const row = await maybeOne(
    db,
    z.object({ n: z.coerce.number() }),
    `SELECT count(*) AS n FROM login_attempt WHERE key = $1 AND at > now() - interval '1 minute'`,
    [key],
  );
  return row?.n ?? 0;
}

export async function recordFailure(db: Queryable, key: string): Promise<void> {
  await db.query(`DELETE FROM login_attempt WHERE at < now() - interval '1 hour'`);
  await db.query('INSERT INTO login_attempt (key) VALUES ($1)', [key]);
}

export async function insertOidcLogin(db: Queryable, state: string, nonce: string, verifier: string): Promise<void> {
  await db.query(`DELETE FROM oidc_login WHERE created_at < now() - interval '10 minutes'`);
  await db.query('INSERT INTO oidc_login (state, nonce, code_verifier) VALUES ($1, $2, $3)', [state, nonce, verifier]);
}

export function takeOidcLogin(db: Queryable, state: string) {
  return maybeOne(
    db,
    z.object({ nonce: z.string(), code_verifier: z.string() }),
    `DELETE FROM oidc_login WHERE state = $1 AND created_at > now() - interval '10 minutes' RETURNING nonce, code_verifier`,
    [state],
  );
}
