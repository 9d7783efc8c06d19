import crypto from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import { ApiError, fail } from '../http/problems.js';

/**
 * OpenID Connect (authorisation code flow with PKCE) for production sign-in. The provider
 * is found through its discovery document; the ID token's RS256/ES256 signature is checked
 * against the provider's JWKS with node:crypto, then issuer, audience, expiry and nonce.
 */

const discovery = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
});
type Discovery = z.infer<typeof discovery>;

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; redirectUrl: string; rolesClaim: string };

export function oidcConfig(config: Config): OidcConfig | undefined {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL } = config;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URL) return undefined;
  return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, redirectUrl: OIDC_REDIRECT_URL, rolesClaim: config.OIDC_ROLES_CLAIM };
}

async function fetchJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw fail.unauthenticated(`De identiteitsprovider antwoordde ${response.status}.`);
  return response.json();
}

export async function discover(oidc: OidcConfig): Promise<Discovery> {
  const doc = discovery.parse(await fetchJson(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`));
  if (doc.issuer.replace(/\/$/, '') !== oidc.issuer.replace(/\/$/, '')) throw fail.unauthenticated('Issuer van de provider klopt niet.');
  return doc;
}

export function pkce(): { verifier: string; challenge: string; state: string; nonce: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return {
    verifier,
    challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    state: crypto.randomBytes(16).toString('base64url'),
    nonce: crypto.randomBytes(16).toString('base64url'),
  };
}

export function authorizationUrl(doc: Discovery, oidc: OidcConfig, p: { challenge: string; state: string; nonce: string }): string {
  const url = new URL(doc.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUrl,
    scope: 'openid profile email',
    state: p.state,
    nonce: p.nonce,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

const jwks = z.object({ keys: z.array(z.looseObject({ kid: z.string().optional(), kty: z.string() })) });
const header = z.object({ alg: z.enum(['RS256', 'ES256']), kid: z.string().optional() });
export const idTokenClaims = z.looseObject({
  iss: z.string(),
  sub: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  nonce: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
});

/** Verifies a compact JWS against a JWKS; returns the payload. Anything malformed is a refusal, never a crash. */
export function verifyIdToken(token: string, keys: z.infer<typeof jwks>, oidc: OidcConfig, nonce: string, now = Date.now()) {
  try {
    return verifyIdTokenStrict(token, keys, oidc, nonce, now);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw fail.unauthenticated('Ongeldig ID-token.');
  }
}

function verifyIdTokenStrict(token: string, keys: z.infer<typeof jwks>, oidc: OidcConfig, nonce: string, now: number) {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) throw fail.unauthenticated('Ongeldig ID-token.');
  const head = header.parse(JSON.parse(Buffer.from(h, 'base64url').toString()));
  const jwk = keys.keys.find((k) => head.kid === undefined || k.kid === head.kid);
  if (!jwk) throw fail.unauthenticated('Onbekende sleutel in ID-token.');
  const key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
  const ok = crypto.verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    head.alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw fail.unauthenticated('Handtekening van het ID-token klopt niet.');
  const claims = idTokenClaims.parse(JSON.parse(Buffer.from(p, 'base64url').toString()));
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss.replace(/\/$/, '') !== oidc.issuer.replace(/\/$/, '')) throw fail.unauthenticated('Issuer van het ID-token klopt niet.');
  if (!audiences.includes(oidc.clientId)) throw fail.unauthenticated('Het ID-token is niet voor Doorzet.');
  if (claims.exp * 1000 < now) throw fail.unauthenticated('Het ID-token is verlopen.');
  if (claims.nonce !== nonce) throw fail.unauthenticated('Nonce van het ID-token klopt niet.');
  return claims;
}

/** Exchanges the code, verifies the ID token and reads memberships from the roles claim ("<region>:<role>"). */
export async function redeemCode(oidc: OidcConfig, code: string, verifier: string, nonce: string) {
  const doc = await discover(oidc);
  const tokens = z.object({ id_token: z.string() }).parse(
    await fetchJson(doc.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(oidc.clientId)}:${encodeURIComponent(oidc.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: oidc.redirectUrl, code_verifier: verifier }),
    }),
  );
  const keys = jwks.parse(await fetchJson(doc.jwks_uri));
  const claims = verifyIdToken(tokens.id_token, keys, oidc, nonce);
  const raw = z.array(z.string()).catch([]).parse(claims[oidc.rolesClaim]);
  const memberships = raw.flatMap((entry) => {
    const m = /^([a-z][a-z0-9-]*):([a-z][a-z0-9-]*)$/.exec(entry);
    return m ? [{ region: m[1]!, role: m[2]! }] : [];
  });
  return { subject: claims.sub, name: claims.name ?? claims.email ?? claims.sub, email: claims.email ?? null, memberships };
}
