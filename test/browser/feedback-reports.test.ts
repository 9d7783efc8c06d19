import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoUsers } from '../../api/session/service.js';
import { testRegion } from '../api/support.js';
import { insertCase, upsertRegion } from '../support/seed-case.js';
import { type BrowserStack, apiAs, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/**
 * The regional portefeuillehouder reads the fixed-format reports of the region (seed 003, advies 2):
 * all of them, then those of the first half of 2024, and downloads that period as CSV.
 */
const REGION = 'terugkoppeling-browser';
let stack: BrowserStack;
const refs: Record<'winter' | 'spring' | 'autumn', string> = { winter: '', spring: '', autumn: '' };

beforeAll(async () => {
  stack = await startBrowserStack();
  const { db } = stack.ctx;
  await upsertRegion(db, testRegion(REGION));
  await seedDemoUsers(stack.ctx);
  const report = async (key: keyof typeof refs, reportedAt: string, form: Record<string, unknown> | null) => {
    const c = await insertCase(db, REGION, { responsibleParty: 'GGZ Oost', knelpunten: ['woonruimte'] });
    refs[key] = c.reference;
    await db.query(`UPDATE "case" SET status = 'decided', current_tier = 3, closed_at = $2 WHERE id = $1`, [c.id, reportedAt]);
    await db.query(
      `INSERT INTO report_back (case_id, case_reference, tier_reached, meeting_date, responsible_party, status, knelpunten, created_by_job_key, reported_at,
                                form_task_key, meeting_held_on, responsible_municipality, partners, solution, solution_description, agreements, missing_provision, deadline_passed)
       VALUES ($1, $2, 3, $3::timestamptz - interval '3 days', 'GGZ Oost', 'decided', '{woonruimte}', $4, $3, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        c.id,
        c.reference,
        reportedAt,
        `job-${c.id}`,
        form ? `task-${c.id}` : null,
        form?.heldOn ?? null,
        form?.municipality ?? null,
        form?.partners ?? null,
        form?.solution ?? null,
        form?.description ?? null,
        form?.agreements ?? null,
        form?.missing ?? null,
        form === null,
      ],
    );
  };
  await report('winter', '2024-02-12T10:00:00Z', {
    heldOn: '2024-02-08',
    municipality: 'Gemeente Voorbeeld',
    partners: 'GGZ Oost, Woonstichting',
    solution: 'gevonden',
    description: 'Plek in beschermd wonen',
    agreements: 'GGZ Oost start binnen twee weken',
    missing: 'Beschermd wonen voor jongvolwassenen',
  });
  // Trede 3 ran out of time: no form, the report says what is known.
  await report('spring', '2024-05-20T10:00:00Z', null);
  await report('autumn', '2024-09-02T10:00:00Z', {
    heldOn: '2024-08-29',
    municipality: 'Gemeente Anders',
    partners: 'GGZ Oost',
    solution: 'niet-gevonden',
    description: null,
    agreements: 'Verzoek aan de minister voorbereiden',
    missing: null,
  });
});
afterAll(async () => {
  await stack?.close();
});

test('the portefeuillehouder filters the Terugkoppelingen by period and downloads them as CSV; the page passes axe', async () => {
  const page = await stack.newPage();
  await login(page, `portefeuillehouder.${REGION}`);
  await page.getByRole('link', { name: 'Terugkoppelingen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Terugkoppelingen' }).waitFor();
  const table = page.locator('#feedback-table');
  await table.waitFor();
  expect(await table.locator('tbody tr').count()).toBe(3);
  await expectAccessible(page, 'the Terugkoppelingen page');

  await page.getByLabel('Van (optioneel)').fill('01-01-2024');
  await page.getByLabel('Tot en met (optioneel)').fill('30-06-2024');
  await page.getByRole('button', { name: 'Toon terugkoppelingen' }).click();
  await page.getByText('2 terugkoppelingen (van 01-01-2024 tot en met 30-06-2024); 1 met ontbrekend aanbod, 1 waarbij de termijn van het overleg verstreek.').waitFor();
  const rows = table.locator('tbody tr');
  expect(await rows.locator('th').allTextContents()).toEqual([refs.spring, refs.winter]);
  const spring = rows.filter({ hasText: refs.spring });
  expect(await spring.textContent()).toContain('Verstreken: automatisch opgeschaald');
  expect(await spring.textContent()).toContain('Niet ingevuld');
  const winter = rows.filter({ hasText: refs.winter });
  expect(await winter.textContent()).toContain('Beschermd wonen voor jongvolwassenen');
  expect(await winter.textContent()).toContain('gevonden: Plek in beschermd wonen');
  await expectAccessible(page, 'the Terugkoppelingen page filtered');
  await screenshot(page, 'terugkoppelingen');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporteer als CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`terugkoppelingen-${REGION}-van-2024-01-01-tot-2024-06-30.csv`);
  const csv = await new Response((await download.createReadStream()) as unknown as ReadableStream).text();
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe(
    'datum terugkoppeling,casus,hoogste trede,stand,datum overleg,termijn overleg,verantwoordelijke gemeente,partners aan tafel,oplossing,omschrijving oplossing,afspraken,verantwoordelijke partij,ontbrekend aanbod,knelpunten',
  );
  expect(lines.slice(1)).toEqual([
    `2024-05-20,${refs.spring},3,besloten,,verstreken,,,,,,GGZ Oost,,Geen woonruimte`,
    `2024-02-12,${refs.winter},3,besloten,2024-02-08,binnen de termijn,Gemeente Voorbeeld,"GGZ Oost, Woonstichting",gevonden,Plek in beschermd wonen,GGZ Oost start binnen twee weken,GGZ Oost,Beschermd wonen voor jongvolwassenen,Geen woonruimte`,
  ]);
  // Cases by reference only: the resident's name is in none of it.
  expect(csv).not.toContain('Fenna Fictief');

  // The manager of the same region neither sees the page in the menu nor gets the reports.
  const manager = await stack.newPage();
  await login(manager, `manager.${REGION}`);
  await manager.getByRole('link', { name: 'Dashboard' }).waitFor();
  expect(await manager.getByRole('link', { name: 'Terugkoppelingen' }).count()).toBe(0);
  expect((await apiAs(stack.baseUrl, `manager.${REGION}`, `/api/regions/${REGION}/feedback-reports`)).status).toBe(403);
  await page.context().close();
  await manager.context().close();
});
