import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { measureReadability, readabilityProblems } from '../../bpmn/readability.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { regionDirs } from '../../platform/regions.js';

/**
 * The readability bounds (docs/regions.md, "Readability of the diagrams") for every region model:
 * a ladder with one lane per tier, no overlaps, at most three crossings, no bookkeeping steps,
 * readable at fit-to-screen. A model without lanes fails like any other past the bounds.
 */
const models = await Promise.all(
  regionDirs().map(async (region) => ({ region, figures: await measureReadability(fs.readFileSync(path.join(BPMN_DIR, region, 'model.bpmn'), 'utf8')) })),
);

test('every region model is measured', () => {
  expect(models.map((m) => m.region)).toEqual(regionDirs());
  for (const { region, figures } of models) expect(figures.bbox.width, region).toBeGreaterThan(0);
});

test.each(models.map((m) => [m.region, m.figures] as const))('%s is within the bounds', (_region, figures) => {
  expect(readabilityProblems(figures)).toEqual([]);
});
