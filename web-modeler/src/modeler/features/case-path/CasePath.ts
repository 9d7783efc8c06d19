import type { Canvas, ElementRegistry } from '../../types.js';
import { type PathStep, takenFlows } from './taken.js';

export const DONE = 'dz-done';
export const INTERRUPTED = 'dz-interrupted';
export const TAKEN = 'dz-taken';

type Shape = { id: string; type: string; businessObject: { name?: string }; x: number; y: number; width: number; height: number };
type Connection = { id: string; type: string; source?: { id: string }; target?: { id: string } };
type Viewbox = { x: number; y: number; width: number; height: number; outer: { width: number; height: number } };
type ViewCanvas = Canvas & { viewbox(box?: { x: number; y: number; width: number; height: number }): Viewbox; zoom(level: number | 'fit-viewport'): number };
type Registry = ElementRegistry & { filter(fn: (element: { type: string }) => boolean): Array<Shape | Connection> };

/** Room kept around the case's position when it is brought into view, in diagram units. */
const MARGIN = 80;

/**
 * The path a case took, drawn on its diagram: elements it passed and flows it took get a
 * marker (the styles draw them); the page names the same steps in words, so colour is not
 * the only carrier.
 */
export default class CasePath {
  static $inject = ['canvas', 'elementRegistry'];

  constructor(
    private readonly canvas: ViewCanvas,
    private readonly elementRegistry: Registry,
  ) {}

  /** Marks the path; returns the names of the named steps passed, in order, each once. */
  show(steps: PathStep[]): string[] {
    const passed: string[] = [];
    for (const step of steps) {
      const element = this.elementRegistry.get(step.elementId) as Shape | undefined;
      if (!element || step.state === 'ACTIVE') continue;
      this.canvas.addMarker(step.elementId, step.state === 'TERMINATED' ? INTERRUPTED : DONE);
      const name = element.businessObject?.name?.trim();
      if (name && element.type.endsWith('Task') && !passed.includes(name)) passed.push(name);
    }
    const flows = (this.elementRegistry.filter((e) => e.type === 'bpmn:SequenceFlow') as Connection[]).flatMap((c) =>
      c.source && c.target ? [{ id: c.id, source: c.source.id, target: c.target.id }] : [],
    );
    for (const id of takenFlows(steps, flows)) this.canvas.addMarker(id, TAKEN);
    return passed;
  }

  /**
   * Brings these elements to the middle of the view at zoom 1 (less only when they do not fit
   * together), so the labels are readable; without any, the whole diagram is shown.
   */
  focus(elementIds: string[]): void {
    const shapes = elementIds.map((id) => this.elementRegistry.get(id) as Shape | undefined).filter((s): s is Shape => s !== undefined && 'width' in s);
    if (shapes.length === 0) {
      this.canvas.zoom('fit-viewport');
      return;
    }
    const left = Math.min(...shapes.map((s) => s.x)) - MARGIN;
    const top = Math.min(...shapes.map((s) => s.y)) - MARGIN;
    const right = Math.max(...shapes.map((s) => s.x + s.width)) + MARGIN;
    const bottom = Math.max(...shapes.map((s) => s.y + s.height)) + MARGIN;
    const { outer } = this.canvas.viewbox();
    const scale = Math.min(1, outer.width / (right - left), outer.height / (bottom - top));
    const width = outer.width / scale;
    const height = outer.height / scale;
    this.canvas.viewbox({ x: (left + right) / 2 - width / 2, y: (top + bottom) / 2 - height / 2, width, height });
  }
}
