import type { ElementTemplate, EventBus } from '../../types.js';
import { keepingInputValues, type ModdleFactory, templatedBusinessObject } from './template-element.js';

type Shape = { id: string; businessObject: any };
type ElementTemplates = {
  getLatest(): ElementTemplate[];
  applyTemplate(element: unknown, template: ElementTemplate): unknown;
};
type ElementFactory = { createShape(attrs: { type: string; businessObject: unknown }): Shape };
type ElementRegistry = { getGraphics(element: unknown): SVGElement | undefined };
type PopupMenu = {
  registerProvider(id: string, priority: number, provider: unknown): void;
  open(target: unknown, providerId: string, position: { x: number; y: number; cursor?: { x: number; y: number } }, options?: unknown): void;
};
type Palette = { registerProvider(priority: number, provider: unknown): void };
type ContextPad = { registerProvider(priority: number, provider: unknown): void; getPad(element: unknown): { html: HTMLElement } };
type Create = { start(event: Event, shape: Shape, context?: unknown): void };
type AutoPlace = { append(source: unknown, shape: Shape): void };
type Canvas = { getRootElement(): unknown; getContainer(): HTMLElement };
type Entries = Record<string, { action?: unknown; [key: string]: unknown }>;

const CREATE_MENU = 'doorzet-worker-create';
const APPEND_MENU = 'doorzet-worker-append';
const APPLY_MENU = 'doorzet-worker-apply';
/** Replace-menu targets that would make a task no worker executes. */
const UNEXECUTED_TASKS = ['replace-with-service-task', 'replace-with-send-task', 'replace-with-script-task', 'replace-with-business-rule-task', 'replace-with-receive-task', 'replace-with-manual-task'];

/**
 * The palette and the context pad offer the worker-backed steps (the element templates the
 * API generates from the workers' registry) instead of a blank service task, so a model
 * never contains a topic no worker fetches: each step is an external task
 * (`camunda:type="external"`) whose `camunda:topic` is the worker's key. The properties
 * panel's "Select" template button opens the same list. User tasks and events stay as
 * bpmn-js has them.
 */
export default class WorkerPalette {
  static $inject = ['elementTemplates', 'popupMenu', 'palette', 'contextPad', 'create', 'autoPlace', 'canvas', 'bpmnFactory', 'elementFactory', 'elementRegistry', 'eventBus'];

  constructor(
    private readonly elementTemplates: ElementTemplates,
    private readonly popupMenu: PopupMenu,
    palette: Palette,
    contextPad: ContextPad,
    private readonly create: Create,
    private readonly autoPlace: AutoPlace,
    private readonly canvas: Canvas,
    private readonly bpmnFactory: ModdleFactory,
    private readonly elementFactory: ElementFactory,
    private readonly elementRegistry: ElementRegistry,
    eventBus: EventBus,
  ) {
    popupMenu.registerProvider(CREATE_MENU, 1000, { getPopupMenuEntries: () => this.entries((event, template) => this.startCreate(event, template)) });
    popupMenu.registerProvider(APPEND_MENU, 1000, {
      getPopupMenuEntries: (source: unknown) => this.entries((_event, template) => this.autoPlace.append(source, this.shapeFor(template))),
    });
    popupMenu.registerProvider(APPLY_MENU, 1000, {
      getPopupMenuEntries: (target: Shape) => this.entries((_event, template) => this.elementTemplates.applyTemplate(target, keepingInputValues(template, target.businessObject))),
    });
    // The template group's "Select"/"Change" buttons only fire this event; without a handler they do nothing.
    eventBus.on('elementTemplates.select', (event: { element: unknown }) => this.openMenuAt(APPLY_MENU, event.element));
    popupMenu.registerProvider('bpmn-replace', 500, {
      getPopupMenuEntries: () => (entries: Entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !UNEXECUTED_TASKS.includes(id))),
    });
    palette.registerProvider(500, {
      getPaletteEntries: () => (entries: Entries) => {
        const kept = Object.fromEntries(Object.entries(entries).filter(([id]) => id !== 'create.data-object' && id !== 'create.data-store'));
        return {
          ...kept,
          'create.doorzet-worker-step': {
            group: 'activity',
            className: 'bpmn-icon-service-task',
            title: 'Werkstap toevoegen (uitgevoerd door Doorzet)',
            action: { click: (event: MouseEvent) => this.openMenu(CREATE_MENU, this.canvas.getRootElement(), event) },
          },
        };
      },
    });
    contextPad.registerProvider(500, {
      getContextPadEntries: (element: { type: string }) => (entries: Entries) => {
        if (!/Task|Event|Gateway|SubProcess/.test(element.type) || element.type === 'bpmn:EndEvent') return entries;
        return {
          ...entries,
          'append.doorzet-worker-step': {
            group: 'model',
            className: 'bpmn-icon-service-task',
            title: 'Werkstap erna toevoegen',
            action: { click: (event: MouseEvent) => this.openMenu(APPEND_MENU, element, event) },
          },
        };
      },
    });
  }

  private entries(action: (event: Event, template: ElementTemplate) => void): Entries {
    const templates = this.elementTemplates.getLatest().filter((t) => (t.elementType?.value ?? t.appliesTo[0]) === 'bpmn:ServiceTask');
    return Object.fromEntries(
      templates.map((template) => [
        `doorzet-template-${template.id}`,
        {
          label: template.name,
          description: template.description,
          className: 'bpmn-icon-service-task',
          search: [template.name, template.id],
          action: (event: Event) => action(event, template),
        },
      ]),
    );
  }

  private shapeFor(template: ElementTemplate): Shape {
    const businessObject = templatedBusinessObject(template, this.bpmnFactory);
    return this.elementFactory.createShape({ type: businessObject.$type, businessObject });
  }

  private startCreate(event: Event, template: ElementTemplate): void {
    this.create.start(event, this.shapeFor(template));
  }

  private openMenuAt(menu: string, element: unknown): void {
    const box = this.elementRegistry.getGraphics(element)?.getBoundingClientRect();
    const x = box ? box.right : 0;
    const y = box ? box.top : 0;
    this.popupMenu.open(element, menu, { x, y, cursor: { x, y } }, { title: 'Werkstap kiezen', search: true, width: 320 });
  }

  private openMenu(menu: string, target: unknown, event: MouseEvent): void {
    const position = { x: event.clientX, y: event.clientY, cursor: { x: event.clientX, y: event.clientY } };
    this.popupMenu.open(target, menu, position, { title: 'Werkstap kiezen', search: true, width: 320 });
  }
}
