import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserStack, expectAccessible, login, startBrowserStack } from './browser.js';

/**
 * Twente (seed 003, advies 2): the verantwoordelijke gemeente is the case's own, so the melding asks
 * for the inwoner's gemeente from the region's list, and refuses to go without one.
 */
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
});
afterAll(async () => stack?.close());

test("a Twente melding names the inwoner's gemeente; the case starts with it", async () => {
  const page = await stack.newPage();
  // In Twente a case is brought to a regional overlegtafel (trede 1).
  await login(page, 'regionale-tafel.twente');
  await page.goto('/#/melding/twente');
  await page.locator('#melding-form').waitFor();
  const gemeente = page.getByLabel('Gemeente van de inwoner');
  await gemeente.waitFor();
  expect(await gemeente.locator('option').count()).toBe(15); // "Kies een gemeente" and the 14 Twentse gemeenten
  // Twente's model has no safety route and no direct entry (seed 003): the form does not offer them; crisis spans it has.
  expect(await page.locator('#safety').count()).toBe(0);
  expect(await page.locator('#entry-direct').count()).toBe(0);
  expect(await page.getByLabel(/Crisis: de kortere crisistermijnen/).count()).toBe(1);
  await page.getByLabel('Geestelijke gezondheid (ggz)').check();
  await page.getByLabel('Waarom loopt de hulp vast?').fill('Geen passende plek; de tafel komt er niet uit.');
  await page.getByLabel('Naam', { exact: true }).fill('Gijs Gemeente');
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect.poll(() => page.locator('#gemeente-error').textContent()).toBe('Kies de gemeente van de inwoner.');
  await gemeente.selectOption({ label: 'Hengelo' });
  await expectAccessible(page, 'the Twente melding form with the gemeente');
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/#\/casus\//);
  const id = decodeURIComponent(page.url().split('#/casus/')[1]!);
  const { rows } = await stack.ctx.db.query<{ details: { gemeente?: string } }>(`SELECT details FROM case_event WHERE case_id = $1 AND kind = 'melding'`, [id]);
  expect(rows[0]?.details.gemeente).toBe('hengelo');
  await page.context().close();
});
