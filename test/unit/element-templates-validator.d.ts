// @bpmn-io/element-templates-validator ships no type declarations; this is the part the unit test calls.
declare module '@bpmn-io/element-templates-validator' {
  /** Checks a Camunda 7 element template against @camunda/element-templates-json-schema. */
  export function validate(template: unknown): { valid: boolean; errors?: unknown[] };
}
