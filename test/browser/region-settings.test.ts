import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RegionSettings } from '../../domain/region.js';
import { flowModel } from '../api/fixtures.js';
import { testRegion } from '../api/support.js';
import { testContext } from '../support/context.js';
import { upsertRegion } from '../support/seed-case.js';
import { type BrowserStack, apiAs, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/** A region of this file's own, whose live model names accounthouder, portefeuillehouder and casusregisseur. */
const REGION = 'browser-settings';
let stack: BrowserStack;

beforeAll(async () => {
  const setup = testContext();
  await upsertRegion(setup.db, testRegion(REGION));
  await setup.close();
  stack = await startBrowserStack();
  const policy = `beleidsmedewerker.${REGION}`;
  const uploaded = await apiAs<{ version: number }>(stack.baseUrl, policy, `/api/regions/${REGION}/models`, 'POST', { xml: flowModel(REGION), comment: 'eerste versie' });
  expect(uploaded.status).toBe(201);
  expect((await apiAs(stack.baseUrl, policy, `/api/regions/${REGION}/models/${uploaded.body.version}/deploy`, 'POST')).status).toBe(200);
});

afterAll(async () => {
  await stack?.close();
});

describe('settings', () => {
  test('a policy officer adds a role, contacts and a partner, renames them, and cannot remove a role the live model uses', async () => {
    const page = await stack.newPage();
    await login(page, `beleidsmedewerker.${REGION}`);
    await page.goto(`/#/modeler/${REGION}`);
    await page.locator('#settings-form').waitFor();

    await page.fill('#role-accounthouder-name', 'Accounthouder sociaal domein');
    await page.click('#role-accounthouder-add-contact');
    await page.fill('#role-accounthouder-contact-1-name', 'Tara Tweede');
    await page.fill('#role-accounthouder-contact-1-email', 'tara.tweede@example.org');
    await page.fill('#new-role-id', 'wijkcoach');
    await page.fill('#new-role-name', 'Wijkcoach');
    await page.selectOption('#new-role-tier', '1');
    await page.click('#add-role');
    // Focus goes to the new role's "Contact toevoegen".
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('role-wijkcoach-add-contact');
    await page.click('#role-wijkcoach-add-contact');
    await page.fill('#role-wijkcoach-contact-0-name', 'Wies Wijk');
    await page.fill('#role-wijkcoach-contact-0-email', 'wijkcoach@example.org');
    await page.fill('#partner-ggz-oost-name', 'GGZ Oost-Nederland');
    await page.click('#add-partner');
    await page.fill('#partner-partner-2-name', 'Woonpartner (voorbeeld)');
    await page.fill('#partner-partner-2-contact-name', 'Wout Woon');
    await page.fill('#partner-partner-2-contact-email', 'woon@example.org');
    await page.check('#partner-partner-2-mandate');
    await expectAccessible(page, 'the settings with a new role and partner');
    await page.click('#save-settings');
    await expect.poll(() => page.locator('#status').textContent()).toContain('opgeslagen');

    const saved = (await page.evaluate(async (r) => (await fetch(`/api/regions/${r}`)).json(), REGION)) as RegionSettings;
    expect(saved.roles.find((r) => r.id === 'accounthouder')).toMatchObject({ name: 'Accounthouder sociaal domein', contacts: [{}, { email: 'tara.tweede@example.org' }] });
    expect(saved.roles.find((r) => r.id === 'wijkcoach')).toEqual({ id: 'wijkcoach', name: 'Wijkcoach', tier: 1, contacts: [{ name: 'Wies Wijk', email: 'wijkcoach@example.org' }] });
    expect(saved.partners).toEqual([
      { id: 'ggz-oost', name: 'GGZ Oost-Nederland', mandate: true, contact: expect.objectContaining({}) },
      { id: 'partner-2', name: 'Woonpartner (voorbeeld)', mandate: true, contact: { name: 'Wout Woon', email: 'woon@example.org' } },
    ]);

    // A mistyped address is named before anything is sent.
    await page.fill('#role-wijkcoach-contact-0-email', 'wijkcoach-at-example');
    await page.click('#save-settings');
    await expect.poll(() => page.locator('#settings-problems').textContent()).toContain('Rol wijkcoach, contact 1 (e-mail): Vul een geldig e-mailadres in');
    await page.fill('#role-wijkcoach-contact-0-email', 'wijkcoach@example.org');

    // The live model gives tasks to the accounthouder: removing the role is refused, element by element.
    await page.locator('fieldset[data-role="accounthouder"]').getByRole('button', { name: /Rol verwijderen/ }).click();
    await page.click('#save-settings');
    await expect.poll(() => page.locator('#alert').textContent()).toContain('nog gebruikt');
    expect(await page.locator('#settings-problems').textContent()).toContain('"Los op of schaal op" (beoordelen)');
    await expectAccessible(page, 'the settings with a refused change');
    await screenshot(page, 'instellingen-rol-in-gebruik');
    const after = (await page.evaluate(async (r) => (await fetch(`/api/regions/${r}`)).json(), REGION)) as RegionSettings;
    expect(after.roles.map((r) => r.id)).toContain('accounthouder');
    await page.context().close();
  });
});
