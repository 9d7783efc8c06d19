import type { Canvas, ElementRegistry, Overlays } from '../../types.js';

export type ElementCount = { elementId: string; active: number; overdue: number; incidents: number };

/**
 * Live counts per element on the dashboard diagram: how many cases wait there, how many of those
 * are past their deadline and how many are stuck on a technical fault (an incident), spelled out
 * in words, not only coloured.
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
    for (const { elementId, active, overdue, incidents } of counts) {
      if (!this.elementRegistry.get(elementId) || active + overdue + incidents === 0) continue;
      const badge = document.createElement('div');
      badge.className = incidents > 0 || overdue > 0 ? 'dz-count-badge dz-overdue' : 'dz-count-badge';
      badge.setAttribute('data-count-element', elementId);
      badge.textContent = [`${active} open`, overdue > 0 ? `${overdue} te laat` : '', incidents > 0 ? `${incidents} storing` : ''].filter(Boolean).join(' · ');
      // Above the shape, not on it: on its lower edge the badge covered the last line of a long task
      // name, which then failed the contrast check (dark badge behind dark text) once cases waited there.
      this.overlays.add(elementId, 'doorzet-count', { position: { top: -22, left: -6 }, html: badge });
      if (overdue > 0 || incidents > 0) this.canvas.addMarker(elementId, 'dz-overdue-element');
    }
  }
}
