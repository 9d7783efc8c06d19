import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserStack, expectAccessible, login, startBrowserStack } from './browser.js';

/** Consent and family involvement recorded on the melding, shown on the case page with who and when. */
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
});
afterAll(async () => stack?.close());

test('the melding records consent and family involvement, and the case page shows who recorded it', async () => {
  const page = await stack.newPage();
  await login(page, 'coordinator-idt.wijchen');
  await page.goto('/#/melding/wijchen');
  await page.locator('#melding-form').waitFor();
  await page.getByLabel('Jeugd').check();
  await page.getByLabel('Waarom loopt de hulp vast?').fill('School en jeugdhulp wachten op elkaar.');
  await page.getByLabel('Naam', { exact: true }).fill('Tim Toestemming');
  await page.getByLabel('Toestemming van de inwoner of de ouders om gegevens te delen').selectOption('gegeven');
  await page.getByLabel('Het gezin is betrokken bij de melding').check();
  await expectAccessible(page, 'the melding form with consent');
  await page.getByRole('button', { name: 'Melding versturen' }).click();

  await page.locator('#consent-records').waitFor();
  const record = (await page.locator('#consent-records li').first().textContent()) ?? '';
  expect(record).toContain('Toestemming gegeven; gezin betrokken');
  expect(record).toContain('coordinator-idt');
  expect(await page.locator('#consent-missing').count()).toBe(0);
  await expectAccessible(page, 'the case page with consent');
  await page.context().close();
});
