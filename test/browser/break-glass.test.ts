import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserStack, expectAccessible, login, startBrowserStack } from './browser.js';

/**
 * Need-to-know in the browser: a ladder role without a part in the case is refused the resident's
 * data, breaks the glass with a reason, then sees them; the case's own role sees who did and why.
 */
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
});
afterAll(async () => stack?.close());

test('break the glass on the case page, and the case\'s role sees who and why', async () => {
  const melder = await stack.newPage();
  await login(melder, 'coordinator-idt.wijchen');
  await melder.goto('/#/melding/wijchen');
  await melder.locator('#melding-form').waitFor();
  await melder.getByLabel('Jeugd').check();
  await melder.getByLabel('Waarom loopt de hulp vast?').fill('Geen plek in de dagbesteding, niemand pakt het op.');
  await melder.getByLabel('Naam', { exact: true }).fill('Gijs Glas');
  await melder.getByRole('button', { name: 'Melding versturen' }).click();
  await melder.locator('#consent-heading').waitFor();
  const caseUrl = new URL(melder.url()).hash;
  expect(caseUrl).toMatch(/^#\/casus\//);

  const outsider = await stack.newPage();
  await login(outsider, 'burgemeester.wijchen');
  await outsider.goto(`/${caseUrl}`);
  await outsider.getByRole('button', { name: 'Toon gegevens (wordt vastgelegd)' }).click();
  await outsider.locator('#person-denied').waitFor();
  expect(await outsider.locator('#person').textContent()).not.toContain('Gijs');
  await expectAccessible(outsider, 'the case page with the break-the-glass form');
  await outsider.getByRole('button', { name: 'Noodtoegang vragen' }).click();
  await outsider.getByText('Geef een reden van minstens 10 tekens.').waitFor();
  await outsider.getByLabel('Reden (verplicht)').fill('Driehoeksoverleg over deze wijk vanmiddag');
  await outsider.getByRole('button', { name: 'Noodtoegang vragen' }).click();
  await outsider.getByText('Gijs Glas').waitFor();
  // The outsider is not one of the case's roles: no list of grants for them.
  expect(await outsider.locator('#access-grants').count()).toBe(0);

  await melder.reload();
  await melder.locator('#access-grant-list').waitFor();
  const listed = (await melder.locator('#access-grant-list').textContent()) ?? '';
  expect(listed).toContain('burgemeester');
  expect(listed).toContain('Driehoeksoverleg over deze wijk vanmiddag');
  expect(await melder.locator('#timeline [data-kind="noodtoegang"]').count()).toBe(1);
  await expectAccessible(melder, 'the case page with the grant list');
  await melder.context().close();
  await outsider.context().close();
});
