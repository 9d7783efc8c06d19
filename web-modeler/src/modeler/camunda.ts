/**
 * The Camunda 7 dialect that Operaton runs, as the modeler, the element templates and the
 * worker palette write it. Operaton also accepts its own `operaton:` namespace, but the
 * bpmn-io packages and the bpmnlint camunda-compat rules know only `camunda:`.
 */
export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';

/** JSON schema of Camunda 7 element templates (bpmn-js-element-templates validates against it). */
export const ELEMENT_TEMPLATE_SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

/** What a Doorzet model declares on `bpmn:definitions` (modeler:executionPlatform…). */
export const EXECUTION_PLATFORM = { name: 'Camunda Platform', version: '7.24.0' } as const;

/** `camunda:type` of a service task that a worker fetches over the external-task REST API. */
export const EXTERNAL_TASK = 'external';
