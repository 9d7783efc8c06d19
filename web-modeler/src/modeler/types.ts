/** The slices of diagram-js services the Doorzet modules call; diagram-js types them loosely. */
export type EventBus = {
  on(event: string | string[], priority: number | ((event: any) => unknown), callback?: (event: any) => unknown): void;
  fire(event: string, payload?: unknown): unknown;
};
export type Overlays = {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement | string }): string;
  remove(filter: { type?: string; element?: string }): void;
};
export type ElementRegistry = { get(id: string): { id: string; type: string; businessObject: any } | undefined };
export type Canvas = {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  getRootElement(): unknown;
};
export type Finding = { elementId: string | null; rule: string; message: string };
/** A binding of a Camunda 7 element template property (`property`, `camunda:inputParameter`, …). */
export type TemplateBinding = { type: string; name: string; scriptFormat?: string };
export type TemplateProperty = {
  label?: string;
  description?: string;
  type?: 'String' | 'Text' | 'Boolean' | 'Dropdown' | 'Hidden';
  value?: string | boolean;
  choices?: Array<{ name: string; value: string }>;
  constraints?: { notEmpty?: boolean; pattern?: { value: string; message?: string } };
  binding: TemplateBinding;
};
/** A Camunda 7 element template (schema: @camunda/element-templates-json-schema). */
export type ElementTemplate = {
  $schema?: string;
  id: string;
  name: string;
  description?: string;
  version?: number;
  appliesTo: string[];
  elementType?: { value: string };
  properties: TemplateProperty[];
  [key: string]: unknown;
};
