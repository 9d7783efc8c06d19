import type { EngineUserTask } from '../../platform/engine/client.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../support/context.js';
import { type BrowserStack, apiAs as apiAsUser, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/**
 * A case worker reports a case and works it to a top-tier decision, the accounthouder tier
 * passing by its timer (seconds, set in the region's settings here); then a manager watches.
 */
const REGION = 'wijchen';
let stack: BrowserStack;
let decisionsBefore = 0;

type Metrics = { decided: number };

/** JSON from the API as a demo user, outside the browser (the test's before/after figures). */
async function apiAs<T>(username: string, path: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await apiAsUser<T>(stack.baseUrl, username, path, method, body);
  expect(response.status, `${method} ${path} as ${username}`).toBe(200);
  return response.body;
}

type Settings = { deadlines: Record<string, Record<string, unknown>> };
let settingsBefore: Settings | undefined;

beforeAll(async () => {
  stack = await startBrowserStack();
  settingsBefore = await apiAs<Settings>(`beleidsmedewerker.${REGION}`, `/api/regions/${REGION}`);
  const settings = structuredClone(settingsBefore);
  settings.deadlines['accounthouder'] = { ...settings.deadlines['accounthouder'], escalateAfter: { duration: 'PT4S' }, remindAfter: { duration: 'PT2S' } };
  await apiAs(`beleidsmedewerker.${REGION}`, `/api/regions/${REGION}`, 'PUT', settings);
  decisionsBefore = (await apiAs<Metrics>(`manager.${REGION}`, `/api/regions/${REGION}/metrics`)).decided;
});

afterAll(async () => {
  // Other files work Wijchen cases on the same database: the accounthouder's working days come back.
  if (stack && settingsBefore) await apiAs(`beleidsmedewerker.${REGION}`, `/api/regions/${REGION}`, 'PUT', settingsBefore);
  await stack?.close();
});

/** The case's open user task, straight from the engine's secondary storage (the test's own view, not the UI's). */
async function openTaskOf(caseId: string): Promise<EngineUserTask | undefined> {
  const open = await stack.ctx.engine.searchUserTasks({ bpmnProcessId: `doorzet-${REGION}`, state: 'CREATED' });
  if (open.length === 0) return undefined;
  const variables = await stack.ctx.engine.variablesOf([...new Set(open.map((t) => t.processInstanceKey))]);
  const instance = variables.find((v) => v.name === 'caseId' && v.value === caseId)?.processInstanceKey;
  return open.find((t) => t.processInstanceKey === instance);
}

/** Fills a task form from its rendered fields: the given choices, a checked box, a short Dutch text elsewhere. */
async function fillForm(page: Page, choices: Record<string, string>): Promise<void> {
  for (const block of await page.locator('#task-form [data-field]').all()) {
    const name = (await block.getAttribute('data-field')) ?? '';
    const radios = block.locator('input[type=radio]');
    if ((await radios.count()) > 0) {
      const wanted = choices[name];
      await (wanted ? block.locator(`input[type=radio][value="${wanted}"]`) : radios.first()).check();
      continue;
    }
    const boxes = block.locator('input[type=checkbox]');
    if ((await boxes.count()) > 0) {
      // A yes/no box, or the first of a list (the board's knelpunten: "Geen passend aanbod").
      await boxes.first().check();
      continue;
    }
    const control = block.locator('input, textarea').first();
    // Dates are typed the Dutch way (dd-mm-jjjj), whatever the browser's language.
    if ((await control.getAttribute('data-date')) !== null) await control.fill('15-01-2025');
    else await control.fill(choices[name] ?? 'Afgestemd met de betrokken partners (test).');
  }
}

async function caseTier(page: Page, caseId: string): Promise<number> {
  const detail = await page.evaluate(async (id) => (await (await fetch(`/api/cases/${id}`)).json()) as { currentTier?: number }, caseId);
  return detail.currentTier ?? 0;
}

type PathStep = { elementId: string; state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' };

/**
 * The case page's diagram against the engine's history: every element passed carries the
 * done (or interrupted) marker, the waiting one the current marker, the timer's flow is marked
 * as taken, and the view is at zoom 1 with the waiting element inside it.
 */
async function expectPathMarked(page: Page, caseId: string): Promise<void> {
  const { elements } = await page.evaluate(async (id) => (await (await fetch(`/api/cases/${id}/path`)).json()) as { elements: PathStep[] }, caseId);
  const markers: Record<string, string[]> = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('#case-diagram .djs-element[data-element-id]')].map((g) => [g.getAttribute('data-element-id'), [...g.classList]]),
    ),
  );
  const interrupted = elements.filter((e) => e.state === 'TERMINATED');
  expect(interrupted.length, 'the timer interrupted a task').toBeGreaterThan(0);
  for (const e of elements) {
    if (!markers[e.elementId]) continue; // containers (event sub-processes) are not in the path's markers
    const wanted = e.state === 'ACTIVE' ? 'dz-current' : e.state === 'COMPLETED' ? 'dz-done' : 'dz-interrupted';
    expect(markers[e.elementId], `${e.elementId} (${e.state})`).toContain(wanted);
  }
  const taken = Object.entries(markers).filter(([, classes]) => classes.includes('dz-taken'));
  expect(taken.length, 'flows marked as taken').toBeGreaterThan(0);
  const view = await page.evaluate(() => {
    const host = document.querySelector('#case-diagram') as HTMLElement;
    const current = document.querySelector('#case-diagram .djs-element.dz-current') as SVGGraphicsElement;
    const layer = document.querySelector('#case-diagram .viewport') as SVGGraphicsElement;
    const h = host.getBoundingClientRect();
    const c = current.getBoundingClientRect();
    return { scale: layer.getCTM()?.a ?? 0, inside: c.left >= h.left && c.right <= h.right && c.top >= h.top && c.bottom <= h.bottom };
  });
  expect(view.scale, 'the case diagram zoom').toBeCloseTo(1, 1);
  expect(view.inside, 'the waiting element is in view').toBe(true);
}

describe('case worker', () => {
  test('report a case and work it to a top-tier decision, the accounthouder tier passed by its timer', async () => {
    const page = await stack.newPage();
    await login(page, `coordinator-idt.${REGION}`);
    await page.getByRole('link', { name: 'Melding maken' }).click();
    await page.locator('#melding-form').waitFor();
    await expectAccessible(page, 'the melding form');
    await page.check('#domain-wonen');
    await page.check('#domain-wmo');
    await page.fill('#stuckReason', 'Geen passende woonplek met begeleiding; aanbieders wijzen naar elkaar.');
    await page.check('#knelpunt-wachtlijst');
    await page.fill('#organisations', 'Woningcorporatie Voorbeeld\nZorgaanbieder Voorbeeld');
    await page.fill('#person-name', 'Test Inwoner');
    await page.fill('#person-birthDate', '02-04-2011');
    await screenshot(page, 'melding');
    await page.click('#submit-melding');
    await page.waitForURL(/#\/casus\//);
    const caseId = page.url().split('#/casus/')[1] as string;
    await page.locator('#case-position:not(:empty)').waitFor();
    await page.click('#show-person');
    await page.locator('#person dl, #person-denied').first().waitFor();
    // The reporter has a role in the case, so the data shows, with the birth date as it was typed.
    expect(await page.locator('#person dl').textContent()).toContain('02-04-2011');
    await page.getByRole('button', { name: 'Uitloggen' }).click();

    let decided = false;
    let timerPassed = false;
    // The first task is the accounthouder's, passed by its timer: the list and the form are
    // checked on the first task someone opens (the board's decision).
    let opened = false;
    // Tasks already completed here: the exported task table follows a completion by a moment,
    // so right after one the old task can still read as open.
    const handled = new Set<string>();
    for (let round = 0; round < 8 && !decided; round++) {
      const open = await eventually(async () => {
        const next = await openTaskOf(caseId);
        return next && !handled.has(next.key) ? next : undefined;
      }, 'the next open task of the case', 30_000);
      const role = /:([a-z0-9-]+)/.exec(open.candidateGroups.join(','))?.[1] as string;
      await login(page, `${role}.${REGION}`);

      if (role === 'accounthouder' && !timerPassed) {
        // Nobody acts: the deadline of seconds escalates the case by itself.
        const tierBefore = await caseTier(page, caseId);
        await eventually(async () => {
          const next = await openTaskOf(caseId);
          return next && next.key !== open.key ? next : undefined;
        }, 'the timer escalation past the accounthouder', 60_000);
        await eventually(async () => ((await caseTier(page, caseId)) > tierBefore ? true : undefined), 'the case row to record the higher tier');
        timerPassed = true;
        handled.add(open.key);
        await page.goto(`/#/casus/${caseId}`);
        await page.locator('#case-diagram .dz-position-badge').first().waitFor();
        await page.locator('#case-path:not(:empty)').waitFor();
        await expectPathMarked(page, caseId);
        await expectAccessible(page, 'the case page');
        await screenshot(page, 'casus');
        await page.locator('#diagram-heading').evaluate((e) => e.scrollIntoView());
        await screenshot(page, 'casus-pad');
        await page.getByRole('button', { name: 'Uitloggen' }).click();
        continue;
      }

      await page.goto(`/#/taken?casus=${caseId}`);
      const row = page.locator(`#tasks tr[data-task-key="${open.key}"]`);
      await row.waitFor({ timeout: 20_000 }).catch(async (error: Error) => {
        // Say what the list did show, so a failure in CI can be read without a rerun.
        const listed = await page.evaluate(async (id) => (await fetch(`/api/tasks?caseId=${id}`)).text(), caseId);
        const shown = await page.locator('main').textContent();
        throw new Error(`${error.message}\nexpected task ${JSON.stringify(open)}\nGET /api/tasks: ${listed.slice(0, 2000)}\npage: ${shown?.slice(0, 1000)}`);
      });
      if (!opened) {
        await expectAccessible(page, 'the task list');
        await screenshot(page, 'taken');
      }
      await row.getByRole('button', { name: /Oppakken/ }).click();
      await expect.poll(() => row.locator('td').nth(4).textContent(), { timeout: 10_000 }).toBe('U');
      await row.getByRole('link').first().click();
      await page.locator('#task-form form').waitFor();
      const form = (await page.locator('#task-form form').getAttribute('id'))?.replace(/^form-/, '');
      if (!opened) {
        opened = true;
        await page.click('#task-form button[type=submit]');
        await expect.poll(() => page.locator('#task-form .field-error:not(:empty)').count()).toBeGreaterThan(0);
        await expectAccessible(page, 'a task form with errors');
        await screenshot(page, 'taak');
      }
      await fillForm(page, { outcome: 'opschalen', responsibleParty: 'Gemeente Wijchen' });
      await page.click('#task-form button[type=submit]');
      await page.waitForURL(/#\/casus\//);
      handled.add(open.key);
      decided = form === 'besluit';
      await page.getByRole('button', { name: 'Uitloggen' }).click();
    }
    expect(timerPassed, 'the accounthouder tier escalated by its timer').toBe(true);
    expect(decided, 'a top-tier decision was recorded').toBe(true);
    await page.context().close();
  });
});

describe('manager', () => {
  test('sees the case on the dashboard and the lead times updated', async () => {
    const page = await stack.newPage();
    await login(page, `manager.${REGION}`);
    await page.goto(`/#/dashboard/${REGION}`);
    await page.locator('#lead-table').waitFor();
    await page.locator('#dashboard-diagram .djs-shape').first().waitFor({ state: 'attached' });
    await expect.poll(async () => Number(await page.locator('#kpi-decisions .kpi-value').textContent()), { timeout: 15_000 }).toBeGreaterThan(decisionsBefore);
    expect(await page.locator('#lead-table tbody tr').nth(1).locator('td').first().textContent()).not.toBe('—');
    expect(await page.locator('#element-table tbody tr').count(), 'the case waits somewhere in the diagram').toBeGreaterThan(0);
    // The reporter's knelpunt and the board's, by their Dutch names.
    const knelpunten = await page.locator('#knelpunten-table').textContent();
    expect(knelpunten).toContain('Wachtlijst');
    expect(knelpunten).toContain('Geen passend aanbod');
    expect(await page.locator('#csv-export').getAttribute('href')).toBe(`/api/regions/${REGION}/metrics.csv`);
    await expectAccessible(page, 'the dashboard');
    await screenshot(page, 'dashboard');
    await page.context().close();
  });
});
