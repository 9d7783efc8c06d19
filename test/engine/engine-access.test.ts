import { afterAll, expect, test } from 'vitest';
import { basicAuth } from '../../platform/engine/engine.js';
import { testContext } from '../support/context.js';

const ctx = testContext();
const [node] = ctx.config.engineRestUrls;
const origin = new URL(node!).origin;

afterAll(() => ctx.close());

test('the engine REST API refuses requests without the engine user, and with a wrong password', async () => {
  expect((await fetch(`${node}/process-definition`)).status).toBe(401);
  const ok = await fetch(`${node}/version`, { headers: { authorization: basicAuth(ctx.config.ENGINE_USER, ctx.config.ENGINE_PASSWORD!) } });
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { version: string }).version).toMatch(/^1\.0\./);
  // A made-up user: a wrong password for the real one would make the engine hold it back for a few seconds.
  expect((await fetch(`${node}/process-definition`, { headers: { authorization: basicAuth('niemand', 'fout') } })).status).toBe(401);
});

test('Cockpit, the engine console for a functional administrator, is served at /operaton behind its own sign-in', async () => {
  const page = await fetch(`${origin}/operaton/app/cockpit/default/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/cockpit/i);
  // Its data API answers only after a sign-in with the engine user (the webapp's CSRF token with it).
  expect((await fetch(`${origin}/operaton/api/cockpit/plugin/base/default/process-definition/statistics`)).status).toBe(401);
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '';
  const login = await fetch(`${origin}/operaton/api/admin/auth/user/default/login/cockpit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; '), 'x-xsrf-token': xsrf },
    body: new URLSearchParams({ username: ctx.config.ENGINE_USER, password: ctx.config.ENGINE_PASSWORD! }),
  });
  expect(login.status).toBe(200);
  expect(((await login.json()) as { userId: string }).userId).toBe(ctx.config.ENGINE_USER);
});
