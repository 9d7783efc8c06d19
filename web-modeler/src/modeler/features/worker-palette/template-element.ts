import type { ElementTemplate } from '../../types.js';

/** A moddle element as bpmn-js's `bpmnFactory` (or a bare `BpmnModdle`) creates it. */
export type ModdleElement = { $type: string; $parent?: unknown; [key: string]: unknown };
export type ModdleFactory = { create(type: string, attrs?: Record<string, unknown>): ModdleElement };

/**
 * The business object of a new step made from a Camunda 7 element template: what applying the
 * template to a blank element would write, built before the element exists so creating it is
 * one undo step. The Camunda 7 flavour of bpmn-js-element-templates has no `createElement`.
 *
 * Handles the bindings Doorzet's templates use (`property`, `camunda:inputParameter`); any
 * other binding is refused rather than silently dropped.
 */
export function templatedBusinessObject(template: ElementTemplate, factory: ModdleFactory): ModdleElement {
  const attrs: Record<string, unknown> = { name: template.name, 'camunda:modelerTemplate': template.id };
  if (template.version !== undefined) attrs['camunda:modelerTemplateVersion'] = template.version;
  const inputs: ModdleElement[] = [];
  for (const property of template.properties) {
    const { binding } = property;
    if (binding.type === 'property') {
      attrs[binding.name] = property.value;
    } else if (binding.type === 'camunda:inputParameter' && !binding.scriptFormat) {
      inputs.push(factory.create('camunda:InputParameter', { name: binding.name, value: property.value === undefined ? undefined : String(property.value) }));
    } else {
      throw new Error(`Sjabloon ${template.id}: koppeling "${binding.type}" wordt door het werkstappenmenu niet ondersteund.`);
    }
  }
  const businessObject = factory.create(template.elementType?.value ?? template.appliesTo[0] ?? 'bpmn:ServiceTask', attrs);
  if (inputs.length > 0) {
    const inputOutput = factory.create('camunda:InputOutput', { inputParameters: inputs });
    const extensionElements = factory.create('bpmn:ExtensionElements', { values: [inputOutput] });
    for (const input of inputs) input.$parent = inputOutput;
    inputOutput.$parent = extensionElements;
    extensionElements.$parent = businessObject;
    businessObject['extensionElements'] = extensionElements;
  }
  return businessObject;
}

/**
 * The template with the values a step already has for the template's inputs, so choosing a
 * template for a configured task (the panel's Select/Change) keeps, say, its role and reason;
 * applying the bare template would reset every input parameter to the template's default.
 */
export function keepingInputValues(template: ElementTemplate, businessObject: { extensionElements?: { values?: ModdleElement[] } }): ElementTemplate {
  const inputOutput = businessObject.extensionElements?.values?.find((value) => value.$type === 'camunda:InputOutput');
  const existing = new Map<string, string>();
  for (const parameter of (inputOutput?.['inputParameters'] as ModdleElement[] | undefined) ?? []) {
    if (typeof parameter['name'] === 'string' && typeof parameter['value'] === 'string' && !parameter['definition']) existing.set(parameter['name'], parameter['value']);
  }
  return {
    ...template,
    properties: template.properties.map((property) =>
      property.binding.type === 'camunda:inputParameter' && existing.has(property.binding.name) ? { ...property, value: existing.get(property.binding.name) } : property,
    ),
  };
}
