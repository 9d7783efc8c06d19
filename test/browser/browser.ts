import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { createApp, prepareApi } from '../../api/server.js';
import { startWorkers } from '../../workers/service.js';
import { type TestContext, testContext } from '../support/context.js';

/** Debian's chromium; a downloaded browser build is never used (see scripts/setup.sh). */
export const CHROMIUM = '/usr/bin/chromium';
// A test run leaves the work tree as it found it: screenshots go to the git-ignored test-results/,
// and only `DOORZET_SCREENSHOTS=docs npm test` refreshes the README's pictures in docs/screenshots/.
const SCREENSHOTS = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  ...(process.env.DOORZET_SCREENSHOTS === 'docs' ? ['docs', 'screenshots'] : ['test-results', 'screenshots']),
);
const AXE = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

export type BrowserStack = {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context; `strictCsp` keeps the API's Content-Security-Policy in force (axe cannot be injected then). */
  newPage(options?: { strictCsp?: boolean }): Promise<Page>;
  close(): Promise<void>;
};

/** The real API (with the built web app) and the real workers on the run's engine, plus a headless chromium. */
export async function startBrowserStack(env: Record<string, string> = {}): Promise<BrowserStack> {
  const ctx = testContext(env);
  const workers = await startWorkers(ctx);
  await prepareApi(ctx);
  const app = createApp(ctx);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  return {
    ctx,
    baseUrl,
    browser,
    async newPage(options = {}) {
      // bypassCSP only so axe-core can be injected as an inline script; a strict page checks the app under the real CSP.
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1400, height: 1000 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', bypassCSP: !options.strictCsp });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
      });
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await workers.stop();
      await ctx.close();
    },
  };
}

export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/');
  // A sign-out clicked just before may not have reached the API when the page reloads; finish it.
  const form = page.getByLabel('Gebruikersnaam');
  const signOut = page.getByRole('button', { name: 'Uitloggen' });
  await form.or(signOut).first().waitFor();
  if (await signOut.isVisible()) {
    await signOut.click();
    await form.waitFor();
  }
  await form.fill(username);
  await page.getByLabel('Wachtwoord').fill('doorzet-demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now; fails on any violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  expect(violations, `WCAG 2.1 AA violations on ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** The API as a demo user, outside the browser: a test's set-up and its before/after figures. */
export async function apiAs<T>(baseUrl: string, username: string, path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
  const session = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'doorzet-demo' }),
  });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
