import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BrowserStack, apiAs as apiAsUser, cspViolations, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/**
 * Policy staff in a real chromium against the real API, workers and engine: the login page,
 * the app under the API's Content-Security-Policy, and a model change from edit to deployed version.
 */
const REGION = 'wijchen';
let stack: BrowserStack;

const policy = `beleidsmedewerker.${REGION}`;
const apiAs = <T>(path: string, method = 'GET', body?: unknown) => apiAsUser<T>(stack.baseUrl, policy, path, method, body);
type Version = { version: number; deployedAt: string | null };
let settingsBefore: unknown;
let liveXmlBefore: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  // These tests change Wijchen's deadlines and deploy new versions of its model; other test files
  // work Wijchen cases on the same database, so what was live is put back afterwards.
  settingsBefore = (await apiAs<unknown>(`/api/regions/${REGION}`)).body;
  const versions = (await apiAs<Version[]>(`/api/regions/${REGION}/models`)).body;
  const live = versions.filter((v) => v.deployedAt !== null).sort((a, b) => Date.parse(b.deployedAt!) - Date.parse(a.deployedAt!))[0]!;
  liveXmlBefore = (await apiAs<{ xml: string }>(`/api/regions/${REGION}/models/${live.version}`)).body.xml;
});

afterAll(async () => {
  if (stack && settingsBefore) {
    expect((await apiAs(`/api/regions/${REGION}`, 'PUT', settingsBefore)).status).toBe(200);
    const upload = await apiAs<{ version: number }>(`/api/regions/${REGION}/models`, 'POST', { xml: liveXmlBefore, comment: 'Browsertest: het model van voor de test weer live' });
    expect(upload.status).toBe(201);
    expect((await apiAs(`/api/regions/${REGION}/models/${upload.body.version}/deploy`, 'POST')).status).toBe(200);
  }
  await stack?.close();
});

/** The user tasks of the region's newest model version, in document order. */
async function userTasks(page: Page): Promise<Array<{ id: string; group: string }>> {
  return page.evaluate(async (region) => {
    const versions = (await (await fetch(`/api/regions/${region}/models`)).json()) as Array<{ version: number }>;
    const newest = versions.sort((a, b) => b.version - a.version)[0];
    const { xml } = (await (await fetch(`/api/regions/${region}/models/${newest?.version}`)).json()) as { xml: string };
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return [...doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'userTask')].map((el) => ({
      id: el.getAttribute('id') ?? '',
      group: el.getAttributeNS('http://camunda.org/schema/1.0/bpmn', 'candidateGroups') ?? '',
    }));
  }, REGION);
}

test("the login page passes axe and the app runs under the API's Content-Security-Policy", async () => {
  const page = await stack.newPage();
  await page.goto('/');
  await page.getByLabel('Gebruikersnaam').waitFor();
  await expectAccessible(page, 'the login page');
  await screenshot(page, 'inloggen');
  await page.getByLabel('Gebruikersnaam').fill(`beleidsmedewerker.${REGION}`);
  await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect.poll(() => page.locator('#alert').textContent()).toContain('onjuist');
  await page.context().close();

  const strict = await stack.newPage({ strictCsp: true });
  await login(strict, `beleidsmedewerker.${REGION}`);
  await strict.locator('#canvas .djs-shape').first().waitFor({ state: 'attached' });
  await strict.locator('#properties .bio-properties-panel-header').first().waitFor();
  expect(await cspViolations(strict)).toEqual([]);
  await strict.context().close();
});

describe('policy staff', () => {
  test('change a deadline and a candidate group, see a lint finding, fix it and deploy a new version', async () => {
    const page = await stack.newPage();
    await login(page, `beleidsmedewerker.${REGION}`);
    await page.waitForURL(/#\/modeler\/wijchen/);
    await page.locator('#canvas .djs-shape').first().waitFor({ state: 'attached' });
    await page.locator('#settings-form').waitFor();
    await expectAccessible(page, 'the modeler');
    await screenshot(page, 'modeler');

    const tasks = await userTasks(page);
    const first = tasks[0];
    expect(first, 'the Wijchen model has a user task').toBeDefined();
    const [groupRegion, groupRole] = (first as { group: string }).group.split(':');

    // A deadline in seconds instead of working days, edited beside the diagram.
    const key = 'accounthouder';
    await page.locator(`[data-deadline="${key}"]`).waitFor();
    await page.selectOption(`#deadline-${key}-escalate-kind`, 'duration');
    await page.fill(`#deadline-${key}-escalate-value`, 'PT4S');
    await page.selectOption(`#deadline-${key}-remind-kind`, 'duration');
    await page.fill(`#deadline-${key}-remind-value`, 'PT2S');
    await page.click('#save-settings');
    await expect.poll(() => page.locator('#status').textContent()).toContain('opgeslagen');

    // Break a rule: a candidate group whose role the region does not have.
    await page.selectOption('#element-picker', first?.id as string);
    // The modeler speaks Dutch: palette and properties panel.
    expect(await page.locator(`#canvas .djs-palette [aria-label="Taak maken"]`).count()).toBe(1);
    // Beginner's mode (on by default) hides listeners; turning it off shows them.
    const panel = page.locator('#properties');
    await panel.getByText('Algemeen', { exact: true }).waitFor();
    expect(await panel.getByText('Uitvoeringslisteners', { exact: true }).count()).toBe(0);
    await page.uncheck('#beginner-mode');
    await panel.getByText('Uitvoeringslisteners', { exact: true }).waitFor();
    await page.check('#beginner-mode');
    await expect.poll(() => panel.getByText('Uitvoeringslisteners', { exact: true }).count()).toBe(0);
    await page.getByText('Wie voert de taak uit', { exact: true }).click();
    // Candidate groups are a choice between the region's roles, never typed: leaving it empty is the mistake left to make.
    const groups = page.locator('#bio-properties-panel-candidateGroups');
    expect(await groups.evaluate((e) => e.tagName)).toBe('SELECT');
    const offered = await groups.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain(`${groupRegion}:${groupRole}`);
    expect(offered.every((v) => v === '' || v.startsWith(`${groupRegion}:`))).toBe(true);
    await groups.selectOption('');
    const finding = page.locator(`#findings li[data-element-id="${first?.id}"]`);
    await finding.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator(`.dz-lint-badge[data-lint-element="${first?.id}"]`).count()).toBe(1);
    await screenshot(page, 'modeler-lint');

    // Fix it: the task goes to another role the region has, then save and deploy.
    const otherRole = groupRole === 'consulent' ? 'coordinator-idt' : 'consulent';
    await groups.selectOption(`${groupRegion}:${otherRole}`);
    await expect.poll(() => finding.count(), { timeout: 20_000 }).toBe(0);

    const before = await page.locator('#versions tbody tr').count();
    await page.fill('#version-comment', 'Voortgang naar een andere rol, voor de browsertest');
    await page.click('#save-version');
    await expect.poll(() => page.locator('#versions tbody tr').count()).toBe(before + 1);
    const newest = page.locator('#versions tbody tr').first();
    const newestVersion = await newest.getAttribute('data-version');

    // 'Zet live' first asks, with what changes against the live version in words.
    await newest.getByRole('button', { name: /Zet live/ }).click();
    const dialog = page.getByRole('dialog', { name: `Versie ${newestVersion} live zetten?` });
    await dialog.waitFor();
    const changed = dialog.locator(`[data-changed] li[data-element-id="${first?.id}"]`);
    expect(await changed.textContent()).toContain(`Rol gewijzigd: was`);
    expect(await changed.textContent()).toContain(`(${otherRole})`);
    expect(await dialog.locator('#deploy-dialog-cases').textContent()).toMatch(/lopende casus|geen casussen/);
    await expectAccessible(page, 'the deploy confirmation');
    await screenshot(page, 'modeler-zet-live');
    // Cancelling deploys nothing.
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await expect.poll(() => page.locator('#deploy-dialog').count()).toBe(0);
    expect(await newest.locator('td').nth(3).textContent()).toContain('Niet live');

    await newest.getByRole('button', { name: /Zet live/ }).click();
    await page.getByRole('button', { name: `Ja, zet versie ${newestVersion} live` }).click();
    await expect.poll(() => newest.locator('td').nth(3).textContent()).toContain('Live sinds');
    expect((await userTasks(page)).find((t) => t.id === first?.id)?.group).toBe(`${groupRegion}:${otherRole}`);
    await page.context().close();
  });

  test("a worker step added after a task names its role by choosing from the region's roles", async () => {
    const page = await stack.newPage();
    await login(page, `beleidsmedewerker.${REGION}`);
    await page.waitForURL(/#\/modeler\/wijchen/);
    await page.locator('#canvas .djs-shape').first().waitFor({ state: 'attached' });
    const first = (await userTasks(page))[0];
    await page.selectOption('#element-picker', first?.id as string);
    await page.locator('#canvas .djs-context-pad [title="Werkstap erna toevoegen"]').click();
    await page.locator('.djs-popup').getByText('Rol informeren', { exact: true }).click();
    // The new step is selected; its role input is a choice between Wijchen's roles, not a text field.
    const panel = page.locator('#properties');
    await expect.poll(() => panel.locator('.bio-properties-panel-header-label').first().textContent()).toContain('Rol informeren');
    const roleSelect = panel.locator('select').filter({ has: page.locator('option[value="consulent"]') });
    await expect.poll(() => roleSelect.count()).toBeGreaterThan(0);
    const values = await roleSelect.first().locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const settings = await page.evaluate(async (region) => (await (await fetch(`/api/regions/${region}`)).json()) as { roles: { id: string }[] }, REGION);
    expect(values).toEqual(settings.roles.map((r) => r.id));
    await expectAccessible(page, 'the modeler with a worker step selected');
    await page.context().close();
  });
});
