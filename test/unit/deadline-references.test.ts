import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { deadlineReferences } from '../../bpmn/validate.js';
import { BPMN_DIR } from '../../platform/deploy.js';

const model = (region: string) => fs.readFileSync(path.join(BPMN_DIR, region, 'model.bpmn'), 'utf8');
const ids = (uses: Map<string, Array<{ id: string }>>, key: string) => (uses.get(key) ?? []).map((e) => e.id).sort();

test('the bean form: the user task due date and both timers name the key', async () => {
  const uses = await deadlineReferences(model('almere'), ['fase-2', 'hulp-gestart', 'niet-genoemd']);
  expect(ids(uses, 'fase-2')).toEqual(['Fase2_Herinnering', 'Fase2_Taak', 'Fase2_Verlopen']);
  expect(ids(uses, 'hulp-gestart')).toEqual(['Controle_Taak', 'Controle_Verlopen']);
  expect(uses.has('niet-genoemd')).toBe(false);
  expect(uses.get('fase-2')).toContainEqual({ id: 'Fase2_Taak', name: 'Zorgcoördinatie: los op of schaal op' });
});

test('models not yet redrawn: plan-deadline and the variables it sets (dashes as underscores) name the key', async () => {
  const uses = await deadlineReferences(model('wijchen'), ['coordinator-idt']);
  expect(ids(uses, 'coordinator-idt')).toEqual(['IDT_Herinnering', 'IDT_Taak', 'IDT_Termijn', 'IDT_Verlopen']);
});

test('only the keys asked about are looked for', async () => {
  expect([...(await deadlineReferences(model('almere'), ['fase-3'])).keys()]).toEqual(['fase-3']);
});
