import { BpmnModdle } from 'bpmn-moddle';
import camundaSchema from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

/**
 * Readability figures of a model's diagram (issue 10, docs/ladder-conventions.md §5), measured from
 * the diagram interchange alone: bounds of shapes and labels, waypoints of edges. Pure: it reads a
 * moddle tree, the same tree bpmn-js hands out (`modeler.getDefinitions()`), so `npm run lint:bpmn`,
 * the layout tool, a deploy check or the modeler can all measure a diagram the same way.
 */

export type Point = { x: number; y: number };
export type Box = { x: number; y: number; width: number; height: number };

/** The canvas the fit-to-screen scale is computed for, and the bounds a region's ladder must keep. */
export const READABILITY_BOUNDS = {
  /** The modeler's canvas in a 1400×1000 browser window, its toolbars and page header taken off. */
  canvas: { width: 1400, height: 900 },
  /**
   * bpmn-js writes task names at 12 px and external labels at 11 px; at 0.6 they are 7.2 and 6.6
   * screen pixels, the smallest at which a task name is still read rather than guessed.
   */
  minScale: 0.6,
  minLanes: 2,
  maxCrossings: 3,
  maxOverlaps: 0,
  maxLabelOverlaps: 0,
  /** Worker topics that only keep the books; the ladder conventions take them out of the diagram. */
  bookkeepingTopics: ['record-tier-change', 'plan-deadline'],
} as const;

export type LaneFigure = { id: string; name: string; trede: string | null };
export type Crossing = { flows: [string, string]; at: Point };

export type Readability = {
  lanes: LaneFigure[];
  /** Points where two different sequence or message flows cross, shared nodes not counted. */
  crossings: Crossing[];
  /** Pairs of shapes that overlap (containers with their contents and boundary events on their host excepted). */
  overlaps: [string, string][];
  /** A label (drawn or, without DI bounds, where bpmn-js would put it) over another shape or label. */
  labelOverlaps: [string, string][];
  /** Flow nodes of a laned process in no lane, in more than one lane, or drawn outside their lane's band. */
  outsideLanes: string[];
  /** Steps and flows without a shape or edge in any diagram: a model that is not (fully) drawn. */
  undrawn: string[];
  /** Service-task-like elements per worker topic. */
  topics: Record<string, number>;
  /** Elements that call a bookkeeping topic. */
  bookkeeping: string[];
  /** Everything drawn: shapes, waypoints and labels. */
  bbox: Box;
  /** The zoom bpmn-js's `canvas.zoom('fit-viewport')` picks for this diagram on READABILITY_BOUNDS.canvas. */
  scale: number;
};

/** A moddle element, loosely typed: only a few well-known properties are read. */
type Element = { $type: string; id?: string; name?: string; $parent?: Element; [key: string]: unknown };

const list = (element: Element | undefined, key: string): Element[] => (element?.[key] as Element[] | undefined) ?? [];
const is = (element: Element | undefined, ...types: string[]) => element !== undefined && types.includes(element.$type);

const CONTAINER_TYPES = ['bpmn:Lane', 'bpmn:Participant'];
/** Elements bpmn-js labels outside their shape (getExternalLabelMid), besides flows. */
const EXTERNAL_LABEL_TYPES = [
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent',
  'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway', 'bpmn:ComplexGateway',
  'bpmn:DataObjectReference', 'bpmn:DataStoreReference',
];
const NOT_FLOW_NODES = ['bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference'];
/** Shapes that may lie over others by design: a group frames what it groups. */
const IGNORED_SHAPES = ['bpmn:Group'];

export async function parseDefinitions(xml: string): Promise<Element> {
  const { rootElement } = await new BpmnModdle({ camunda: camundaSchema as object }).fromXML(xml, 'bpmn:Definitions');
  return rootElement as Element;
}

export async function measureReadability(xml: string): Promise<Readability> {
  return measureDefinitions(await parseDefinitions(xml));
}

type Shape = { id: string; element: Element; box: Box; expanded: boolean };
type Label = { id: string; element: Element; box: Box };

export function measureDefinitions(definitions: Element): Readability {
  const plane = (list(definitions, 'diagrams')[0]?.plane as Element | undefined) ?? { $type: 'none' };
  const shapes: Shape[] = [];
  const edges: { element: Element; points: Point[] }[] = [];
  const labels: Label[] = [];
  for (const di of list(plane, 'planeElement')) {
    const element = di.bpmnElement as Element | undefined;
    if (!element?.id) continue;
    const labelBounds = (di.label as Element | undefined)?.bounds as Box | undefined;
    if (di.$type === 'bpmndi:BPMNShape') {
      const box = box4(di.bounds as Box);
      shapes.push({ id: element.id, element, box, expanded: di.isExpanded === true });
      if (element.name && is(element, ...EXTERNAL_LABEL_TYPES)) {
        labels.push({ id: element.id, element, box: labelBounds ? box4(labelBounds) : defaultLabel({ x: box.x + box.width / 2, y: box.y + box.height + 10 }, element.name, 'below') });
      }
    } else if (di.$type === 'bpmndi:BPMNEdge') {
      const points = list(di, 'waypoint').map((p) => ({ x: Number(p.x), y: Number(p.y) }));
      edges.push({ element, points });
      if (element.name && points.length >= 2) {
        labels.push({ id: element.id, element, box: labelBounds ? box4(labelBounds) : defaultLabel(flowLabelMid(points), element.name, 'centre') });
      }
    }
  }

  const processes = list(definitions, 'rootElements').filter((e) => is(e, 'bpmn:Process'));
  const lanes = processes.flatMap((p) => allLanes(list(p, 'laneSets')));
  const containersOf = containerIndex(definitions, processes);

  const bbox = union([...shapes.map((s) => s.box), ...labels.map((l) => l.box), ...edges.flatMap((e) => e.points.map((p) => ({ ...p, width: 0, height: 0 })))]);
  const topics: Record<string, number> = {};
  const bookkeeping: string[] = [];
  for (const element of processes.flatMap(allFlowElements)) {
    const topic = typeof element.topic === 'string' ? element.topic : undefined;
    if (!topic) continue;
    topics[topic] = (topics[topic] ?? 0) + 1;
    if ((READABILITY_BOUNDS.bookkeepingTopics as readonly string[]).includes(topic)) bookkeeping.push(element.id ?? '?');
  }

  const drawnIds = new Set(
    list(definitions, 'diagrams').flatMap((d) => list(d.plane as Element | undefined, 'planeElement').map((di) => (di.bpmnElement as Element | undefined)?.id)),
  );
  const undrawn = processes.flatMap(allFlowElements).filter((e) => !is(e, 'bpmn:DataObject') && !drawnIds.has(e.id)).map((e) => e.id ?? '?');

  return {
    undrawn,
    lanes: lanes.map((lane) => ({ id: lane.id ?? '?', name: lane.name ?? '', trede: laneProperty(lane, 'trede') })),
    crossings: crossings(edges, new Map(shapes.map((s) => [s.id, s.box]))),
    overlaps: overlaps(shapes, containersOf),
    labelOverlaps: labelOverlaps(labels, shapes),
    outsideLanes: processes.flatMap((p) => outsideLanes(p, shapes)),
    topics,
    bookkeeping,
    bbox,
    scale: fitViewportScale(bbox, READABILITY_BOUNDS.canvas),
  };
}

/** What stops a diagram from passing the bounds, in Dutch (the modeler shows these to policy staff). */
export function readabilityProblems(r: Readability): string[] {
  const b = READABILITY_BOUNDS;
  const ids = (all: string[]) => (all.length > 8 ? `${all.slice(0, 8).join(', ')} en ${all.length - 8} meer` : all.join(', '));
  const pairs = (all: [string, string][]) => ids(all.map(([a, c]) => `${a}/${c}`));
  const problems: string[] = [];
  if (r.undrawn.length > 0) problems.push(`${r.undrawn.length} element(en) zonder tekening in het diagram: ${ids(r.undrawn)}.`);
  if (r.lanes.length < b.minLanes) problems.push(`${r.lanes.length} lane(s); een ladder heeft minstens ${b.minLanes} lanes, één per trede.`);
  const withoutTrede = r.lanes.filter((l) => l.trede === null);
  if (withoutTrede.length > 0) problems.push(`Lane zonder eigenschap "trede": ${withoutTrede.map((l) => l.name || l.id).join(', ')}.`);
  if (r.crossings.length > b.maxCrossings) problems.push(`${r.crossings.length} kruisende pijlen; hoogstens ${b.maxCrossings}.`);
  if (r.overlaps.length > b.maxOverlaps) problems.push(`${r.overlaps.length} paar overlappende vormen: ${pairs(r.overlaps)}.`);
  if (r.labelOverlaps.length > b.maxLabelOverlaps) problems.push(`${r.labelOverlaps.length} label(s) over een andere vorm: ${pairs(r.labelOverlaps)}.`);
  if (r.outsideLanes.length > 0) problems.push(`${r.outsideLanes.length} stap(pen) niet in precies één lane: ${ids(r.outsideLanes)}.`);
  if (r.bookkeeping.length > 0) problems.push(`${r.bookkeeping.length} boekhoudtaak/-taken (${b.bookkeepingTopics.join(', ')}) horen niet in het diagram: ${ids(r.bookkeeping)}.`);
  if (r.scale < b.minScale) {
    problems.push(`Passend in beeld is de schaal ${r.scale.toFixed(2)} (minstens ${b.minScale}): het diagram is ${Math.round(r.bbox.width)}×${Math.round(r.bbox.height)} px voor een canvas van ${b.canvas.width}×${b.canvas.height}.`);
  }
  return problems;
}

/** bpmn-js Canvas#_fitViewport: no zoom-in past 1, and a diagram that fits from the origin stays at 1. */
export function fitViewportScale(inner: Box, outer: { width: number; height: number }): number {
  if (inner.width <= 0 || inner.height <= 0) return 1;
  if (inner.x >= 0 && inner.y >= 0 && inner.x + inner.width <= outer.width && inner.y + inner.height <= outer.height) return 1;
  return Math.min(1, outer.width / inner.width, outer.height / inner.height);
}

// --- lanes -------------------------------------------------------------------------------------

function allLanes(laneSets: Element[]): Element[] {
  return laneSets.flatMap((set) => list(set, 'lanes').flatMap((lane) => [lane, ...allLanes(lane.childLaneSet ? [lane.childLaneSet as Element] : [])]));
}

const leafLanes = (laneSets: Element[]) => allLanes(laneSets).filter((lane) => list(lane.childLaneSet as Element | undefined, 'lanes').length === 0);

export function laneProperty(lane: Element, name: string): string | null {
  for (const ext of list(lane.extensionElements as Element | undefined, 'values')) {
    if (ext.$type !== 'camunda:Properties') continue;
    const property = list(ext, 'values').find((p) => p.name === name);
    if (property && typeof property.value === 'string') return property.value;
  }
  return null;
}

/**
 * Every flow node at the process's top level in exactly one leaf lane, drawn inside that lane (in a
 * process without lanes, every one is outside).
 * Event sub-processes may lie outside the lanes (a band of their own); a boundary event is where
 * its host is unless a lane names it.
 */
function outsideLanes(process: Element, shapes: Shape[]): string[] {
  const lanes = leafLanes(list(process, 'laneSets'));
  const boxOf = new Map(shapes.map((s) => [s.id, s.box]));
  const lanesOf = (node: Element) => lanes.filter((lane) => list(lane, 'flowNodeRef').includes(node));
  const outside: string[] = [];
  for (const node of list(process, 'flowElements')) {
    if (is(node, ...NOT_FLOW_NODES) || node.triggeredByEvent === true) continue;
    let owners = lanesOf(node);
    if (owners.length === 0 && is(node, 'bpmn:BoundaryEvent') && node.attachedToRef) owners = lanesOf(node.attachedToRef as Element);
    const box = boxOf.get(node.id ?? '');
    const laneBox = owners.length === 1 ? boxOf.get(owners[0]!.id ?? '') : undefined;
    const inside = box === undefined || laneBox === undefined || contains(laneBox, centre(box));
    if (owners.length !== 1 || !inside) outside.push(node.id ?? '?');
  }
  return outside;
}

// --- overlaps ----------------------------------------------------------------------------------

/** For every element id, the ids of the shapes it may lie inside: its sub-processes, lanes and pool. */
function containerIndex(definitions: Element, processes: Element[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (id: string | undefined, container: string | undefined) => {
    if (!id || !container) return;
    const set = index.get(id) ?? new Set<string>();
    set.add(container);
    index.set(id, set);
  };
  const participantOf = new Map<Element, string>();
  for (const collaboration of list(definitions, 'rootElements').filter((e) => is(e, 'bpmn:Collaboration'))) {
    for (const participant of list(collaboration, 'participants')) {
      if (participant.processRef) participantOf.set(participant.processRef as Element, participant.id ?? '');
    }
  }
  for (const process of processes) {
    const pool = participantOf.get(process);
    const walk = (container: Element, ancestors: string[]) => {
      for (const element of list(container, 'flowElements')) {
        for (const a of ancestors) add(element.id, a);
        if (is(element, 'bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess')) walk(element, [...ancestors, element.id ?? '']);
      }
      for (const artifact of list(container, 'artifacts')) for (const a of ancestors) add(artifact.id, a);
    };
    walk(process, pool ? [pool] : []);
    const walkLanes = (laneSets: Element[], ancestors: string[]) => {
      for (const lane of laneSets.flatMap((set) => list(set, 'lanes'))) {
        for (const a of ancestors) add(lane.id, a);
        const chain = [...ancestors, lane.id ?? ''];
        for (const node of list(lane, 'flowNodeRef')) for (const a of chain) add(node.id, a);
        if (lane.childLaneSet) walkLanes([lane.childLaneSet as Element], chain);
      }
    };
    walkLanes(list(process, 'laneSets'), pool ? [pool] : []);
  }
  return index;
}

function overlaps(shapes: Shape[], containersOf: Map<string, Set<string>>): [string, string][] {
  const found: [string, string][] = [];
  const drawn = shapes.filter((s) => !is(s.element, ...IGNORED_SHAPES));
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i]!;
      const b = drawn[j]!;
      if (!intersects(a.box, b.box)) continue;
      if (containersOf.get(a.id)?.has(b.id) || containersOf.get(b.id)?.has(a.id)) continue;
      if (a.element.attachedToRef === b.element || b.element.attachedToRef === a.element) continue;
      // A lane or pool over a node it does not hold is a node drawn in the wrong band: outsideLanes counts that.
      const aContainer = is(a.element, ...CONTAINER_TYPES);
      const bContainer = is(b.element, ...CONTAINER_TYPES);
      if (aContainer !== bContainer) continue;
      found.push([a.id, b.id]);
    }
  }
  return found;
}

function labelOverlaps(labels: Label[], shapes: Shape[]): [string, string][] {
  const found: [string, string][] = [];
  const solid = shapes.filter((s) => !is(s.element, ...CONTAINER_TYPES, ...IGNORED_SHAPES) && !s.expanded);
  for (const label of labels) {
    for (const shape of solid) {
      if (shape.id !== label.id && intersects(label.box, shape.box)) found.push([label.id, shape.id]);
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (intersects(labels[i]!.box, labels[j]!.box)) found.push([labels[i]!.id, labels[j]!.id]);
    }
  }
  return found;
}

/**
 * Where bpmn-js puts a label that has no DI bounds: 90 px wide, centred below an event or gateway
 * (getExternalLabelMid) or on a flow's middle; text of 11 px wraps at about 15 characters a line.
 */
function defaultLabel(mid: Point, text: string, anchor: 'below' | 'centre'): Box {
  const lines = Math.max(1, Math.ceil(text.length / 15));
  const height = lines * 14;
  return { x: mid.x - 45, y: anchor === 'below' ? mid.y - 10 : mid.y - height / 2, width: 90, height };
}

/** bpmn-js getFlowLabelPosition: the middle of the middle segment of the waypoints. */
function flowLabelMid(points: Point[]): Point {
  const mid = points.length / 2 - 1;
  const a = points[Math.floor(mid)]!;
  const b = points[Math.ceil(mid + 0.01)]!;
  return { x: a.x + (b.x - a.x) / 2, y: a.y + (b.y - a.y) / 2 };
}

// --- crossings ---------------------------------------------------------------------------------

function crossings(edges: { element: Element; points: Point[] }[], boxOf: Map<string, Box>): Crossing[] {
  const atNode = (node: Element, p: Point) => {
    const b = boxOf.get(node.id ?? '');
    return b !== undefined && contains({ x: b.x - 3, y: b.y - 3, width: b.width + 6, height: b.height + 6 }, p);
  };
  const flows = edges.filter((e) => is(e.element, 'bpmn:SequenceFlow', 'bpmn:MessageFlow') && e.points.length >= 2);
  const found: Crossing[] = [];
  for (let i = 0; i < flows.length; i++) {
    for (let j = i + 1; j < flows.length; j++) {
      const a = flows[i]!;
      const b = flows[j]!;
      const ends = (e: Element) => [e.sourceRef, e.targetRef] as Element[];
      const shared = ends(a.element).filter((n) => n && ends(b.element).includes(n));
      const seen = new Set<string>();
      for (let s = 0; s + 1 < a.points.length; s++) {
        for (let t = 0; t + 1 < b.points.length; t++) {
          const hit = segmentHit(a.points[s]!, a.points[s + 1]!, b.points[t]!, b.points[t + 1]!);
          if (!hit) continue;
          // Two flows from or to one node meet at it (or join just before it): a junction, not a crossing.
          if (shared.length > 0 && (!hit.proper || shared.some((n) => atNode(n, hit.at)))) continue;
          const key = `${Math.round(hit.at.x * 2)}:${Math.round(hit.at.y * 2)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          found.push({ flows: [a.element.id ?? '?', b.element.id ?? '?'], at: hit.at });
        }
      }
    }
  }
  return found;
}

/**
 * Where two segments meet: `proper` when they cross in both interiors, otherwise one touches the
 * other with an end. Collinear overlap (two flows sharing a stretch of line) is not a crossing.
 */
export function segmentHit(p1: Point, p2: Point, q1: Point, q2: Point): { at: Point; proper: boolean } | null {
  const d1 = orient(q1, q2, p1);
  const d2 = orient(q1, q2, p2);
  const d3 = orient(p1, p2, q1);
  const d4 = orient(p1, p2, q2);
  if (d1 === 0 && d2 === 0) return null;
  if (d1 * d2 > 0 || d3 * d4 > 0) return null;
  const proper = d1 * d2 < 0 && d3 * d4 < 0;
  const denom = (p2.x - p1.x) * (q2.y - q1.y) - (p2.y - p1.y) * (q2.x - q1.x);
  if (denom === 0) return null;
  const t = ((q1.x - p1.x) * (q2.y - q1.y) - (q1.y - p1.y) * (q2.x - q1.x)) / denom;
  return { at: { x: p1.x + t * (p2.x - p1.x), y: p1.y + t * (p2.y - p1.y) }, proper };
}

function orient(a: Point, b: Point, c: Point): number {
  const v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return Math.abs(v) < 1e-9 ? 0 : Math.sign(v);
}

// --- boxes -------------------------------------------------------------------------------------

const box4 = (b: Box): Box => ({ x: Number(b.x), y: Number(b.y), width: Number(b.width), height: Number(b.height) });
const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const contains = (b: Box, p: Point) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

/** Overlap with an area: boxes that only touch along an edge do not overlap. */
export function intersects(a: Box, b: Box): boolean {
  return Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
}

export function union(boxes: Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

function allFlowElements(container: Element): Element[] {
  return list(container, 'flowElements').flatMap((e) => [e, ...allFlowElements(e)]);
}

// --- report ------------------------------------------------------------------------------------

/** The figures of several models as a table: aligned plain text for a terminal, or Markdown for docs. */
export function readabilityTable(rows: { model: string; figures: Readability }[], format: 'text' | 'markdown'): string {
  const header = ['model', 'lanes (trede)', 'crossings', 'overlaps', 'label overlaps', 'outside lane', 'service tasks by topic', 'bookkeeping', 'fit scale', 'within bounds'];
  const cells = rows.map(({ model, figures: f }) => {
    const withTrede = f.lanes.filter((l) => l.trede !== null).length;
    const topics = Object.entries(f.topics).sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t} ${n}`).join(', ');
    return [
      model,
      f.lanes.length === 0 ? '0 (not yet converted)' : `${f.lanes.length} (${withTrede === f.lanes.length ? 'all' : withTrede})`,
      String(f.crossings.length),
      String(f.overlaps.length),
      String(f.labelOverlaps.length),
      String(f.outsideLanes.length),
      topics || '-',
      String(f.bookkeeping.length),
      f.scale.toFixed(2),
      readabilityProblems(f).length === 0 ? 'yes' : 'no',
    ];
  });
  if (format === 'markdown') {
    return [header, header.map(() => '---'), ...cells].map((r) => `| ${r.join(' | ')} |`).join('\n');
  }
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((r) => r[i]!.length)));
  return [header, ...cells].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
