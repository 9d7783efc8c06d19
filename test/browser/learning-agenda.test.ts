import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoUsers } from '../../api/session/service.js';
import { testRegion } from '../api/support.js';
import { insertCase, upsertRegion } from '../support/seed-case.js';
import { type BrowserStack, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/**
 * The procesregisseur prepares the region's learning meeting (seed 002 "het leerproces"): the open
 * items, among them one whose follow-up date came and one the last meeting left without an outcome,
 * a knelpunt that recurs and must go to the region, a new meeting planned on the proposed date and
 * an outcome recorded for one case.
 */
const REGION = 'leeragenda-browser';
let stack: BrowserStack;
const refs: string[] = [];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startBrowserStack();
  const { db } = stack.ctx;
  const base = testRegion(REGION);
  await upsertRegion(db, {
    ...base,
    roles: [...base.roles, { id: 'procesregisseur', name: 'Procesregisseur', tier: 0, contacts: [] }],
    learningMeeting: { ...base.learningMeeting, name: 'Leertafel', organisers: ['procesregisseur'], recurringKnelpunt: { minCases: 2, periodDays: 365 } },
  });
  await seedDemoUsers(stack.ctx);
  const cases = [
    await insertCase(db, REGION, { knelpunten: ['woonruimte', 'financiering'] }),
    await insertCase(db, REGION, { knelpunten: ['woonruimte'] }),
    await insertCase(db, REGION, { knelpunten: ['gegevensdeling'] }),
  ];
  const items: string[] = [];
  for (const c of cases) {
    refs.push(c.reference);
    await db.query(`UPDATE "case" SET status = 'decided', closed_at = now() - interval '40 days' WHERE id = $1`, [c.id]);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO learning_agenda_item (case_id, meeting_name, meeting_date, created_by_job_key, created_at) VALUES ($1, 'Leertafel', $2, $3, now() - interval '40 days') RETURNING id::text`,
      [c.id, day(-21), `job-${c.id}`],
    );
    items.push(rows[0]!.id);
  }
  // Last meeting, three weeks ago: the first case got a measure to check a week ago, the third was settled, the second not discussed.
  const meeting = '4c7e1a52-0d7e-4a47-9a53-3f1a7b6c9e01';
  await db.query(`INSERT INTO learning_meeting (id, region_id, meeting_date, attendee_roles, created_by) VALUES ($1, $2, $3, '{procesregisseur,accounthouder}', 'test')`, [meeting, REGION, day(-21)]);
  await db.query(`INSERT INTO learning_agenda_outcome (item_id, meeting_id, measure, owner_role, follow_up, recorded_by) VALUES ($1, $2, 'Woningcorporatie zoekt een urgentieplek', 'accounthouder', $3, 'test')`, [items[0], meeting, day(-7)]);
  await db.query(`INSERT INTO learning_agenda_outcome (item_id, meeting_id, measure, owner_role, follow_up, recorded_by) VALUES ($1, $2, 'Convenant gegevensdeling getekend', 'beleidsmedewerker', NULL, 'test')`, [items[2], meeting]);
});
afterAll(async () => {
  await stack?.close();
});

test('the procesregisseur plans the learning meeting and records an outcome; unresolved cases return and a recurring knelpunt is flagged', async () => {
  const page = await stack.newPage();
  await login(page, `procesregisseur.${REGION}`);
  await page.getByRole('link', { name: 'Leeragenda' }).click();
  await page.getByRole('heading', { level: 1, name: `Leeragenda Testregio ${REGION}` }).waitFor();

  // "Woonruimte" in two cases: flagged for the region, on the table and on both items that name it.
  expect(await page.locator('#recurring-table tr[data-knelpunt="woonruimte"] td').allTextContents()).toEqual(['2', 'Agenderen bij de regio']);
  expect(await page.locator('#recurring-table tbody tr').count()).toBe(1);
  const open = page.locator('#open-items');
  for (const ref of [refs[0]!, refs[1]!]) {
    const item = open.locator(`li[data-case="${ref}"]`);
    expect(await item.locator('.returning').textContent()).toContain('terug op de agenda');
    expect(await item.locator('.flag-region').textContent()).toContain('agenderen bij de regio');
  }
  expect(await open.locator(`li[data-case="${refs[0]}"]`).textContent()).toContain('Woningcorporatie zoekt een urgentieplek');
  // Settled at the last meeting: not open any more.
  expect(await open.locator(`li[data-case="${refs[2]}"]`).count()).toBe(0);
  await expectAccessible(page, 'the learning agenda');

  // The proposed date follows the region's rhythm (Wednesday, every 4 weeks).
  const proposed = await page.getByLabel('Datum').inputValue();
  const [d, m, y] = proposed.split('-').map(Number);
  expect(new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()).toBe(3);
  await page.getByLabel('Accounthouder').check();
  await page.getByRole('button', { name: 'Overleg plannen' }).click();
  const next = page.locator(`section.meeting[data-date="${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}"]`);
  await next.waitFor();
  expect(await next.locator('li.agenda-item').count()).toBe(2);

  const item = next.locator(`li[data-case="${refs[1]}"]`);
  await item.getByLabel('Maatregel of afspraak').fill('Regio bespreekt tekort aan urgentiewoningen');
  await item.getByLabel('Eigenaar (rol)').selectOption('beleidsmedewerker');
  await item.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
  await page.locator(`section.meeting[data-date="${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}"] li[data-case="${refs[1]}"] .outcome`).waitFor();
  expect(await page.locator(`section.meeting li[data-case="${refs[1]}"] .outcome`).first().textContent()).toContain('Regio bespreekt tekort aan urgentiewoningen');
  // Settled, so no longer open; the first case is still open for this meeting.
  expect(await page.locator(`#open-items li[data-case="${refs[1]}"]`).count()).toBe(0);
  expect(await page.locator(`#open-items li[data-case="${refs[0]}"]`).count()).toBe(1);
  await expectAccessible(page, 'the learning agenda after recording an outcome');
  await screenshot(page, 'leeragenda');

  // A manager of the region reads it, without the planning form or outcome forms.
  const manager = await stack.newPage();
  await login(manager, `manager.${REGION}`);
  await manager.getByRole('link', { name: 'Leeragenda' }).click();
  await manager.locator('#meetings').waitFor();
  expect(await manager.locator('#plan-meeting').count()).toBe(0);
  expect(await manager.locator('.outcome-form').count()).toBe(0);
});
