import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserStack, expectAccessible, screenshot, startBrowserStack } from './browser.js';

/**
 * A parent reports a stuck request for help without an account (seed 001 §6.1, §8.1): the public
 * form passes axe (WCAG 2.1 AA) empty, with errors and after sending; the melding lands at the
 * region's first tier with the parent's contact kept apart, and the engine gets no names.
 */
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
  await stack.ctx.db.query('DELETE FROM public_melding_attempt');
});
afterAll(async () => {
  await stack?.ctx.db.query('DELETE FROM public_melding_attempt');
  await stack?.close();
});

test('a parent fills in the public form in plain Dutch, gets told what is missing, and receives a reference', async () => {
  const page = await stack.newPage();
  await page.goto('/#/inwoner/wijchen');
  await page.getByRole('heading', { level: 1, name: 'Loopt uw hulp vast? Meld het hier' }).waitFor();
  expect(await page.title()).toBe('Loopt uw hulp vast? Meld het hier — Doorzet');
  // No app navigation or sign-in on a resident's page.
  expect(await page.getByRole('button', { name: 'Inloggen' }).count()).toBe(0);
  await expectAccessible(page, 'the resident form');

  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.getByText('Vul uw naam in.').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('relatie-ouder');
  expect(await page.getByLabel('Uw naam').getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(page, 'the resident form with errors');

  await page.getByLabel('Ik ben ouder of verzorger van een kind').check();
  await page.getByLabel('Uw naam').fill('Paula Formulier');
  await page.getByLabel('Uw telefoonnummer').fill('06 12345678');
  await page.getByLabel('Naam van degene die hulp nodig heeft').fill('Bram Formulier');
  await page.getByLabel('Geboortedatum (als u die weet)').fill('31-02-2015');
  await page.getByLabel('Wat loopt er vast?').fill('Bram wacht acht maanden op jeugdhulp. Iedereen zegt dat een ander moet betalen.');
  await page.getByLabel('Welke organisaties zijn erbij betrokken? (als u dat weet)').fill('Wijkteam Wijchen, Jeugdzorg Oost');
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.getByText('Deze datum klopt niet. Schrijf hem als dd-mm-jjjj.').waitFor();
  await page.getByLabel('Geboortedatum (als u die weet)').fill('28-02-2015');
  await page.getByRole('button', { name: 'Melding versturen' }).click();

  await page.getByRole('heading', { level: 1, name: 'Bedankt, uw melding is ontvangen' }).waitFor();
  const reference = (await page.locator('#melding-kenmerk').textContent())!.trim();
  expect(reference).toMatch(/^DZ-\d{4}-\d{6}$/);
  await expectAccessible(page, 'the resident form after sending');
  await screenshot(page, 'inwoner-melding');

  const { rows } = await stack.ctx.db.query<{ id: string; region_id: string; current_tier: number; process_instance_key: string; name: string; birth_date: string; relation: string; phone: string }>(
    `SELECT c.id, c.region_id, c.current_tier, c.process_instance_key, p.name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, k.relation, k.phone
       FROM "case" c JOIN case_person p ON p.case_id = c.id JOIN public_melding_contact k ON k.case_id = c.id WHERE c.reference = $1`,
    [reference],
  );
  // Its tier is the model's business from here on (Wijchen's first task is the accounthouder's, trede 2).
  expect(rows[0]).toMatchObject({ region_id: 'wijchen', name: 'Bram Formulier', birth_date: '2015-02-28', relation: 'ouder', phone: '06 12345678' });
  const variables = JSON.stringify(await stack.ctx.engine.variablesOf([rows[0]!.process_instance_key]));
  for (const personal of ['Paula', 'Bram', '06 12345678', 'acht maanden', '2015-02-28']) expect(variables).not.toContain(personal);
  await page.context().close();
});

test('under the API\'s own Content-Security-Policy the form works and breaks no rule', async () => {
  const page = await stack.newPage({ strictCsp: true });
  await page.goto('/#/inwoner/wijchen');
  await page.getByRole('heading', { level: 1, name: 'Loopt uw hulp vast? Meld het hier' }).waitFor();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  await page.goto('/#/inwoner/bestaat-niet');
  await page.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' }).waitFor();
  await page.context().close();
});
