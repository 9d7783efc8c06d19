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
export type ElementTemplate = {
  id: string;
  name: string;
  description?: string;
  appliesTo: string[];
  elementType?: { value: string };
  [key: string]: unknown;
};
