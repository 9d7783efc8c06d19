// The bpmn-io extension packages ship no type declarations; these are the parts Doorzet uses.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const ZeebePropertiesProviderModule: unknown;
}
declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud/index.js' {
  const module: unknown;
  export default module;
}
declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module '*.css';
declare module '*?url' {
  const url: string;
  export default url;
}
