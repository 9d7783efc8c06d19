import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { layoutXml } from '../../bpmn/layout.js';
import { type Box, measureReadability, parseDefinitions, readabilityProblems } from '../../bpmn/readability.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

type Element = { $type: string; id?: string; [key: string]: unknown };
const list = (e: Element | undefined, key: string) => (e?.[key] as Element[] | undefined) ?? [];

/** The drawn boxes and waypoints of a laid-out model, by element id. */
async function drawing(xml: string) {
  const definitions = (await parseDefinitions(xml)) as Element;
  const plane = list(definitions, 'diagrams')[0]!.plane as Element;
  const boxes = new Map<string, Box>();
  const points = new Map<string, { x: number; y: number }[]>();
  for (const di of list(plane, 'planeElement')) {
    const id = (di.bpmnElement as Element).id!;
    if (di.bounds) boxes.set(id, di.bounds as Box);
    if (di.waypoint) points.set(id, list(di, 'waypoint') as unknown as { x: number; y: number }[]);
  }
  const process = list(definitions, 'rootElements').find((e) => e.$type === 'bpmn:Process')!;
  return { definitions, process, boxes, points, diagrams: list(definitions, 'diagrams').length };
}
const within = (p: { x: number; y: number }, b: Box) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
const onOutline = (p: { x: number; y: number }, b: Box) =>
  within(p, b) && [Math.abs(p.x - b.x), Math.abs(p.x - b.x - b.width), Math.abs(p.y - b.y), Math.abs(p.y - b.y - b.height)].some((d) => d < 0.5);

describe('layout of a ladder written without a diagram (lanes, steps, flows)', async () => {
  const semantic = fixture('ladder-semantic.bpmn');
  const xml = await layoutXml(semantic);
  const figures = await measureReadability(xml);
  const { process, boxes, points } = await drawing(xml);
  const lanes = list(list(process, 'laneSets')[0], 'lanes');

  test('the model had no diagram, and the drawing is within every readability bound', async () => {
    expect((await measureReadability(semantic)).undrawn.length).toBeGreaterThan(40);
    expect(figures.undrawn).toEqual([]);
    expect(figures.crossings).toEqual([]);
    expect(figures.overlaps).toEqual([]);
    expect(figures.labelOverlaps).toEqual([]);
    expect(readabilityProblems(figures)).toEqual([]);
  });

  test('lanes are bands from top to bottom in trede order, each step inside its own lane', () => {
    const tops = lanes.map((l) => boxes.get(l.id!)!.y);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    for (const lane of lanes) {
      for (const node of list(lane, 'flowNodeRef')) {
        const b = boxes.get(node.id!)!;
        expect(within({ x: b.x + b.width / 2, y: b.y + b.height / 2 }, boxes.get(lane.id!)!), node.id).toBe(true);
      }
    }
  });

  test('time runs left to right: every flow that is not a loop back ends to the right of where it starts', () => {
    for (const flow of list(process, 'flowElements').filter((e) => e.$type === 'bpmn:SequenceFlow' && e.name !== 'afschalen')) {
      const source = boxes.get((flow.sourceRef as Element).id!)!;
      const target = boxes.get((flow.targetRef as Element).id!)!;
      expect(target.x, flow.id).toBeGreaterThan(source.x);
    }
  });

  test('boundary events sit on their host\'s bottom edge', () => {
    for (const event of list(process, 'flowElements').filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
      const b = boxes.get(event.id!)!;
      const host = boxes.get((event.attachedToRef as Element).id!)!;
      expect(b.y + b.height / 2, event.id).toBe(host.y + host.height);
      expect(b.x >= host.x - 20 && b.x + b.width <= host.x + host.width + 20, event.id).toBe(true);
    }
  });

  test('event sub-processes are drawn open, at the top of the trede-0 lane above its steps, their contents inside them', () => {
    const regie = boxes.get(lanes[0]!.id!)!;
    const regieSteps = list(lanes[0], 'flowNodeRef').map((n) => boxes.get(n.id!)!);
    for (const sub of list(process, 'flowElements').filter((e) => e.triggeredByEvent === true)) {
      const box = boxes.get(sub.id!)!;
      expect(within(box, regie), sub.id).toBe(true);
      expect(box.y + box.height, sub.id).toBeLessThan(Math.min(...regieSteps.map((b) => b.y)));
      for (const inner of list(sub, 'flowElements').filter((e) => e.$type !== 'bpmn:SequenceFlow')) {
        expect(within(boxes.get(inner.id!)!, box), inner.id).toBe(true);
      }
    }
  });

  test('flows are orthogonal and run from their source\'s outline to their target\'s', () => {
    const all = [process, ...list(process, 'flowElements').filter((e) => e.$type === 'bpmn:SubProcess')].flatMap((c) => list(c, 'flowElements'));
    for (const flow of all.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
      const p = points.get(flow.id!)!;
      for (let i = 0; i + 1 < p.length; i++) expect(p[i]!.x === p[i + 1]!.x || p[i]!.y === p[i + 1]!.y, `${flow.id} segment ${i}`).toBe(true);
      expect(onOutline(p[0]!, boxes.get((flow.sourceRef as Element).id!)!), `${flow.id} start`).toBe(true);
      expect(onOutline(p[p.length - 1]!, boxes.get((flow.targetRef as Element).id!)!), `${flow.id} end`).toBe(true);
    }
  });

  test('laying out again gives the same drawing', async () => {
    expect(await layoutXml(xml)).toBe(xml);
  });

  // Without a trede-0 lane the band goes to the lowest lane of a pool, or below the lanes without one.
  const withoutTredeZero = semantic.replace('<camunda:property name="trede" value="0" />', '<camunda:property name="trede" value="4" />');
  const pooled = (xml: string) =>
    xml.replace(
      '<bpmn:process id="doorzet-test-ladder"',
      '<bpmn:collaboration id="Collaboration_1"><bpmn:participant id="Pool" name="Ladder" processRef="doorzet-test-ladder" /></bpmn:collaboration>\n  <bpmn:process id="doorzet-test-ladder"',
    );

  test.each([
    ['a pool with a trede-0 lane', pooled(semantic), 'Lane_Regie'],
    ['a pool without one', pooled(withoutTredeZero), 'Lane_Regie'],
    ['no pool and no trede-0 lane', withoutTredeZero, null],
  ])('%s: the drawing is within the bounds, the pool holds the lanes, the band is in its place', async (_name, model, bandLane) => {
    const out = await layoutXml(model);
    expect(readabilityProblems(await measureReadability(out))).toEqual([]);
    const { boxes: b } = await drawing(out);
    const laneBoxes = lanes.map((l) => b.get(l.id!)!);
    const pool = b.get('Pool');
    if (pool) for (const lane of laneBoxes) expect(within(lane, pool)).toBe(true);
    const band = b.get('ContactOntbreekt')!;
    if (bandLane) expect(within(band, b.get(bandLane)!)).toBe(true);
    else expect(band.y).toBeGreaterThan(Math.max(...laneBoxes.map((l) => l.y + l.height)));
  });
});

describe('layout of the template (the model before the ladder conventions) with lanes added', async () => {
  const xml = await layoutXml(fixture('template-lanes.bpmn'));
  const figures = await measureReadability(xml);

  test('no shapes or labels overlap and every step is in its lane', () => {
    expect(figures.overlaps).toEqual([]);
    expect(figures.labelOverlaps).toEqual([]);
    expect(figures.outsideLanes).toEqual([]);
    expect(figures.undrawn).toEqual([]);
  });

  test('the crossings come from the contact detour drawn per tier (35 in the hand-drawn diagram)', () => {
    // Each tier's "contactgegevens aanvullen" task lies in the regie lane at the top; its flows there
    // and back cross the tier's own. The ladder conventions replace them by one event sub-process.
    expect(figures.crossings.length).toBe(17);
  });

  test('the drawing replaces the old diagrams, the collapsed sub-process\'s plane included', async () => {
    const { diagrams, boxes } = await drawing(xml);
    expect(diagrams).toBe(1);
    expect(boxes.get('CasusOpgelost')!.width).toBeGreaterThan(300);
  });
});
