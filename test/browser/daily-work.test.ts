import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../support/context.js';
import { type BrowserStack, apiAs as apiAsUser, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/**
 * The daily screens as their users work them: a case worker decides on a task with the case in
 * view and reports the case solved; a manager finds cases through the case list; policy staff
 * see their own tasks. Everything through the web app; the API is only used to set the scene.
 */
const REGION = 'wijchen';
/** The name of Wijchen's first step in the model (Accounthouder_Taak), as the pages show it. */
const FIRST_STEP = 'Consulteren en in gesprek met directies en besturen';
let stack: BrowserStack;
let caseId = '';
let reference = '';

const apiAs = <T>(username: string, path: string, method = 'GET', body?: unknown) => apiAsUser<T>(stack.baseUrl, username, path, method, body);

beforeAll(async () => {
  stack = await startBrowserStack();
  const created = await apiAs<{ id: string; reference: string }>(`coordinator-idt.${REGION}`, `/api/regions/${REGION}/cases`, 'POST', {
    domains: ['wonen', 'schulden'],
    stuckReason: 'Huurschuld loopt op; woningcorporatie en schuldhulp wachten op elkaar.',
    knelpunten: ['financiering'],
    organisations: ['Woningcorporatie Voorbeeld', 'Schuldhulp Voorbeeld'],
    safety: false,
    entry: 'regulier',
    person: { name: 'Test Inwoner' },
  });
  expect(created.status).toBe(201);
  ({ id: caseId, reference } = created.body);
});

afterAll(async () => {
  await stack?.close();
});

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
}

describe('case worker', () => {
  test('opens the task from Mijn taken, decides with the case in view, and reports the case solved', async () => {
    const page = await stack.newPage();
    // The coördinator IDT's melding is the finding that a direct decision is needed (seed 000 stap 1–2):
    // the first task is the accounthouder's.
    await login(page, `accounthouder.${REGION}`);
    await page.goto(`/#/taken?casus=${caseId}`);
    const row = page.locator('#tasks tbody tr').filter({ hasText: reference });
    await eventually(async () => {
      if ((await row.count()) > 0) return true;
      await page.getByRole('button', { name: 'Vernieuwen' }).click();
      return undefined;
    }, 'the new case in Mijn taken', 30_000);
    // The header counts the open tasks, from every page.
    const rows = await page.locator('#tasks tbody tr').count();
    await expect.poll(async () => Number((await page.locator('#task-count').textContent())?.match(/\d+/)?.[0])).toBe(rows);

    // The model's own name for the step, not the form's shared "Los op of schaal op".
    await expect.poll(() => row.getByRole('link').first().textContent()).toBe(FIRST_STEP);
    await row.getByRole('link').first().click();
    await page.locator('#case-context').waitFor();
    expect(await page.locator('h1').textContent()).toBe(FIRST_STEP);
    await expect.poll(() => page.title()).toBe(`${FIRST_STEP} — Doorzet`);
    expect(await page.locator('#context-reason').textContent()).toContain('Huurschuld loopt op');
    expect(await page.locator('#context-domains').textContent()).toBe('Wonen, Schulden');
    expect(await page.locator('#context-organisations').textContent()).toContain('Schuldhulp Voorbeeld');
    expect(await page.locator('#context-knelpunten').textContent()).toContain('Financiering: wie betaalt');
    expect(await page.locator('#context-tiers li').first().textContent()).toContain('Coördinator IDT stelt vast');
    // Shown the Dutch way, dd-mm-jjjj uu:mm, with the time left in words.
    expect(await page.locator('#task-deadline').textContent()).toMatch(/^(Te laat: )?\d{2}-\d{2}-\d{4} \d{2}:\d{2} \((nog|.* te laat)/);
    await page.click('#claim-toggle');
    await page.locator('#task-form form').waitFor();

    // A follow-up date for herself, typed the Dutch way, and a comment for the others on the case.
    await page.fill('#follow-up', '20-12-2026');
    await page.click('#follow-up-save');
    await expect.poll(() => page.locator('#status').textContent()).toContain('Opvolgdatum gezet op 20-12-2026');
    await page.fill('#comment-text', 'Schuldhulp belt morgen terug over de regeling (test).');
    await page.click('#comment-submit');
    await page.locator('#comments li').filter({ hasText: 'Schuldhulp belt morgen terug' }).waitFor();
    expect(await page.locator('#comments li').last().textContent()).toContain('accounthouder Rondom Wijchen');
    await expectAccessible(page, 'the task page with the case context');
    await screenshot(page, 'taak-context');
    await page.goto(`/#/taken?casus=${caseId}`);
    await expect.poll(() => row.textContent()).toContain('opvolgen op 20-12-2026');
    expect(await row.locator('td').nth(2).textContent()).toContain('accounthouder Rondom Wijchen');

    // "Casus opgelost" on the case page: the explanation is required.
    await page.goto(`/#/casus/${caseId}`);
    await page.locator('#solved-form').waitFor();
    expect(await page.locator('#comments').textContent()).toContain('Schuldhulp belt morgen terug');
    await page.click('#solved-submit');
    expect(await page.locator('#solved-error').textContent()).toContain('Vul een toelichting in');
    expect(await page.locator('#solved-explanation').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the case page with the solved form');
    // A second tab, opened before the report, still offers the button afterwards (a colleague's screen).
    const stale = await page.context().newPage();
    await stale.goto(`/#/casus/${caseId}`);
    await stale
      .locator('#solved-form')
      .waitFor()
      .catch(async (error: Error) => {
        // Say what the tab showed instead, so a failure can be read without a rerun.
        throw new Error(`${error.message}\nmain: ${(await stale.locator('main').textContent())?.slice(0, 600)}\nalert: ${await stale.locator('#alert').textContent()}`);
      });
    await page.fill('#solved-explanation', 'Woningcorporatie en schuldhulp hebben een betalingsregeling getroffen.');
    await page.click('#solved-submit');
    await page.locator('#timeline li[data-kind="opgelost-gemeld"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#context-explanations').textContent()).toContain('betalingsregeling');

    // The process no longer waits for the message: the stale tab's second report is refused in words.
    await stale.fill('#solved-explanation', 'Nogmaals gemeld.');
    await stale.click('#solved-submit');
    await stale.locator('#solved-refused').waitFor();
    // Either the process has moved on or the worker has already closed the case row.
    expect(await stale.locator('#solved-refused').textContent()).toMatch(/wacht niet (\(meer\) |meer )op "casus opgelost"/);
    expect(await page.locator('#timeline li[data-kind="opgelost-gemeld"]').count()).toBe(1);
    await logout(page);
    await page.context().close();
  });
});

describe('manager', () => {
  test('finds a case in the region case list by reference and filters, kept in the link', async () => {
    const page = await stack.newPage();
    await login(page, `manager.${REGION}`);
    await page.getByRole('link', { name: 'Casussen', exact: true }).click();
    await page.locator('#case-filters').waitFor();
    await expect.poll(() => page.title()).toContain('Casussen');
    await page.fill('#case-search', reference);
    await page.click('#case-filter-submit');
    await page.waitForURL(new RegExp(`zoek=${reference}`));
    // The search result, not the unfiltered list still on screen before it.
    await expect.poll(() => page.locator('#cases-summary').textContent()).toContain('1 casus(sen) gevonden');
    await page.locator(`#cases tr[data-case-id="${caseId}"]`).waitFor();
    expect(await page.locator('#cases tbody tr').count()).toBe(1);
    await expectAccessible(page, 'the case list');
    await screenshot(page, 'casussen');
    // The comment thread is for the roles that work the case; the manager is told so.
    await page.locator(`#cases tr[data-case-id="${caseId}"] a`).first().click();
    await page.locator('#comments-denied').waitFor();
    await page.goBack();
    await page.locator(`#cases tr[data-case-id="${caseId}"]`).waitFor();

    // The view is a link: opened fresh it shows the same filters and results.
    const saved = page.url();
    const other = await stack.newPage();
    await login(other, `manager.${REGION}`);
    await other.goto(saved);
    await other.locator(`#cases tr[data-case-id="${caseId}"]`).waitFor();
    expect(await other.inputValue('#case-search')).toBe(reference);
    await other.context().close();

    // Safety cases only: this case is not one, so the list says so in words.
    await page.check('#filter-safety');
    await page.click('#case-filter-submit');
    await page.waitForURL(/veiligheid=ja/);
    await page.locator('#cases-empty').waitFor();
    await page.context().close();
  });
});

describe('manager on the dashboard', () => {
  test('reads names instead of ids, goes from a figure to the cases behind it, and pauses the updates', async () => {
    const fresh = await apiAs<{ id: string; reference: string }>(`coordinator-idt.${REGION}`, `/api/regions/${REGION}/cases`, 'POST', {
      domains: ['jeugd'],
      stuckReason: 'Geen plek in de jeugdzorg; twee aanbieders verwijzen naar elkaar.',
      organisations: ['Jeugdzorg Voorbeeld'],
      safety: false,
      entry: 'regulier',
      person: { name: 'Test Inwoner' },
    });
    expect(fresh.status).toBe(201);
    const page = await stack.newPage();
    await login(page, `manager.${REGION}`);
    await page.goto(`/#/dashboard/${REGION}`);
    const step = FIRST_STEP;
    const row = page.locator('#element-table tbody tr').filter({ hasText: step });
    await eventually(async () => ((await row.count()) > 0 ? true : undefined), 'the new case at the first task of the dashboard', 30_000);
    expect(await page.locator('#element-table').textContent()).not.toContain('Accounthouder_Taak');
    // Tiers by the region's own words.
    // The melding is the coördinator IDT's finding; the open case waits at the accounthouder, trede 2.
    await expect.poll(() => page.locator('#tiers-table').textContent(), { timeout: 30_000 }).toContain('2. Accounthouder Rondom Wijchen');
    await expectAccessible(page, 'the dashboard');
    await screenshot(page, 'dashboard-overzicht');

    // A section whose numbers did not change is not rebuilt when the figures are fetched again.
    await page.evaluate(() => ((document.querySelector('#tiers-table') as HTMLElement & { marked?: boolean }).marked = true));
    await page.selectOption('#dashboard-period', '30');
    await expect.poll(() => page.locator('#status').textContent()).toContain('Laatste 30 dagen');
    expect(await page.evaluate(() => (document.querySelector('#tiers-table') as HTMLElement & { marked?: boolean }).marked)).toBe(true);

    await page.click('#dashboard-pause');
    expect(await page.getAttribute('#dashboard-pause', 'aria-pressed')).toBe('true');
    expect(await page.locator('#dashboard-pause').textContent()).toBe('Bijwerken hervatten');

    // From the count at the step to the cases waiting there.
    await row.getByRole('link').first().click();
    await page.waitForURL(/#\/casussen\/wijchen\?.*stap=Accounthouder_Taak/);
    expect(await page.locator('#cases-element').textContent()).toContain(step);
    await page.locator(`#cases tr[data-case-id="${fresh.body.id}"]`).waitFor();
    expect(await page.locator('#cases tbody tr').count()).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });
});

describe('policy staff', () => {
  test('have Mijn taken with a count in the header, as they receive tasks too', async () => {
    const page = await stack.newPage();
    await login(page, `beleidsmedewerker.${REGION}`);
    const link = page.getByRole('link', { name: /Mijn taken/ });
    await link.waitFor();
    const open = await apiAs<{ total: number }>(`beleidsmedewerker.${REGION}`, '/api/tasks/count');
    await expect.poll(() => page.locator('#task-count').textContent()).toContain(`${open.body.total} openstaande`);
    await link.click();
    await page.locator('#tasks-summary:not(:empty)').waitFor();
    await expectAccessible(page, 'the task list of policy staff');
    await page.context().close();
  });
});
