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
    // The refused role is back in the form, so the rest of a change can still be saved.
    await page.locator('fieldset[data-role="accounthouder"]').waitFor();
    await page.context().close();
  });

  test('"Begin met het sjabloonmodel" opens the template as the server copied it for this region', async () => {
    const page = await stack.newPage();
    await login(page, `beleidsmedewerker.${REGION}`);
    await page.goto(`/#/modeler/${REGION}`);
    await page.locator('#settings-form').waitFor();
    await page.getByRole('button', { name: 'Begin met het sjabloonmodel' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Sjabloonmodel geopend');
    // The lanes carry this region's tier names (bpmn/copy.ts), not the template's.
    const settings = (await page.evaluate(async (r) => (await fetch(`/api/regions/${r}`)).json(), REGION)) as RegionSettings;
    const choices = await page.locator('#element-picker option').allTextContents();
    for (const tier of settings.tiers) expect(choices).toContainEqual(expect.stringContaining(`Trede ${tier.number} – ${tier.name}`));
    expect(choices.join('\n')).not.toContain('Middenmanagers (');
    await page.context().close();
  });
});

describe('a new region without code', () => {
  test('a policy officer copies the template in the browser, and a case in the new region escalates by its timer', async () => {
    const NEW = 'proefregio-west';
    const { settings: template } = (await apiAs<{ settings: RegionSettings }>(stack.baseUrl, `beleidsmedewerker.${REGION}`, '/api/region-template')).body;
    const page = await stack.newPage();
    await login(page, `beleidsmedewerker.${REGION}`);
    await page.goto(`/#/modeler/${REGION}`);
    await page.getByRole('link', { name: 'Nieuwe regio op basis van het sjabloon' }).click();
    await page.locator('#region-id').waitFor();

    await page.fill('#region-id', NEW);
    await page.fill('#region-name', 'Proefregio West');
    for (const tier of template.tiers) await page.fill(`#tier-${tier.number}-name`, `Fase ${tier.number} West`);
    for (const role of template.roles) {
      await page.fill(`#role-${role.id}-name`, `${role.name} West`);
      await page.click(`#role-${role.id}-add-contact`);
      await page.fill(`#role-${role.id}-contact-0-name`, `Contact ${role.id}`);
      await page.fill(`#role-${role.id}-contact-0-email`, `${role.id}.west@example.org`);
    }
    await page.fill('#learning-contact-name', 'Lotte Leer');
    await page.fill('#learning-contact-email', 'leren.west@example.org');
    // The first tier's deadline in seconds, so the case escalates while the test waits.
    const firstDeadline = (await page.locator('[data-deadline]').first().getAttribute('data-deadline')) as string;
    await page.selectOption(`#deadline-${firstDeadline}-escalate-kind`, 'duration');
    await page.fill(`#deadline-${firstDeadline}-escalate-value`, 'PT3S');
    await expectAccessible(page, 'the new region form');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'nieuwe-regio');
    await page.click('#save-settings');
    await page.waitForURL(new RegExp(`#/modeler/${NEW}$`));
    await expect.poll(() => page.locator('#versions tr[data-version="1"]').textContent(), { timeout: 15_000 }).toContain('Live sinds');
    await page.getByRole('button', { name: 'Uitloggen' }).click();

    // A case worker of the first tier (a demo account made for the new region) reports a case.
    const reporter = template.roles.filter((r) => r.tier >= 1).sort((a, b) => a.tier - b.tier)[0]!.id;
    await login(page, `${reporter}.${NEW}`);
    await page.goto(`/#/melding/${NEW}`);
    await page.locator('#melding-form').waitFor();
    await page.check('#domain-wonen');
    await page.fill('#stuckReason', 'Geen passende woonplek; partijen wijzen naar elkaar (test nieuwe regio).');
    await page.check('#knelpunt-wachtlijst');
    await page.fill('#organisations', 'Woningcorporatie Voorbeeld');
    await page.fill('#person-name', 'Test Inwoner West');
    await page.fill('#person-birthDate', '02-04-2011');
    await page.click('#submit-melding');
    await page.waitForURL(/#\/casus\//);

    // Nobody acts: the deadline of seconds escalates the case to tier 2, named as the new region names it.
    const escalation = page.locator('#timeline li[data-kind="automatic-escalation"]');
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.locator('#timeline').waitFor();
          return escalation.count();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    expect(await escalation.first().textContent()).toContain('Fase 2 West');
    await page.locator('#case-diagram .dz-position-badge').first().waitFor();
    await page.locator('#diagram-heading').evaluate((e) => e.scrollIntoView());
    await screenshot(page, 'casus-nieuwe-regio');
    await page.context().close();
  });
});
