// The bpmn-io extension packages ship no type declarations; these are the parts Doorzet uses.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const CamundaPlatformPropertiesProviderModule: unknown;
}
declare module 'bpmn-js-element-templates' {
  /** The Camunda 7 (camunda:) flavour; the Cloud* exports are the other engine's. */
  export const ElementTemplatesPropertiesProviderModule: unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform/index.js' {
  const module: unknown;
  export default module;
}
declare module '*.css';
declare module '*?url' {
  const url: string;
  export default url;
}
