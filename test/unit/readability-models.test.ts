import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { measureReadability, readabilityProblems } from '../../bpmn/readability.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { regionDirs } from '../../platform/regions.js';

/**
 * The readability bounds (docs/regions.md, "Readability of the diagrams") for every region model
 * that has been redrawn as a ladder with lanes. A model without lanes is not converted yet: it is
 * named in the skipped test below. Once every model has lanes, that list is empty and this file
 * holds all of them; then the skip can go and a model without lanes should fail.
 */
const models = await Promise.all(
  regionDirs().map(async (region) => ({ region, figures: await measureReadability(fs.readFileSync(path.join(BPMN_DIR, region, 'model.bpmn'), 'utf8')) })),
);
const converted = models.filter((m) => m.figures.lanes.length > 0);
const pending = models.filter((m) => m.figures.lanes.length === 0).map((m) => m.region);

describe('readability of the region models with lanes', () => {
  test('every region model is measured', () => {
    expect(models.map((m) => m.region)).toEqual(regionDirs());
    for (const { region, figures } of models) expect(figures.bbox.width, region).toBeGreaterThan(0);
  });

  test.each(converted.map((m) => [m.region, m.figures] as const))('%s is within the bounds', (_region, figures) => {
    expect(readabilityProblems(figures)).toEqual([]);
  });

  // Reported, not failed, while the regions are being redrawn: the skip names who is still pending.
  if (pending.length > 0) {
    test.skip(`not yet converted to lanes (pending): ${pending.join(', ')}`, () => {
      expect(pending).toEqual([]);
    });
  }
});
