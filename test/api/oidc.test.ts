import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TestProvider, startTestProvider } from '../support/oidc-provider.js';
import { type Api, REGION_A, REGION_B, startTestApi } from './support.js';

/**
 * Production sign-in end to end against an OpenID Connect provider over HTTP: redirect
 * with PKCE, code exchange, ID-token verification against the JWKS, memberships from the
 * roles claim, and a session that the API's authorisation then applies.
 */
const REDIRECT = 'https://doorzet.example.org/api/session/oidc/callback';
let provider: TestProvider;
let api: Api;

beforeAll(async () => {
  provider = await startTestProvider();
  api = await startTestApi({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URL: REDIRECT,
  });
});
afterAll(async () => {
  await api?.close();
  await provider?.close();
});

/** What a browser does: Doorzet → provider → back to Doorzet's callback (reached at the test API's address). */
async function signInThroughProvider(tamper: (callback: URL) => void = () => {}): Promise<Response> {
  const start = await fetch(`${api.url}/api/session/oidc`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location') ?? '');
  expect(authorize.origin).toBe(provider.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const back = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(back.headers.get('location') ?? '');
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
  tamper(callback);
  return fetch(`${api.url}/api/session/oidc/callback${callback.search}`, { redirect: 'manual' });
}

test('a user signs in at the provider and gets the memberships of the roles claim; unknown regions are dropped', async () => {
  provider.user.roles = [`${REGION_A}:accounthouder`, 'regio-die-niet-bestaat:manager', 'geen-lidmaatschap'];
  const done = await signInThroughProvider();
  expect(done.status).toBe(302);
  const cookie = (done.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/=.+/);
  expect(done.headers.get('set-cookie')).toMatch(/HttpOnly/);

  const session = await fetch(`${api.url}/api/session`, { headers: { cookie } });
  expect(session.status).toBe(200);
  const body = (await session.json()) as { user: { name: string; memberships: unknown[] } };
  expect(body.user).toMatchObject({ name: 'Iris Identiteit', memberships: [{ region: REGION_A, role: 'accounthouder' }] });

  // The memberships are enforced like a local account's: region A yes, region B no.
  expect((await fetch(`${api.url}/api/regions/${REGION_A}/cases`, { headers: { cookie } })).status).toBe(200);
  expect((await fetch(`${api.url}/api/regions/${REGION_B}/cases`, { headers: { cookie } })).status).toBe(403);
});

test('a second sign-in takes the memberships from the new ID token, not from the first', async () => {
  provider.user.roles = [`${REGION_B}:manager`];
  const done = await signInThroughProvider();
  const cookie = (done.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await (await fetch(`${api.url}/api/session`, { headers: { cookie } })).json()) as { user: { memberships: unknown[] } };
  expect(body.user.memberships).toEqual([{ region: REGION_B, role: 'manager' }]);
});

test('a replayed or forged callback opens no session', async () => {
  let used: URL | undefined;
  const first = await signInThroughProvider((callback) => (used = new URL(callback)));
  expect(first.status).toBe(302);
  // The same state and code again: the login attempt was consumed.
  const replay = await fetch(`${api.url}/api/session/oidc/callback${used!.search}`, { redirect: 'manual' });
  expect(replay.status).toBe(401);
  expect(replay.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(replay.headers.get('set-cookie')).toBeNull();
  // A valid state with a code the provider never issued.
  const forged = await signInThroughProvider((callback) => callback.searchParams.set('code', 'verzonnen'));
  expect(forged.status).toBe(401);
  expect(forged.headers.get('set-cookie')).toBeNull();
});
