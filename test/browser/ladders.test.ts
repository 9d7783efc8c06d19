import fs from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { READABILITY_BOUNDS } from '../../bpmn/readability.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { type BrowserStack, expectAccessible, login, screenshot, startBrowserStack } from './browser.js';

/**
 * Issue 10's test of a ladder: the whole diagram readable at the modeler's fit-to-screen zoom in a
 * 1400×1000 window. `npm run lint:bpmn` computes the scale from the diagram's bounds; this reads the
 * scale bpmn-js really chose, in the page policy staff use, for every region's model.
 */
const REGIONS = fs.readdirSync(BPMN_DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && fs.existsSync(`${BPMN_DIR}/${d.name}/model.bpmn`)).map((d) => d.name);
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
});
afterAll(async () => stack?.close());

test.each(REGIONS)('the %s ladder fits a 1400×1000 window at a readable scale', async (region) => {
  const page = await stack.newPage();
  await login(page, `beleidsmedewerker.${region}`);
  await page.goto(`/#/modeler/${region}`);
  await page.locator('#canvas .djs-shape').first().waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Alleen het diagram' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Eigenschappen tonen' }).getAttribute('aria-pressed')).toBe('true');
  await page.evaluate(() => document.querySelector('.modeler-layout')?.scrollIntoView());
  const view = await page.evaluate(() => {
    const layer = document.querySelector('#canvas .viewport') as SVGGraphicsElement;
    const canvas = (document.querySelector('#canvas') as HTMLElement).getBoundingClientRect();
    // The drawn shape, not its group: the group's selection outline reaches a few pixels beyond it.
    const shapes = [...document.querySelectorAll('#canvas .djs-shape > .djs-visual')].map((v) => Object.assign(v.getBoundingClientRect(), { id: v.parentElement?.getAttribute('data-element-id') }));
    return {
      scale: layer.transform.baseVal.consolidate()?.matrix.a ?? 0,
      canvas: { width: canvas.width, height: canvas.height },
      outside: shapes.filter((r) => r.width > 0 && (r.left < canvas.left - 1 || r.right > canvas.right + 1 || r.top < canvas.top - 1 || r.bottom > canvas.bottom + 1)).map((r) => `${r.id} ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.right)},${Math.round(r.bottom)} in ${Math.round(canvas.left)},${Math.round(canvas.top)} ${Math.round(canvas.right)},${Math.round(canvas.bottom)}`),
    };
  });
  expect(view.canvas.width, 'the canvas takes the window').toBeGreaterThan(1300);
  expect(view.scale, `${region}: fit-to-screen scale`).toBeGreaterThanOrEqual(READABILITY_BOUNDS.minScale - 0.05);
  expect(view.outside, `${region}: shapes outside the canvas at fit-to-screen`).toEqual([]);
  await screenshot(page, `ladder-${region}`);
  if (region === REGIONS[0]) await expectAccessible(page, 'the modeler with the diagram alone');
  await page.context().close();
});
