import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoUsers } from '../../api/session/service.js';
import { testRegion } from '../api/support.js';
import { insertCase, upsertRegion } from '../support/seed-case.js';
import { type BrowserStack, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/**
 * After a closed case the case worker hands the resident a one-time link, the resident answers in
 * plain Dutch, and the manager reads it with the year's figures in the Jaarevaluatie, prints it and
 * downloads it as CSV.
 */
const REGION = 'evaluatie-browser';
const YEAR = new Date().getFullYear();
let stack: BrowserStack;
let closedCase: { id: string; reference: string };

beforeAll(async () => {
  stack = await startBrowserStack();
  const { db } = stack.ctx;
  await upsertRegion(db, testRegion(REGION));
  await seedDemoUsers(stack.ctx);
  const cases = [
    await insertCase(db, REGION, { knelpunten: ['capaciteit'] }),
    await insertCase(db, REGION, { knelpunten: ['capaciteit'] }),
    await insertCase(db, REGION),
  ];
  closedCase = cases[0]!;
  await db.query(`UPDATE "case" SET status = 'decided', current_tier = 3, responsible_party = 'GGZ Oost', closed_at = now() WHERE id = $1`, [closedCase.id]);
  await db.query(`UPDATE "case" SET status = 'solved', current_tier = 2, closed_at = now() WHERE id = $1`, [cases[1]!.id]);
  // The casusregisseur made the melding (need-to-know, as the API records a melding).
  await db.query(
    `INSERT INTO audit_log (event, case_id, client_reference, region_id, user_name, responsible_role, route, outcome, status) VALUES ('case.create', $1, $2, $3, 'test', 'casusregisseur', 'test', 'allowed', 201)`,
    [closedCase.id, closedCase.reference, REGION],
  );
  const { rows } = await db.query<{ id: string }>(`INSERT INTO learning_agenda_item (case_id, meeting_name, meeting_date, created_by_job_key) VALUES ($1, 'Leertafel', now(), 'job-eval') RETURNING id::text`, [closedCase.id]);
  await db.query(`INSERT INTO learning_meeting (id, region_id, meeting_date, attendee_roles, created_by) VALUES ('0b8f6c2e-7f1d-4d0a-9d5e-1c2b3a4d5e6f', $1, now()::date, '{beleidsmedewerker}', 'test')`, [REGION]);
  await db.query(`INSERT INTO learning_agenda_outcome (item_id, meeting_id, measure, owner_role, follow_up, recorded_by) VALUES ($1, '0b8f6c2e-7f1d-4d0a-9d5e-1c2b3a4d5e6f', 'Crisisplekken GGZ regionaal inkopen', 'beleidsmedewerker', NULL, 'test')`, [rows[0]!.id]);
});
afterAll(async () => {
  await stack?.close();
});

test('the case worker makes a one-time link on the closed case and the resident answers the question with it', async () => {
  const page = await stack.newPage();
  await login(page, `casusregisseur.${REGION}`);
  await page.goto(`/#/casus/${closedCase.id}`);
  await page.getByRole('heading', { name: 'Vraag aan de inwoner' }).waitFor();
  await page.getByRole('button', { name: 'Maak een link voor de inwoner' }).click();
  const url = await page.getByLabel('Link voor de inwoner').inputValue();
  expect(url).toMatch(/#\/ervaring\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page, 'the closed case with the link for the resident');

  const resident = await stack.newPage();
  await resident.goto(url);
  await resident.getByRole('heading', { level: 1, name: 'Hoe vond u de hulp?' }).waitFor();
  expect(await resident.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);
  await expectAccessible(resident, 'the resident question');
  // Sending without a mark says what to do.
  await resident.getByRole('button', { name: 'Antwoord versturen' }).click();
  expect(await resident.locator('#cijfer-error').textContent()).toBe('Kies een cijfer.');
  await resident.getByLabel('4 – Goed').check();
  await resident.getByLabel('Wilt u nog iets zeggen? (Dit mag leeg blijven.)').fill('Eindelijk werd er knoop doorgehakt.');
  await screenshot(resident, 'ervaring-inwoner');
  await resident.getByRole('button', { name: 'Antwoord versturen' }).click();
  await resident.getByRole('heading', { level: 1, name: 'Bedankt voor uw antwoord' }).waitFor();
  await expectAccessible(resident, 'the resident thank-you');

  // The link works once.
  const again = await stack.newPage();
  await again.goto(url);
  await again.getByRole('heading', { level: 1, name: 'Deze link werkt niet meer' }).waitFor();

  await page.reload();
  await page.locator('#client-feedback-answered').waitFor();
});

test('a manager opens the Jaarevaluatie, sees the year in numbers, prints it and downloads the CSV, and chooses any period on the dashboard', async () => {
  const page = await stack.newPage();
  await login(page, `manager.${REGION}`);
  await page.getByRole('link', { name: 'Jaarevaluatie' }).click();
  await page.getByRole('heading', { level: 1, name: `Jaarevaluatie ${YEAR} Testregio ${REGION}` }).waitFor();
  expect(await page.locator('#eval-meldingen-count').textContent()).toBe('3');
  expect(await page.locator('#status-table tbody tr').filter({ hasText: 'Besluit genomen' }).locator('td').textContent()).toBe('1');
  // Trede 3: decided there and the highest tier of that case.
  const top = await page.locator('#tier-table tbody tr').filter({ hasText: 'Bestuurlijk' }).locator('td').allTextContents();
  expect(top.slice(0, 3)).toEqual(['0', '1', '1']);
  expect(await page.locator('#eval-knelpunten-table tbody tr').first().textContent()).toBe('Capaciteit en personeel2');
  expect(await page.locator('#eval-learning-table tbody').textContent()).toContain('Crisisplekken GGZ regionaal inkopen');
  expect(await page.locator('#eval-client-summary').textContent()).toBe('1 antwoord, gemiddeld cijfer 4 (van 1 tot en met 5).');
  expect(await page.locator('#eval-client-comments').textContent()).toContain('Eindelijk werd er knoop doorgehakt.');
  await expectAccessible(page, 'the yearly evaluation');
  await screenshot(page, 'jaarevaluatie');

  // Printed: the report without the app around it.
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('#nav').isVisible()).toBe(false);
  expect(await page.locator('#evaluation-year').isVisible()).toBe(false);
  expect(await page.locator('#eval-client').isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download als CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`doorzet-${REGION}-jaarevaluatie-${YEAR}.csv`);
  const csv = await new Response((await download.createReadStream()) as unknown as ReadableStream).text();
  expect(csv.split('\r\n')).toEqual(expect.arrayContaining(['meldingen,aantal meldingen,3,', 'cliëntervaring,aantal antwoorden,1,', 'cliëntervaring,gemiddeld cijfer (1-5),,4']));

  // The dashboard's figures over any period: the year before has no knelpunten, this year has them.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.locator('#knelpunten-table').waitFor();
  expect(await page.locator('#period-custom').isVisible()).toBe(false);
  await page.getByLabel('Periode (doorlooptijden, opschalingen, knelpunten)').selectOption('eigen');
  await page.getByLabel('Van').fill(`01-01-${YEAR - 1}`);
  await page.getByLabel('Tot en met').fill(`31-12-${YEAR - 1}`);
  await page.getByRole('button', { name: 'Toon cijfers' }).click();
  await page.getByText('Nog geen knelpunten geregistreerd in deze periode.').waitFor();
  expect(await page.locator('#csv-export').getAttribute('href')).toBe(`/api/regions/${REGION}/metrics.csv?van=${YEAR - 1}-01-01&tot=${YEAR - 1}-12-31`);
  await page.getByLabel('Van').fill(`01-01-${YEAR}`);
  await page.getByLabel('Tot en met').fill(`31-12-${YEAR}`);
  await page.getByRole('button', { name: 'Toon cijfers' }).click();
  await page.locator('#knelpunten-table').waitFor();
  await expectAccessible(page, 'the dashboard with a period of its own');

  // Another year: nothing yet.
  await page.getByRole('link', { name: 'Jaarevaluatie' }).click();
  await page.locator('#evaluation-year').waitFor();
  await page.getByLabel('Jaar').selectOption(String(YEAR - 1));
  await page.getByRole('heading', { level: 1, name: `Jaarevaluatie ${YEAR - 1} Testregio ${REGION}` }).waitFor();
  expect(await page.locator('#eval-meldingen-count').textContent()).toBe('0');
});
