import { validate } from '@bpmn-io/element-templates-validator';
import { expect, test } from 'vitest';
import { readSeedSettings } from '../../platform/regions.js';
import { workerElementTemplates } from '../../web-modeler/element-templates.js';
import { withRegionChoices } from '../../web-modeler/src/modeler/region-choices.js';
import { registry } from '../../workers/registry.js';

const settings = readSeedSettings('twente');
const templates = withRegionChoices(workerElementTemplates(registry), settings);
const inputs = (name: string) => templates.flatMap((t) => t.properties.filter((p) => p.binding.type === 'camunda:inputParameter' && p.binding.name === name));

test("a worker step's role is chosen from the region's roles, never typed", () => {
  const roles = inputs('role');
  expect(roles.length).toBeGreaterThan(0);
  for (const property of roles) {
    expect(property.type).toBe('Dropdown');
    expect(property.choices?.map((c) => c.value)).toEqual(settings.roles.map((r) => r.id));
    expect(property.choices?.[0]?.name).toContain(settings.roles[0]!.name);
  }
});

test('the adapted templates still pass the element-templates schema', () => {
  for (const template of templates) {
    const result = validate(template as never);
    expect(result.valid, `${template.id}: ${JSON.stringify(result.errors)}`).toBe(true);
  }
});
