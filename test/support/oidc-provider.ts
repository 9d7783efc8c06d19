import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenID Connect provider for tests: discovery, an authorisation endpoint that
 * signs the configured user in at once, a token endpoint that checks the client secret,
 * the redirect URI and the PKCE verifier, and a JWKS. ID tokens are RS256, as most
 * providers issue them (Entra ID, Keycloak, ...).
 */
export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in next, and the roles claim the provider puts in the ID token. */
  user: { sub: string; name: string; email: string; roles: string[] };
  close(): Promise<void>;
};

type PendingCode = { clientId: string; redirectUri: string; challenge: string; nonce: string };

export async function startTestProvider(): Promise<TestProvider> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const codes = new Map<string, PendingCode>();
  const provider = {
    issuer: '',
    clientId: 'doorzet-test',
    clientSecret: crypto.randomBytes(12).toString('base64url'),
    user: { sub: 'idp-user-1', name: 'Iris Identiteit', email: 'iris@example.org', roles: [] as string[] },
  };

  const idToken = (aud: string, nonce: string) => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: 'RS256', kid: 'test-key' })}.${b64({
      iss: provider.issuer,
      aud,
      sub: provider.user.sub,
      name: provider.user.name,
      email: provider.user.email,
      doorzet_roles: provider.user.roles,
      nonce,
      iat: now,
      exp: now + 300,
    })}`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
      });
    }
    if (url.pathname === '/jwks') {
      return json(res, 200, { keys: [{ ...(publicKey.export({ format: 'jwk' }) as object), kid: 'test-key', use: 'sig', alg: 'RS256' }] });
    }
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') return json(res, 400, { error: 'invalid_request' });
      const code = crypto.randomBytes(16).toString('base64url');
      codes.set(code, {
        clientId: q.get('client_id') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        challenge: q.get('code_challenge') ?? '',
        nonce: q.get('nonce') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (id !== provider.clientId || secret !== provider.clientSecret) return json(res, 401, { error: 'invalid_client' });
        if (
          !pending ||
          pending.clientId !== id ||
          pending.redirectUri !== form.get('redirect_uri') ||
          crypto.createHash('sha256').update(verifier).digest('base64url') !== pending.challenge
        ) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        return json(res, 200, { token_type: 'Bearer', access_token: 'opaque', id_token: idToken(id, pending.nonce) });
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // `user` stays the same object, so a test can change who signs in next.
  return { ...provider, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
