import { BpmnModdle } from 'bpmn-moddle';
import camundaSchema from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { type Box, laneProperty, type Point, segmentHit } from './readability.js';

/**
 * Draws a region's ladder from its semantics: lanes as horizontal bands, top to bottom in `trede`
 * order (trede 0 first, then 1, 2, …; lanes without `trede` after them in document order); steps
 * in columns by longest path over the sequence flows (back edges found by a depth-first search are
 * left out of the layering); boundary events on their host's bottom edge; event sub-processes
 * expanded in a band below the lanes (inside the lowest lane when the process sits in a pool);
 * orthogonal flows routed along the gaps between columns and rows, each choosing the route with
 * the fewest shapes hit and crossings made; labels beside events and gateways and along flows.
 * A policy officer (or a region's helper) writes the lanes, steps and flows; this draws them.
 */

type Element = { $type: string; id?: string; name?: string; [key: string]: unknown };
type Moddle = { create(type: string, attrs?: Record<string, unknown>): Element; toXML(e: unknown, o?: unknown): Promise<{ xml: string }> };

const list = (element: Element | undefined, key: string): Element[] => (element?.[key] as Element[] | undefined) ?? [];
const is = (element: Element | undefined, ...types: string[]) => element !== undefined && types.includes(element.$type);

const TASK = { width: 100, height: 80 };
const EVENT = { width: 36, height: 36 };
const GATEWAY = { width: 50, height: 50 };
const COLUMN_GAP = 44;
const ROW = 130; // a slot of 80 px for the node and 50 px of corridor
const SLOT = 80;
const LANE_HEADER = 30;
const POOL_HEADER = 30;
const EDGE_MARGIN = 30;
const LABEL_WIDTH = 90;
const LABEL_LINE = 14;

const NOT_DRAWN = ['bpmn:SequenceFlow', 'bpmn:DataObject'];

function sizeOf(element: Element): { width: number; height: number } {
  if (/Event$/.test(element.$type)) return EVENT;
  if (/Gateway$/.test(element.$type)) return GATEWAY;
  return TASK;
}

/** A label's box for text of 11 px (about 6 px a character), wrapped at `wrap` px. */
function labelSize(text: string, wrap = LABEL_WIDTH): { width: number; height: number } {
  const width = Math.min(wrap, text.length * 6 + 8);
  return { width, height: Math.max(1, Math.ceil((text.length * 6) / wrap)) * LABEL_LINE };
}

type Placed = { element: Element; box: Box; label?: Box };
type Routed = { flow: Element; points: Point[]; label?: Box };
type Drawing = { shapes: Placed[]; edges: Routed[]; box: Box };

export async function layoutXml(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ camunda: camundaSchema as object }) as unknown as Moddle & { fromXML(xml: string, type: string): Promise<{ rootElement: unknown }> };
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  layoutDefinitions(rootElement as Element, moddle);
  const { xml: out } = await moddle.toXML(rootElement, { format: true });
  return `${out}\n`;
}

/** Replaces the definitions' diagrams with a drawing of the (first laned, else first executable) process. */
export function layoutDefinitions(definitions: Element, moddle: Moddle): void {
  const processes = list(definitions, 'rootElements').filter((e) => is(e, 'bpmn:Process'));
  const process = processes.find((p) => list(p, 'laneSets').length > 0) ?? processes.find((p) => p.isExecutable === true) ?? processes[0];
  if (!process) throw new Error('Het model bevat geen proces om te tekenen.');
  const collaboration = list(definitions, 'rootElements').find((e) => is(e, 'bpmn:Collaboration'));
  const participants = list(collaboration, 'participants');
  if (participants.length > 1 || list(collaboration, 'messageFlows').length > 0) throw new Error('Alleen een model met één pool (of zonder pool) kan automatisch getekend worden.');
  const pool = participants.find((p) => p.processRef === process);

  const laneSets = list(process, 'laneSets');
  const lanes = laneSets.flatMap((s) => list(s, 'lanes'));
  if (lanes.some((l) => list(l.childLaneSet as Element | undefined, 'lanes').length > 0)) throw new Error('Geneste lanes kan de layout niet tekenen.');
  const ordered = lanes
    .map((lane, index) => ({ lane, index, trede: Number(laneProperty(lane, 'trede') ?? Number.NaN) }))
    .sort((a, b) => (Number.isNaN(a.trede) ? 1e9 : a.trede) - (Number.isNaN(b.trede) ? 1e9 : b.trede) || a.index - b.index)
    .map((l) => l.lane);

  const left = pool ? POOL_HEADER : 0;
  // Event sub-processes go into the trede-0 lane (the supporting roles, whose steps they mostly are),
  // else into the lowest lane of a pool, else in a band below the lanes.
  const tredeZero = ordered.findIndex((l) => laneProperty(l, 'trede') === '0');
  const bandLane = tredeZero >= 0 ? tredeZero : pool && ordered.length > 0 ? ordered.length - 1 : null;
  const drawing = layoutContainer(process, ordered, { x: left, y: 0 }, bandLane);

  const planeElements: Element[] = [];
  const diagrams: Element[] = [];
  const bounds = (b: Box) => moddle.create('dc:Bounds', { x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) });
  const addShape = (target: Element[], p: Placed, extra: Record<string, unknown> = {}) => {
    const attrs: Record<string, unknown> = { id: `${p.element.id}_di`, bpmnElement: p.element, bounds: bounds(p.box), ...extra };
    if (is(p.element, 'bpmn:ExclusiveGateway')) attrs.isMarkerVisible = true;
    if (p.label) attrs.label = moddle.create('bpmndi:BPMNLabel', { bounds: bounds(p.label) });
    target.push(moddle.create('bpmndi:BPMNShape', attrs));
  };
  const addEdge = (target: Element[], e: Routed) => {
    const attrs: Record<string, unknown> = { id: `${e.flow.id}_di`, bpmnElement: e.flow, waypoint: e.points.map((p) => moddle.create('dc:Point', { x: round(p.x), y: round(p.y) })) };
    if (e.label) attrs.label = moddle.create('bpmndi:BPMNLabel', { bounds: bounds(e.label) });
    target.push(moddle.create('bpmndi:BPMNEdge', attrs));
  };

  if (pool) addShape(planeElements, { element: pool, box: { x: 0, y: 0, width: drawing.box.x + drawing.box.width, height: drawing.box.y + drawing.box.height } }, { isHorizontal: true });
  for (const p of drawing.shapes) {
    if (is(p.element, 'bpmn:Lane')) addShape(planeElements, p, { isHorizontal: true });
    else if (is(p.element, 'bpmn:SubProcess') && p.element.triggeredByEvent === true) addShape(planeElements, p, { isExpanded: true });
    else if (is(p.element, 'bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess')) {
      // A plain sub-process stays collapsed, its contents on a drill-down plane as bpmn-js draws them.
      addShape(planeElements, p, { isExpanded: false });
      const inner = layoutContainer(p.element, [], { x: 0, y: 0 }, null);
      const innerElements: Element[] = [];
      for (const q of inner.shapes) addShape(innerElements, q, is(q.element, 'bpmn:SubProcess') && q.element.triggeredByEvent === true ? { isExpanded: true } : {});
      for (const e of inner.edges) addEdge(innerElements, e);
      diagrams.push(moddle.create('bpmndi:BPMNDiagram', { id: `BPMNDiagram_${p.element.id}`, plane: moddle.create('bpmndi:BPMNPlane', { id: `BPMNPlane_${p.element.id}`, bpmnElement: p.element, planeElement: innerElements }) }));
    } else addShape(planeElements, p);
  }
  for (const e of drawing.edges) addEdge(planeElements, e);
  const root = pool ? collaboration! : process;
  diagrams.unshift(moddle.create('bpmndi:BPMNDiagram', { id: `BPMNDiagram_${root.id}`, plane: moddle.create('bpmndi:BPMNPlane', { id: `BPMNPlane_${root.id}`, bpmnElement: root, planeElement: planeElements }) }));
  definitions.diagrams = diagrams;
}

const round = (n: number) => Math.round(n * 10) / 10;

// --- placing -----------------------------------------------------------------------------------

/**
 * Lays out one container's flow nodes (a process in lanes, or an event sub-process in one band)
 * with its top-left at `origin`. `lanes` empty: one band without lane shapes.
 */
function layoutContainer(container: Element, lanes: Element[], origin: Point, bandLane: number | null): Drawing {
  const elements = list(container, 'flowElements');
  const flows = elements.filter((e) => is(e, 'bpmn:SequenceFlow'));
  const boundaries = elements.filter((e) => is(e, 'bpmn:BoundaryEvent'));
  const eventSubs = elements.filter((e) => is(e, 'bpmn:SubProcess') && e.triggeredByEvent === true);
  const nodes = elements.filter((e) => !is(e, ...NOT_DRAWN, 'bpmn:BoundaryEvent') && !eventSubs.includes(e) && !/DataObjectReference|DataStoreReference/.test(e.$type));
  const hostOf = (n: Element) => (is(n, 'bpmn:BoundaryEvent') ? (n.attachedToRef as Element) : n);

  // Layering: longest path over the forward edges; a boundary event's flows leave from its host.
  const edges = flows
    .map((f) => ({ flow: f, from: hostOf(f.sourceRef as Element), to: f.targetRef as Element }))
    .filter((e) => nodes.includes(e.from) && nodes.includes(e.to));
  const outgoing = new Map<Element, Element[]>(nodes.map((n) => [n, []]));
  for (const e of edges) outgoing.get(e.from)!.push(e.to);
  const back = new Set<string>();
  const state = new Map<Element, 1 | 2>();
  const visit = (n: Element) => {
    state.set(n, 1);
    for (const m of outgoing.get(n)!) {
      if (state.get(m) === 1) back.add(`${n.id}>${m.id}`);
      else if (!state.has(m)) visit(m);
    }
    state.set(n, 2);
  };
  const incoming = new Set(edges.map((e) => e.to));
  for (const n of [...nodes.filter((n) => is(n, 'bpmn:StartEvent')), ...nodes.filter((n) => !incoming.has(n)), ...nodes]) if (!state.has(n)) visit(n);
  const forward = edges.filter((e) => !back.has(`${e.from.id}>${e.to.id}`) && e.from !== e.to);
  const layer = new Map<Element, number>(nodes.map((n) => [n, 0]));
  const indegree = new Map<Element, number>(nodes.map((n) => [n, 0]));
  for (const e of forward) indegree.set(e.to, indegree.get(e.to)! + 1);
  const queue = nodes.filter((n) => indegree.get(n) === 0);
  const topo: Element[] = [];
  while (queue.length > 0) {
    const n = queue.shift()!;
    topo.push(n);
    for (const e of forward.filter((f) => f.from === n)) {
      layer.set(e.to, Math.max(layer.get(e.to)!, layer.get(n)! + 1));
      indegree.set(e.to, indegree.get(e.to)! - 1);
      if (indegree.get(e.to) === 0) queue.push(e.to);
    }
  }

  // Lanes and rows: each node in its lane, on its predecessor's row where that is free.
  const laneOf = new Map<Element, number>();
  for (const n of topo) {
    const own = lanes.findIndex((l) => list(l, 'flowNodeRef').includes(n));
    const pred = forward.find((e) => e.to === n && laneOf.has(e.from));
    laneOf.set(n, own >= 0 ? own : pred ? laneOf.get(pred.from)! : 0);
  }
  const rowOf = new Map<Element, number>();
  const taken = new Set<string>();
  for (const n of topo) {
    const lane = laneOf.get(n)!;
    const preds = forward.filter((e) => e.to === n && laneOf.get(e.from) === lane && rowOf.has(e.from));
    const viaBoundary = preds.find((e) => is(e.flow.sourceRef as Element, 'bpmn:BoundaryEvent'));
    const straight = preds.find((e) => !is(e.flow.sourceRef as Element, 'bpmn:BoundaryEvent'));
    let row = straight ? rowOf.get(straight.from)! : viaBoundary ? rowOf.get(viaBoundary.from)! + 1 : 0;
    while (taken.has(`${lane}:${layer.get(n)}:${row}`)) row++;
    taken.add(`${lane}:${layer.get(n)}:${row}`);
    rowOf.set(n, row);
  }

  const laneCount = Math.max(1, lanes.length);
  const rows = Array.from({ length: laneCount }, (_, l) => Math.max(1, ...topo.filter((n) => laneOf.get(n) === l).map((n) => rowOf.get(n)! + 1)));
  const columns = Math.max(1, ...topo.map((n) => layer.get(n)! + 1));
  const columnWidth = Array.from({ length: columns }, (_, c) => Math.max(EVENT.width, ...topo.filter((n) => layer.get(n) === c).map((n) => sizeOf(n).width)));
  const contentLeft = origin.x + (lanes.length > 0 ? LANE_HEADER : 0) + EDGE_MARGIN;
  const columnX: number[] = [];
  columnWidth.reduce((x, w, c) => ((columnX[c] = x), x + w + COLUMN_GAP), contentLeft);
  const contentRight = columnX[columns - 1]! + columnWidth[columns - 1]! + COLUMN_GAP;

  // Event sub-processes, each laid out on its own, side by side in a band.
  const subDrawings = eventSubs.map((s) => layoutContainer(s, [], { x: 0, y: 0 }, null));
  const SUB_PAD = 30;
  const bandHeight = subDrawings.length === 0 ? 0 : Math.max(...subDrawings.map((d) => d.box.height)) + 2 * SUB_PAD + 20;
  const bandWidth = subDrawings.reduce((w, d) => w + d.box.width + 2 * SUB_PAD + COLUMN_GAP, 0);
  const width = Math.max(contentRight, contentLeft + bandWidth) - origin.x;

  const laneTop: number[] = [];
  // A lane that holds only the band (trede 0 with nothing but the event sub-processes) gets no empty row.
  if (bandLane !== null && subDrawings.length > 0 && !topo.some((n) => laneOf.get(n) === bandLane)) rows[bandLane] = 0;
  const laneHeight = (l: number) => rows[l]! * ROW + (l === bandLane ? bandHeight : 0);
  rows.reduce((y, _r, l) => ((laneTop[l] = y), y + laneHeight(l)), origin.y);
  const lanesBottom = laneTop[laneCount - 1]! + laneHeight(laneCount - 1);
  // In the top lane the band goes above the steps, so that the start's flows go down unhindered;
  // in a lower lane it goes below them.
  const bandOnTop = bandLane === 0;
  const rowsTop = laneTop.map((y, l) => y + (l === bandLane && bandOnTop ? bandHeight : 0));

  const shapes: Placed[] = [];
  lanes.forEach((lane, l) => shapes.push({ element: lane, box: { x: origin.x, y: laneTop[l]!, width, height: laneHeight(l) } }));
  const boxOf = new Map<Element, Box>();
  for (const n of topo) {
    const size = sizeOf(n);
    const c = layer.get(n)!;
    const cy = rowsTop[laneOf.get(n)!]! + (ROW - SLOT) / 2 + SLOT / 2 + rowOf.get(n)! * ROW;
    const box = { x: columnX[c]! + (columnWidth[c]! - size.width) / 2, y: cy - size.height / 2, ...size };
    boxOf.set(n, box);
    shapes.push({ element: n, box });
  }
  for (const host of topo) {
    // The event whose flow goes deepest sits leftmost: its run down then right passes under the others'.
    const depth = (b: Element) => Math.max(0, ...flows.filter((f) => f.sourceRef === b).map((f) => boxOf.get(f.targetRef as Element)?.y ?? 0));
    const attached = boundaries.filter((b) => b.attachedToRef === host).sort((a, b) => depth(b) - depth(a));
    const hb = boxOf.get(host)!;
    attached.forEach((b, i) => {
      // 44 px apart, centred on the host's bottom edge: two timers side by side do not touch.
      const cx = hb.x + hb.width / 2 + (i - (attached.length - 1) / 2) * 44;
      const box = { x: cx - EVENT.width / 2, y: hb.y + hb.height - EVENT.height / 2, ...EVENT };
      boxOf.set(b, box);
      shapes.push({ element: b, box });
    });
  }

  placeNodeLabels(shapes);

  // The band of event sub-processes: below the lanes, or at the bottom of the lowest lane in a pool.
  let bandX = contentLeft;
  const subEdges: Routed[] = [];
  const bandY = (bandLane === null ? lanesBottom : bandOnTop ? laneTop[bandLane]! : laneTop[bandLane]! + rows[bandLane]! * ROW) + 10;
  subDrawings.forEach((d, i) => {
    const sub = eventSubs[i]!;
    const box = { x: bandX, y: bandY, width: d.box.width + 2 * SUB_PAD, height: d.box.height + 2 * SUB_PAD };
    shapes.push({ element: sub, box });
    const dx = box.x + SUB_PAD - d.box.x;
    const dy = box.y + SUB_PAD - d.box.y;
    const move = (b: Box): Box => ({ ...b, x: b.x + dx, y: b.y + dy });
    for (const s of d.shapes) {
      const moved: Placed = { element: s.element, box: move(s.box) };
      if (s.label) moved.label = move(s.label);
      shapes.push(moved);
    }
    // Its flows were routed inside its own drawing; they move with it.
    for (const e of d.edges) {
      const moved: Routed = { flow: e.flow, points: e.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
      if (e.label) moved.label = move(e.label);
      subEdges.push(moved);
    }
    bandX += box.width + COLUMN_GAP;
  });
  for (const s of shapes) if (!boxOf.has(s.element)) boxOf.set(s.element, s.box);

  const height = (bandLane !== null || subDrawings.length === 0 ? lanesBottom : bandY + bandHeight - 10) - origin.y;
  const corridors = corridorTracks(rowsTop, rows, origin.y, lanesBottom);
  const channels = channelTracks(columnX, columnWidth, contentLeft);
  const routed = routeFlows(flows, boxOf, shapes, channels, corridors, back);
  return { shapes, edges: [...routed, ...subEdges], box: { x: origin.x, y: origin.y, width, height } };
}

/** y positions for horizontal runs: five tracks in every gap between rows (and lanes), inside the lanes. */
function corridorTracks(laneTop: number[], rows: number[], top: number, bottom: number): number[] {
  const tracks: number[] = [];
  laneTop.forEach((y, l) => {
    for (let r = 0; r <= rows[l]!; r++) {
      const between = y + r * ROW;
      tracks.push(between - 16, between - 8, between, between + 8, between + 16);
    }
  });
  // Inside the lanes only, clear of the rows' node slots.
  const clear = (t: number) => laneTop.every((y, l) => Array.from({ length: rows[l]! }, (_, r) => y + r * ROW + (ROW - SLOT) / 2).every((s) => t <= s - 4 || t >= s + SLOT + 4));
  return [...new Set(tracks.map(round))].filter((t) => t > top + 4 && t < bottom - 4 && clear(t)).sort((a, b) => a - b);
}

/** x positions for vertical runs: three tracks in every gap between columns, and at both ends. */
function channelTracks(columnX: number[], columnWidth: number[], contentLeft: number): number[] {
  const tracks = [contentLeft - 20, contentLeft - 10];
  columnX.forEach((x, c) => {
    const right = x + columnWidth[c]!;
    tracks.push(right + 11, right + 22, right + 33);
  });
  return tracks.sort((a, b) => a - b);
}

/**
 * Labels of events and gateways beside their shape: below it as bpmn-js puts them, else above or
 * to a side, wherever no shape or earlier label is. A boundary event's label goes to its side, so
 * that its flow leaves downwards clear of the text.
 */
function placeNodeLabels(shapes: Placed[]): void {
  const solids = shapes.filter((s) => !is(s.element, 'bpmn:Lane', 'bpmn:Participant'));
  const placed: Box[] = [];
  for (const shape of solids) {
    const name = shape.element.name;
    if (!name || !/Event$|Gateway$/.test(shape.element.$type)) continue;
    const b = shape.box;
    const cx = b.x + b.width / 2;
    const below = b.y + b.height + 5;
    const options = [LABEL_WIDTH, 60].flatMap((w) => {
      const { width, height } = labelSize(name, w);
      return is(shape.element, 'bpmn:BoundaryEvent')
        ? [
            { x: b.x + b.width + 4, y: b.y + b.height - 4, width, height },
            { x: b.x - 4 - width, y: b.y + b.height - 4, width, height },
            { x: b.x + b.width - 2, y: below + 4, width, height },
            { x: b.x + 2 - width, y: below + 4, width, height },
          ]
        : [
            { x: cx - width / 2, y: below, width, height },
            { x: cx - width / 2, y: b.y - 5 - height, width, height },
            { x: b.x + b.width + 4, y: below - 8, width, height },
            { x: b.x - 4 - width, y: below - 8, width, height },
          ];
    });
    const clash = (o: Box) => [...solids.filter((s) => s !== shape).map((s) => s.box), ...placed].filter((s) => overlapsBox(o, s)).length;
    const label = options.reduce((best, o) => (clash(o) < clash(best) ? o : best), options[0]!);
    shape.label = label;
    placed.push(label);
  }
}

const overlapsBox = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

// --- routing -----------------------------------------------------------------------------------

type Port = { at: Point; dir: 'right' | 'left' | 'down' | 'up' };

function exits(box: Box, element: Element): Port[] {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  if (is(element, 'bpmn:BoundaryEvent')) return [{ at: { x: cx, y: box.y + box.height }, dir: 'down' }];
  return [
    { at: { x: box.x + box.width, y: cy }, dir: 'right' },
    { at: { x: cx, y: box.y }, dir: 'up' },
    { at: { x: cx, y: box.y + box.height }, dir: 'down' },
  ];
}

/** Where a flow may enter, with the direction of its last run. */
function entries(box: Box): Port[] {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return [
    { at: { x: box.x, y: cy }, dir: 'right' },
    { at: { x: cx, y: box.y }, dir: 'down' },
    { at: { x: cx, y: box.y + box.height }, dir: 'up' },
  ];
}

const ahead = (from: number, to: number, dir: 'right' | 'left' | 'down' | 'up') => (dir === 'right' || dir === 'down' ? to > from + 9 : to < from - 9);

function candidates(out: Port, into: Port, channels: number[], corridors: number[]): Point[][] {
  const E = out.at;
  const N = into.at;
  const paths: Point[][] = [];
  const horizontalOut = out.dir === 'right';
  const horizontalIn = into.dir === 'right';
  const inX = (x: number) => x < N.x - 9; // a vertical run before a left entry
  const yBeforeIn = (y: number) => (into.dir === 'down' ? y < N.y - 9 : y > N.y + 9);
  const yAfterOut = (y: number) => ahead(E.y, y, out.dir);
  if (horizontalOut && horizontalIn) {
    if (Math.abs(E.y - N.y) < 0.5 && N.x > E.x) paths.push([E, N]);
    for (const x of channels) if (x > E.x + 9 && inX(x)) paths.push([E, { x, y: E.y }, { x, y: N.y }, N]);
    // Two columns' worth of tracks on either end: enough to leave and enter, and it keeps the count of routes down.
    const firsts = channels.filter((x) => x > E.x + 9).slice(0, 6);
    const lasts = channels.filter(inX).slice(-6);
    for (const x1 of firsts) for (const y of corridors) for (const x2 of lasts) paths.push([E, { x: x1, y: E.y }, { x: x1, y }, { x: x2, y }, { x: x2, y: N.y }, N]);
  } else if (horizontalOut) {
    if (N.x > E.x + 9 && yBeforeIn(E.y)) paths.push([E, { x: N.x, y: E.y }, N]);
    for (const x1 of channels.filter((x) => x > E.x + 9)) for (const y of corridors.filter(yBeforeIn)) paths.push([E, { x: x1, y: E.y }, { x: x1, y }, { x: N.x, y }, N]);
  } else if (horizontalIn) {
    if (inX(E.x) && yAfterOut(N.y)) paths.push([E, { x: E.x, y: N.y }, N]);
    for (const y of corridors.filter(yAfterOut)) for (const x2 of channels.filter(inX)) paths.push([E, { x: E.x, y }, { x: x2, y }, { x: x2, y: N.y }, N]);
  } else {
    if (Math.abs(E.x - N.x) < 0.5 && yAfterOut(N.y) && yBeforeIn(E.y)) paths.push([E, N]);
    for (const y of corridors.filter((y) => yAfterOut(y) && yBeforeIn(y))) paths.push([E, { x: E.x, y }, { x: N.x, y }, N]);
  }
  return paths.map(simplify).filter((p) => p.length >= 2);
}

function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

const length = (pts: Point[]) => pts.slice(1).reduce((s, p, i) => s + Math.abs(p.x - pts[i]!.x) + Math.abs(p.y - pts[i]!.y), 0);

/** Whether a horizontal or vertical segment runs through a box's inside. */
function hits(a: Point, b: Point, box: Box, inset = 2): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return x2 > box.x + inset && x1 < box.x + box.width - inset && y2 > box.y + inset && y1 < box.y + box.height - inset;
}

/** Length two axis-parallel segments share on one line. */
function sharedRun(a1: Point, a2: Point, b1: Point, b2: Point): number {
  if (a1.y === a2.y && b1.y === b2.y && a1.y === b1.y) return Math.max(0, Math.min(Math.max(a1.x, a2.x), Math.max(b1.x, b2.x)) - Math.max(Math.min(a1.x, a2.x), Math.min(b1.x, b2.x)));
  if (a1.x === a2.x && b1.x === b2.x && a1.x === b1.x) return Math.max(0, Math.min(Math.max(a1.y, a2.y), Math.max(b1.y, b2.y)) - Math.max(Math.min(a1.y, a2.y), Math.min(b1.y, b2.y)));
  return 0;
}

const COST = { shape: 10_000, crossing: 1_000, sharedRun: 20, sharedRunOwnNode: 2, label: 150, bend: 25 };

function routeFlows(flows: Element[], boxOf: Map<Element, Box>, shapes: Placed[], channels: number[], corridors: number[], back: Set<string>): Routed[] {
  const solids = shapes.filter((s) => !is(s.element, 'bpmn:Lane', 'bpmn:Participant'));
  const labels = shapes.filter((s) => s.label).map((s) => ({ owner: s.element, box: s.label! }));
  const drawnFlows = flows.filter((f) => boxOf.has(f.sourceRef as Element) && boxOf.has(f.targetRef as Element));
  const span = (f: Element) => {
    const a = boxOf.get(f.sourceRef as Element)!;
    const b = boxOf.get(f.targetRef as Element)!;
    const backwards = back.has(`${(f.sourceRef as Element).id}>${(f.targetRef as Element).id}`) || b.x < a.x;
    return (backwards ? 1e6 : 0) + Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
  };
  const routed: Routed[] = [];
  for (const flow of [...drawnFlows].sort((a, b) => span(a) - span(b))) {
    const source = flow.sourceRef as Element;
    const target = flow.targetRef as Element;
    const sb = boxOf.get(source)!;
    const tb = boxOf.get(target)!;
    const host = is(source, 'bpmn:BoundaryEvent') ? (source.attachedToRef as Element) : undefined;
    const all: Point[][] = [];
    // Besides the shared corridors, a run just past each end: a boundary event in a lane's last row has no corridor below it.
    const tracks = [...corridors, sb.y + sb.height + 12, sb.y - 12, tb.y - 12, tb.y + tb.height + 12];
    for (const out of exits(sb, source)) for (const into of entries(tb)) for (const c of candidates(out, into, channels, tracks)) all.push(c);
    const scored = all.map((points) => ({ points, base: length(points) + (points.length - 2) * COST.bend })).sort((a, b) => a.base - b.base);
    let best: { points: Point[]; cost: number } | undefined;
    for (const { points, base } of scored) {
      if (best && base >= best.cost) break;
      let cost = base;
      const last = points.length - 2;
      for (let i = 0; i <= last && (!best || cost < best.cost); i++) {
        const a = points[i]!;
        const b = points[i + 1]!;
        for (const s of solids) {
          if ((s.element === source && i === 0) || (s.element === target && i === last) || (s.element === host && i === 0)) continue;
          // Keep clear of an open sub-process's frame, not only out of it.
          if (hits(a, b, s.box, is(s.element, 'bpmn:SubProcess') ? -10 : 2)) cost += COST.shape;
        }
        for (const l of labels) if (l.owner !== source && hits(a, b, l.box, 0)) cost += COST.label;
        for (const r of routed) {
          const shared = [r.flow.sourceRef, r.flow.targetRef].some((n) => n === source || n === target);
          for (let j = 0; j + 1 < r.points.length; j++) {
            const c = r.points[j]!;
            const d = r.points[j + 1]!;
            const run = sharedRun(a, b, c, d);
            if (run > 0) cost += run * (shared ? COST.sharedRunOwnNode : COST.sharedRun);
            else {
              const hit = segmentHit(a, b, c, d);
              if (hit && !(shared && !hit.proper)) cost += COST.crossing;
            }
          }
        }
      }
      if (!best || cost < best.cost) best = { points, cost };
    }
    if (!best) continue;
    routed.push({ flow, points: best.points });
  }
  for (const r of routed) {
    if (!r.flow.name) continue;
    const label = placeFlowLabel(r.points, labelSize(String(r.flow.name)), solids.map((s) => s.box), [...labels.map((l) => l.box), ...routed.flatMap((o) => (o.label ? [o.label] : []))]);
    r.label = label;
  }
  return routed;
}

/** Beside the flow near its middle: above or below a horizontal run, right or left of a vertical one, where nothing is. */
function placeFlowLabel(points: Point[], size: { width: number; height: number }, shapes: Box[], labels: Box[]): Box {
  const segments = points.slice(1).map((b, i) => ({ a: points[i]!, b, index: i }));
  const middle = (segments.length - 1) / 2;
  const options: Box[] = [];
  for (const { a, b } of [...segments].sort((s, t) => Math.abs(s.index - middle) - Math.abs(t.index - middle))) {
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const horizontal = a.y === b.y;
    const minX = Math.min(a.x, b.x);
    const maxX = Math.max(a.x, b.x);
    const starts = horizontal ? [mx - size.width / 2, minX + 4, maxX - 4 - size.width] : [mx + 5, mx - 5 - size.width];
    for (const x of starts) {
      if (horizontal) options.push({ x, y: my - 4 - size.height, ...size }, { x, y: my + 4, ...size });
      else options.push({ x, y: my - size.height / 2, ...size }, { x, y: Math.min(a.y, b.y) + 4, ...size });
    }
  }
  const clash = (o: Box) => [...shapes, ...labels].filter((s) => overlapsBox(o, s)).length;
  return options.reduce((best, o) => (clash(o) < clash(best) ? o : best), options[0]!);
}
