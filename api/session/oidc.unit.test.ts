import crypto from 'node:crypto';
import { expect, test } from 'vitest';
import { ApiError } from '../http/problems.js';
import { type OidcConfig, verifyIdToken } from './oidc.js';

const oidc: OidcConfig = {
  issuer: 'https://login.example.org',
  clientId: 'doorzet',
  clientSecret: 'geheim',
  redirectUrl: 'https://doorzet.example.org/api/session/oidc/callback',
  rolesClaim: 'doorzet_roles',
};
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = { keys: [{ ...(publicKey.export({ format: 'jwk' }) as object), kid: 'k1', kty: 'RSA' }] };

function sign(payload: object, key = privateKey, kid = 'k1'): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'RS256', kid })}.${b64(payload)}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
const claims = { iss: oidc.issuer, sub: 'u-1', aud: 'doorzet', exp: Math.floor(Date.now() / 1000) + 300, nonce: 'n1', doorzet_roles: ['wijchen:accounthouder'] };

test('a correctly signed ID token for Doorzet with the right nonce is accepted', () => {
  expect(verifyIdToken(sign(claims), jwks, oidc, 'n1')).toMatchObject({ sub: 'u-1', doorzet_roles: ['wijchen:accounthouder'] });
});

test.each([
  ['another key', () => sign(claims, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)],
  ['another audience', () => sign({ ...claims, aud: 'iemand-anders' })],
  ['another issuer', () => sign({ ...claims, iss: 'https://evil.example.org' })],
  ['expired', () => sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 })],
  ['another nonce', () => sign({ ...claims, nonce: 'n2' })],
  ['an unknown key id', () => sign(claims, privateKey, 'k9')],
  ['garbage', () => 'a.b'],
  ['a header that is not JSON', () => 'bm9wZQ.e30.c2ln'],
])('an ID token signed with %s is refused', (_name, token) => {
  expect(() => verifyIdToken(token(), jwks, oidc, 'n1')).toThrow(ApiError);
});
