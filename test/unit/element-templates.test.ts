import { validate } from '@bpmn-io/element-templates-validator';
import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { describe, expect, test } from 'vitest';
import { workerElementTemplates } from '../../web-modeler/element-templates.js';
import { CAMUNDA_NS, ELEMENT_TEMPLATE_SCHEMA } from '../../web-modeler/src/modeler/camunda.js';
import { keepingInputValues, type ModdleElement, type ModdleFactory, templatedBusinessObject } from '../../web-modeler/src/modeler/features/worker-palette/template-element.js';
import type { ElementTemplate } from '../../web-modeler/src/modeler/types.js';
import { registry } from '../../workers/registry.js';

/**
 * The modeler's element templates are Camunda 7 (Operaton) external tasks generated from the
 * workers' registry: a template for a topic no worker fetches, or one that is not an external
 * task, would let policy staff draw a step that waits forever.
 */
const templates = workerElementTemplates(registry);
const topics = Object.keys(registry);

/** bpmn-moddle's typings leave out the moddle methods the test calls. */
type Moddle = ModdleFactory & { toXML(element: unknown): Promise<{ xml: string }>; fromXML(xml: string): Promise<{ rootElement: unknown }> };

const hidden = (template: ElementTemplate, name: string) =>
  template.properties.find((p) => p.type === 'Hidden' && p.binding.type === 'property' && p.binding.name === name)?.value;

test('one template per worker, with its Dutch label and description', () => {
  expect(templates.map((t) => t.id).sort()).toEqual(topics.map((topic) => `nl.doorzet.${topic}`).sort());
  for (const topic of topics) {
    const template = templates.find((t) => t.id === `nl.doorzet.${topic}`)!;
    expect(template.name).toBe(registry[topic]!.label);
    expect(template.description).toBe(registry[topic]!.description);
  }
});

describe.each(templates.map((t) => [t.id, t] as const))('%s', (_id, template) => {
  test('is an external service task whose topic a worker in the registry fetches', () => {
    expect(template.appliesTo).toEqual(['bpmn:ServiceTask']);
    expect(hidden(template, 'camunda:type')).toBe('external');
    expect(topics).toContain(hidden(template, 'camunda:topic'));
    expect(template.id).toBe(`nl.doorzet.${hidden(template, 'camunda:topic')}`);
  });

  test('follows the Camunda 7 element-template schema and binds only camunda: names', () => {
    expect(template.$schema).toBe(ELEMENT_TEMPLATE_SCHEMA);
    const result = validate(template);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const { binding } of template.properties) {
      expect(['property', 'camunda:inputParameter']).toContain(binding.type);
      if (binding.type === 'property') expect(binding.name).toMatch(/^camunda:/);
    }
  });

  test('the worker palette turns it into an external task in the camunda: namespace', async () => {
    const moddle = new BpmnModdle({ camunda: camundaModdle }) as unknown as Moddle;
    const task = templatedBusinessObject(template, moddle);
    task['id'] = 'Stap_1';
    const process = moddle.create('bpmn:Process', { id: 'doorzet-test', isExecutable: true, flowElements: [task] });
    const definitions = moddle.create('bpmn:Definitions', { id: 'Definitions_1', targetNamespace: 'https://doorzet.example.org/bpmn/test', rootElements: [process] });
    const { xml } = await moddle.toXML(definitions);
    const topic = hidden(template, 'camunda:topic');
    expect(xml).toContain(`xmlns:camunda="${CAMUNDA_NS}"`);
    expect(xml).toMatch(new RegExp(`<bpmn:serviceTask [^>]*camunda:type="external"[^>]*camunda:topic="${topic}"`));
    expect(xml).toContain(`camunda:modelerTemplate="${template.id}"`);
    expect(xml).not.toMatch(/zeebe/i);

    // Read back as the engine's REST deploy would see it: each required input is a camunda:inputParameter.
    const { rootElement } = await moddle.fromXML(xml);
    const read = ((rootElement as unknown as { rootElements: Array<{ flowElements: ModdleElement[] }> }).rootElements[0]!.flowElements[0]!);
    expect(read.$type).toBe('bpmn:ServiceTask');
    expect(read['type']).toBe('external');
    expect(read['topic']).toBe(topic);
    const inputs = template.properties.filter((p) => p.binding.type === 'camunda:inputParameter').map((p) => p.binding.name);
    const io = ((read['extensionElements'] as { values?: ModdleElement[] } | undefined)?.values ?? []).find((v) => v.$type === 'camunda:InputOutput');
    expect(((io?.['inputParameters'] as ModdleElement[] | undefined) ?? []).map((p) => p['name'])).toEqual(inputs);
  });
});

test('typed inputs are JUEL literals and optional inputs stay out (they would hide the process variable)', () => {
  const tier = templates.find((t) => t.id === 'nl.doorzet.record-tier-change')!;
  expect(tier.properties.find((p) => p.binding.name === 'automatic')?.choices?.map((c) => c.value)).toEqual(['${false}', '${true}']);
  const pattern = new RegExp(tier.properties.find((p) => p.binding.name === 'tier')!.constraints!.pattern!.value);
  expect(pattern.test('${2}')).toBe(true);
  expect(pattern.test('2')).toBe(false);
  const inform = templates.find((t) => t.id === 'nl.doorzet.inform-parties')!;
  expect(inform.properties.map((p) => p.binding.name)).not.toContain('responsibleParty');
});

test("choosing a template for a configured step keeps the step's input values", () => {
  const moddle = new BpmnModdle({ camunda: camundaModdle }) as unknown as Moddle;
  const template = templates.find((t) => t.id === 'nl.doorzet.notify-role')!;
  const existing = moddle.create('bpmn:ServiceTask', {
    extensionElements: moddle.create('bpmn:ExtensionElements', {
      values: [moddle.create('camunda:InputOutput', { inputParameters: [moddle.create('camunda:InputParameter', { name: 'role', value: 'procesregisseur' })] })],
    }),
  });
  const kept = keepingInputValues(template, existing as { extensionElements?: { values?: ModdleElement[] } });
  expect(kept.properties.find((p) => p.binding.name === 'role')?.value).toBe('procesregisseur');
  expect(kept.properties.find((p) => p.binding.name === 'reason')?.value).toBe(template.properties.find((p) => p.binding.name === 'reason')?.value);
  expect(hidden(kept, 'camunda:topic')).toBe('notify-role');
});
