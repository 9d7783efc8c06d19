import type { Canvas, ElementRegistry, EventBus, Finding, Overlays } from '../../types.js';

export const FINDINGS_EVENT = 'doorzet.findings';
const OVERLAY_TYPE = 'doorzet-lint';
const MARKER = 'dz-lint-error';

/**
 * Puts the validation findings on the diagram: a badge with the count and the messages on
 * every element that breaks a rule, and a marker that outlines it. Findings on elements that
 * are not drawn (the process itself, a message definition) only appear in the page's list.
 */
export default class LintOverlays {
  static $inject = ['eventBus', 'overlays', 'elementRegistry', 'canvas'];

  private marked: string[] = [];

  constructor(
    eventBus: EventBus,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
    private readonly canvas: Canvas,
  ) {
    eventBus.on(FINDINGS_EVENT, (event: { findings: Finding[] }) => this.show(event.findings));
    eventBus.on('import.done', () => this.show([]));
  }

  show(findings: Finding[]): void {
    this.overlays.remove({ type: OVERLAY_TYPE });
    for (const id of this.marked) if (this.elementRegistry.get(id)) this.canvas.removeMarker(id, MARKER);
    this.marked = [];
    const byElement = new Map<string, Finding[]>();
    for (const finding of findings) {
      if (!finding.elementId) continue;
      const element = this.elementRegistry.get(finding.elementId);
      if (!element || element.type === 'bpmn:Process' || element.type === 'bpmn:Collaboration') continue;
      byElement.set(finding.elementId, [...(byElement.get(finding.elementId) ?? []), finding]);
    }
    for (const [elementId, list] of byElement) {
      const badge = document.createElement('div');
      badge.className = 'dz-lint-badge';
      badge.textContent = String(list.length);
      badge.title = list.map((f) => f.message).join('\n');
      badge.setAttribute('data-lint-element', elementId);
      this.overlays.add(elementId, OVERLAY_TYPE, { position: { top: -12, right: 12 }, html: badge });
      this.canvas.addMarker(elementId, MARKER);
      this.marked.push(elementId);
    }
  }
}
