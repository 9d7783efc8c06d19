import ModelerImport from 'bpmn-js/lib/Modeler.js';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform/index.js';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import DoorzetPropertiesModule from './features/doorzet-properties/index.js';
import type DoorzetProperties from './features/doorzet-properties/DoorzetProperties.js';
import type { RegionRole } from './features/doorzet-properties/DoorzetProperties.js';
import LintOverlaysModule from './features/lint-overlays/index.js';
import { FINDINGS_EVENT } from './features/lint-overlays/LintOverlays.js';
import LiveValidationModule from './features/live-validation/index.js';
import TranslateModule from './features/translate/index.js';
import type LiveValidation from './features/live-validation/LiveValidation.js';
import WorkerPaletteModule from './features/worker-palette/index.js';
import type { ElementTemplate, EventBus, Finding } from './types.js';
import { defaultExport } from './interop.js';

const Modeler = defaultExport(ModelerImport);

export type DoorzetModeler = {
  importXml(xml: string): Promise<void>;
  xml(): Promise<string>;
  validateNow(): Promise<Finding[]>;
  showFindings(findings: Finding[]): void;
  onFindings(listener: (findings: Finding[]) => void): void;
  onValidationFailed(listener: () => void): void;
  select(elementId: string): void;
  /** The whole diagram in view again, after the canvas changed size; beside the palette unless it is hidden. */
  fit(options?: { palette: boolean }): void;
  /** The drawn flow elements with a name, for choosing one without a mouse. */
  elements(): Array<{ id: string; name: string }>;
  /** The element's name as people see it in the diagram, else its id. */
  nameOf(elementId: string): string;
  /** The roles a user task's candidate group is chosen from. */
  setRoles(region: string, roles: RegionRole[]): void;
  /** Beginner's mode hides listeners, extension properties and input/output mappings. */
  setBeginnerMode(on: boolean): void;
  destroy(): void;
};

type Box = { x: number; y: number; width: number; height: number };
type FitCanvas = { resized(): void; viewbox(box?: Box): { inner: Box; outer: { width: number; height: number } } };

/** Pixels the palette covers at the canvas's left edge, and the margin kept around the diagram. */
const PALETTE_PX = 64;
const MARGIN_PX = 8;

/**
 * The whole diagram in view, as bpmn-js's fit-viewport does, but beside the palette instead of under
 * it: fit-viewport would hide the lanes' names, the very words that tell which tier is which.
 */
function fitBesidePalette(canvas: FitCanvas, palette = true): void {
  const { inner, outer } = canvas.viewbox();
  if (inner.width === 0 || inner.height === 0) return;
  const left = palette ? PALETTE_PX : 0;
  const scale = Math.min((outer.width - left - 2 * MARGIN_PX) / inner.width, (outer.height - 2 * MARGIN_PX) / inner.height, 1);
  canvas.viewbox({ x: inner.x - (left + MARGIN_PX) / scale, y: inner.y - MARGIN_PX / scale, width: outer.width / scale, height: outer.height / scale });
}

/**
 * The policy staff's editor: bpmn-js with the Camunda 7 properties panel that Operaton's
 * dialect needs (timers, candidate groups, form keys, due dates, external-task topics and
 * the history time to live edited in forms), the workers' element templates, and the live
 * validation against the same rules the API applies on save.
 */
export function createModeler(options: {
  canvas: HTMLElement;
  propertiesPanel: HTMLElement;
  templates: ElementTemplate[];
  validate(xml: string): Promise<Finding[]>;
}): DoorzetModeler {
  const modeler = new Modeler({
    container: options.canvas,
    propertiesPanel: { parent: options.propertiesPanel },
    elementTemplates: options.templates,
    liveValidation: { validate: options.validate },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      ElementTemplatesPropertiesProviderModule,
      CamundaBehaviorsModule,
      LintOverlaysModule,
      LiveValidationModule,
      WorkerPaletteModule,
      TranslateModule,
      DoorzetPropertiesModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
  } as ConstructorParameters<typeof Modeler>[0]);
  const eventBus = modeler.get('eventBus') as EventBus;
  // The template loader drops templates its schema check refuses; say so instead of showing an emptier palette.
  eventBus.on('elementTemplates.errors', (event: { errors: Error[] }) => console.warn('Werkstap-sjablonen geweigerd:', ...event.errors.map((e) => e.message)));
  return {
    async importXml(xml) {
      await modeler.importXML(xml);
      fitBesidePalette(modeler.get('canvas') as FitCanvas);
    },
    async xml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? '';
    },
    validateNow: () => (modeler.get('liveValidation') as LiveValidation).run(),
    showFindings: (findings) => void eventBus.fire(FINDINGS_EVENT, { findings }),
    onFindings: (listener) => eventBus.on(FINDINGS_EVENT, (event: { findings: Finding[] }) => listener(event.findings)),
    onValidationFailed: (listener) => eventBus.on('doorzet.validation.failed', () => listener()),
    fit(options = { palette: true }) {
      const canvas = modeler.get('canvas') as FitCanvas;
      canvas.resized();
      fitBesidePalette(canvas, options.palette);
    },
    select(elementId) {
      const element = (modeler.get('elementRegistry') as { get(id: string): unknown }).get(elementId);
      if (!element) return;
      (modeler.get('canvas') as { scrollToElement(element: unknown): void }).scrollToElement(element);
      (modeler.get('selection') as { select(element: unknown): void }).select(element);
    },
    elements() {
      const all = (modeler.get('elementRegistry') as { getAll(): Array<{ id: string; type: string; waypoints?: unknown; labelTarget?: unknown; businessObject?: { name?: string } }> }).getAll();
      return all
        .filter((e) => !e.waypoints && !e.labelTarget && e.businessObject?.name && e.type !== 'bpmn:Process')
        .map((e) => ({ id: e.id, name: `${e.businessObject?.name} (${e.id})` }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    },
    nameOf(elementId) {
      const element = (modeler.get('elementRegistry') as { get(id: string): { businessObject?: { name?: string } } | undefined }).get(elementId);
      return element?.businessObject?.name || elementId;
    },
    setRoles: (region, roles) => (modeler.get('doorzetProperties') as DoorzetProperties).setRoles(region, roles),
    setBeginnerMode: (on) => (modeler.get('doorzetProperties') as DoorzetProperties).setBeginner(on),
    destroy: () => modeler.destroy(),
  };
}
