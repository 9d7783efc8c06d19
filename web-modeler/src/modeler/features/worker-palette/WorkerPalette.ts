import type { ElementTemplate } from '../../types.js';

type Shape = { id: string; businessObject: any };
type ElementTemplates = { getAll(): ElementTemplate[]; createElement(template: ElementTemplate): Shape };
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
/** Replace-menu targets that would make a task no worker executes. */
const UNEXECUTED_TASKS = ['replace-with-service-task', 'replace-with-send-task', 'replace-with-script-task', 'replace-with-business-rule-task', 'replace-with-receive-task', 'replace-with-manual-task'];

/**
 * The palette and the context pad offer the worker-backed steps (the element templates the
 * API generates from the workers' registry) instead of a blank service task, so a model
 * never contains a job type nobody picks up. User tasks and events stay as bpmn-js has them.
 */
export default class WorkerPalette {
  static $inject = ['elementTemplates', 'popupMenu', 'palette', 'contextPad', 'create', 'autoPlace', 'canvas'];

  constructor(
    private readonly elementTemplates: ElementTemplates,
    private readonly popupMenu: PopupMenu,
    palette: Palette,
    contextPad: ContextPad,
    private readonly create: Create,
    private readonly autoPlace: AutoPlace,
    private readonly canvas: Canvas,
  ) {
    popupMenu.registerProvider(CREATE_MENU, 1000, { getPopupMenuEntries: () => this.entries((event, template) => this.startCreate(event, template)) });
    popupMenu.registerProvider(APPEND_MENU, 1000, {
      getPopupMenuEntries: (source: unknown) => this.entries((_event, template) => this.autoPlace.append(source, this.elementTemplates.createElement(template))),
    });
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
    const templates = this.elementTemplates.getAll().filter((t) => (t.elementType?.value ?? t.appliesTo[0]) === 'bpmn:ServiceTask');
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

  private startCreate(event: Event, template: ElementTemplate): void {
    this.create.start(event, this.elementTemplates.createElement(template));
  }

  private openMenu(menu: string, target: unknown, event: MouseEvent): void {
    const position = { x: event.clientX, y: event.clientY, cursor: { x: event.clientX, y: event.clientY } };
    this.popupMenu.open(target, menu, position, { title: 'Werkstap kiezen', search: true, width: 320 });
  }
}
