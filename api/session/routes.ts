import type { AppContext } from '../../platform/context.js';
import { SESSION_COOKIE } from '../http/mount.js';
import { fail } from '../http/problems.js';
import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { authorizationUrl, discover, oidcConfig, pkce, redeemCode } from './oidc.js';
import { insertOidcLogin, takeOidcLogin } from './repository.js';
import { loginBody, oidcCallbackQuery, sessionResponse, signInMethods } from './schemas.js';
import { type NewSession, login, logout, signInExternal } from './service.js';

function sessionCookie(ctx: AppContext, s: NewSession): string {
  const secure = ctx.config.PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
  return `${SESSION_COOKIE}=${s.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${ctx.config.SESSION_TTL_MINUTES * 60}${secure}`;
}

function requireOidc(ctx: AppContext) {
  const oidc = oidcConfig(ctx.config);
  if (!oidc) throw fail.notFound('Inloggen via OpenID Connect is niet ingesteld.');
  return oidc;
}

export const sessionRoutes: RouteDef[] = [
  defineRoute({
    id: 'session.create',
    method: 'post',
    path: '/api/session',
    summary: 'Inloggen met gebruikersnaam en wachtwoord',
    tags: ['sessie'],
    access: { kind: 'public' },
    body: loginBody,
    response: { status: 200, schema: sessionResponse },
    handle: async ({ ctx, body, req }) => {
      const session = await login(ctx, body.username, body.password, req.ip ?? 'unknown');
      return reply(200, { user: session.user, csrfToken: session.csrfToken }, { headers: { 'Set-Cookie': sessionCookie(ctx, session) } });
    },
  }),
  defineRoute({
    id: 'session.get',
    method: 'get',
    path: '/api/session',
    summary: 'De ingelogde gebruiker en het CSRF-token',
    tags: ['sessie'],
    access: { kind: 'signedIn' },
    response: { status: 200, schema: sessionResponse },
    handle: async ({ auth }) => reply(200, { user: auth!.user, csrfToken: auth!.csrfToken }),
  }),
  defineRoute({
    id: 'session.delete',
    method: 'delete',
    path: '/api/session',
    summary: 'Uitloggen',
    tags: ['sessie'],
    access: { kind: 'signedIn' },
    response: { status: 204 },
    handle: async ({ ctx, auth }) => {
      await logout(ctx, auth!.tokenHash);
      return reply(204, undefined, { headers: { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` } });
    },
  }),
  defineRoute({
    id: 'session.methods',
    method: 'get',
    path: '/api/session/methods',
    summary: 'Manieren om in te loggen: wachtwoord, en OpenID Connect wanneer dat is ingesteld',
    tags: ['sessie'],
    access: { kind: 'public' },
    response: { status: 200, schema: signInMethods },
    handle: async ({ ctx }) => reply(200, { password: true, oidc: oidcConfig(ctx.config) !== undefined }),
  }),
  defineRoute({
    id: 'session.oidc.start',
    method: 'get',
    path: '/api/session/oidc',
    summary: 'Inloggen via de identiteitsprovider (OpenID Connect): doorverwijzing',
    tags: ['sessie'],
    access: { kind: 'public' },
    response: { status: 302 },
    handle: async ({ ctx }) => {
      const oidc = requireOidc(ctx);
      const doc = await discover(oidc);
      const p = pkce();
      await insertOidcLogin(ctx.db, p.state, p.nonce, p.verifier);
      return reply(302, undefined, { headers: { Location: authorizationUrl(doc, oidc, p) } });
    },
  }),
  defineRoute({
    id: 'session.oidc.callback',
    method: 'get',
    path: '/api/session/oidc/callback',
    summary: 'Terugkeer van de identiteitsprovider: sessie openen',
    tags: ['sessie'],
    access: { kind: 'public' },
    query: oidcCallbackQuery,
    response: { status: 302 },
    handle: async ({ ctx, query }) => {
      const oidc = requireOidc(ctx);
      const pending = await takeOidcLogin(ctx.db, query.state);
      if (!pending) throw fail.unauthenticated('Onbekende of verlopen inlogpoging.');
      const claims = await redeemCode(oidc, query.code, pending.code_verifier, pending.nonce);
      const session = await signInExternal(ctx, claims);
      return reply(302, undefined, { headers: { Location: '/', 'Set-Cookie': sessionCookie(ctx, session) } });
    },
  }),
];

