import type { Canvas, ElementRegistry, Overlays } from '../../types.js';

const MARKER = 'dz-current';

/** Marks where a case is now (its active elements), with a text badge so it is not colour alone. */
export default class CasePosition {
  static $inject = ['canvas', 'overlays', 'elementRegistry'];

  constructor(
    private readonly canvas: Canvas,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  /** Returns the names (or ids, for unnamed elements) of the elements it could mark. */
  show(elementIds: string[]): string[] {
    this.overlays.remove({ type: 'doorzet-position' });
    const shown: string[] = [];
    for (const id of elementIds) {
      const element = this.elementRegistry.get(id);
      if (!element) continue;
      this.canvas.addMarker(id, MARKER);
      const badge = document.createElement('div');
      badge.className = 'dz-position-badge';
      badge.textContent = 'Hier';
      this.overlays.add(id, 'doorzet-position', { position: { top: -14, left: 0 }, html: badge });
      shown.push(String(element.businessObject?.name ?? id));
    }
    return shown;
  }
}
