import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Api, REGION_A, signIn, startTestApi } from './support.js';

let api: Api;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

test('a demo user signs in, gets an HttpOnly SameSite=Strict cookie and a CSRF token, and signs out', async () => {
  const response = await fetch(`${api.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `accounthouder.${REGION_A}`, password: 'doorzet-demo' }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^dz_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);
  const body = await response.json();
  expect(body.user.memberships).toEqual([{ region: REGION_A, role: 'accounthouder' }]);
  expect(body.user.name).not.toMatch(/accounthouder/);

  const client = await signIn(api, `accounthouder.${REGION_A}`);
  expect((await client.json('GET', '/api/session')).status).toBe(200);
  const noCsrf = await client.request('DELETE', '/api/session', undefined, { 'x-csrf-token': 'wrong' });
  expect(noCsrf.status).toBe(403);
  expect(noCsrf.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect((await noCsrf.json()).type).toBe('https://doorzet.example.org/problems/csrf');
  expect((await client.request('DELETE', '/api/session')).status).toBe(204);
  expect((await client.json('GET', '/api/session')).status).toBe(401);
});

test('a wrong password is refused, and the sixth failure within a minute is rate-limited (429) even with the right password', async () => {
  const username = `manager.${REGION_A}`;
  const attempt = (password: string) =>
    fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify({ username, password }),
    });
  for (let i = 0; i < 5; i++) expect((await attempt('fout')).status).toBe(401);
  const limited = await attempt('doorzet-demo');
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('60');
  await api.ctx.db.query(`DELETE FROM login_attempt WHERE key LIKE $1`, [`${username}|%`]);
});

test('security headers, no caching of API answers, the body limit and malformed JSON give problems, not 500s', async () => {
  const r = await fetch(`${api.url}/api/session`);
  expect(r.status).toBe(401);
  expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  expect(r.headers.get('cache-control')).toBe('no-store');
  const big = await fetch(`${api.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'x', password: 'y'.repeat(5 * 1024 * 1024) }),
  });
  expect(big.status).toBe(413);
  const broken = await fetch(`${api.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
  expect(broken.status).toBe(400);
  expect((await broken.json()).type).toBe('https://doorzet.example.org/problems/validation');
});
