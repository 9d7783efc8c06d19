import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TestProvider, startTestProvider } from '../support/oidc-provider.js';
import { type BrowserStack, expectAccessible, startBrowserStack } from './browser.js';

/**
 * Production signs in through the organisation's identity provider: when OIDC is configured the
 * sign-in page offers it as a button that leads there; without it, only the password form shows.
 */
let provider: TestProvider;
let stack: BrowserStack;

beforeAll(async () => {
  provider = await startTestProvider();
  stack = await startBrowserStack({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URL: 'https://doorzet.example.org/api/session/oidc/callback',
  });
});
afterAll(async () => {
  await stack?.close();
  await provider?.close();
});

test('the sign-in page offers the organisation sign-in when OIDC is configured, and it leads to the provider', async () => {
  const page = await stack.newPage();
  await page.goto('/');
  const button = page.getByRole('link', { name: 'Inloggen via uw organisatie' });
  await button.waitFor();
  await expect.poll(() => page.title()).toBe('Inloggen bij Doorzet — Doorzet');
  await expectAccessible(page, 'the sign-in page with OIDC');
  const [request] = await Promise.all([page.waitForRequest((r) => r.url().startsWith(provider.issuer)), button.click()]);
  expect(new URL(request.url()).searchParams.get('code_challenge_method')).toBe('S256');
  await page.context().close();
});

test('without OIDC the API says so and the page shows only the password form', async () => {
  const page = await stack.newPage();
  await page.route('**/api/session/methods', (route) => route.fulfill({ json: { password: true, oidc: false } }));
  await page.goto('/');
  await page.getByLabel('Gebruikersnaam').waitFor();
  expect(await page.locator('#oidc-button').count()).toBe(0);
  await page.context().close();
});
