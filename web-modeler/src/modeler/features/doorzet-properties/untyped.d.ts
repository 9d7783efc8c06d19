// The parts of the properties panel's component library that Doorzet's provider uses.
declare module '@bpmn-io/properties-panel' {
  export const SelectEntry: unknown;
}
declare module '@bpmn-io/properties-panel/preact/jsx-runtime' {
  export function jsx(component: unknown, props: Record<string, unknown>): unknown;
}
declare module 'bpmn-js-properties-panel' {
  /** A diagram service from inside a properties-panel component. */
  export function useService(name: string): unknown;
}
