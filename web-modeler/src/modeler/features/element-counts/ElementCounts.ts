import type { Canvas, ElementRegistry, Overlays } from '../../types.js';

export type ElementCount = { elementId: string; active: number; overdue: number };

/**
 * Live counts per element on the dashboard diagram: how many cases wait there, and how many
 * of those are past their deadline (spelled out as "te laat", not only coloured).
 */
export default class ElementCounts {
  static $inject = ['canvas', 'overlays', 'elementRegistry'];

  constructor(
    private readonly canvas: Canvas,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  show(counts: ElementCount[]): void {
    this.overlays.remove({ type: 'doorzet-count' });
    for (const { elementId, active, overdue } of counts) {
      if (!this.elementRegistry.get(elementId) || active + overdue === 0) continue;
      const badge = document.createElement('div');
      badge.className = overdue > 0 ? 'dz-count-badge dz-overdue' : 'dz-count-badge';
      badge.setAttribute('data-count-element', elementId);
      badge.textContent = overdue > 0 ? `${active} open · ${overdue} te laat` : `${active} open`;
      this.overlays.add(elementId, 'doorzet-count', { position: { bottom: 12, left: -6 }, html: badge });
      if (overdue > 0) this.canvas.addMarker(elementId, 'dz-overdue-element');
    }
  }
}
