import { describe, expect, test } from 'vitest';
import { fitViewportScale, measureReadability, READABILITY_BOUNDS, type Readability, readabilityProblems, readabilityTable, segmentHit } from '../../bpmn/readability.js';

/** A small diagram: shapes by [x, y, width, height], flows by their waypoints. */
type Node = { id: string; type: string; box: [number, number, number, number]; name?: string; attrs?: string; inner?: string; label?: [number, number, number, number] };
type Flow = { id: string; from: string; to: string; points: [number, number][]; name?: string; type?: 'sequenceFlow' | 'messageFlow' };
type Lane = { id: string; trede?: string; box: [number, number, number, number]; nodes: string[] };

function diagram({ nodes = [], flows = [], lanes = [], sub }: { nodes?: Node[]; flows?: Flow[]; lanes?: Lane[]; sub?: { id: string; box: [number, number, number, number]; nodes: Node[] } }): string {
  const name = (n: { name?: string }) => (n.name ? ` name="${n.name}"` : '');
  const semantic = (n: Node) => `<bpmn:${n.type} id="${n.id}"${name(n)}${n.attrs ?? ''}>${n.inner ?? ''}</bpmn:${n.type}>`;
  const bounds = ([x, y, width, height]: number[]) => `<dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}" />`;
  const shape = (id: string, box: number[], extra = '', label?: number[]) =>
    `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"${extra}>${bounds(box)}${label ? `<bpmndi:BPMNLabel>${bounds(label)}</bpmndi:BPMNLabel>` : ''}</bpmndi:BPMNShape>`;
  const laneSet = lanes.length === 0 ? '' : `<bpmn:laneSet id="LaneSet_1">${lanes.map((l) =>
    `<bpmn:lane id="${l.id}">${l.trede ? `<bpmn:extensionElements><camunda:properties><camunda:property name="trede" value="${l.trede}" /></camunda:properties></bpmn:extensionElements>` : ''}${l.nodes.map((n) => `<bpmn:flowNodeRef>${n}</bpmn:flowNodeRef>`).join('')}</bpmn:lane>`).join('')}</bpmn:laneSet>`;
  const seq = flows.filter((f) => f.type !== 'messageFlow');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="https://doorzet.example.org/test">
  <bpmn:process id="P" isExecutable="true">${laneSet}
    ${nodes.map(semantic).join('\n    ')}
    ${sub ? `<bpmn:subProcess id="${sub.id}" triggeredByEvent="true">${sub.nodes.map(semantic).join('')}</bpmn:subProcess>` : ''}
    ${seq.map((f) => `<bpmn:sequenceFlow id="${f.id}"${name(f)} sourceRef="${f.from}" targetRef="${f.to}" />`).join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Dia"><bpmndi:BPMNPlane id="Plane" bpmnElement="P">
    ${lanes.map((l) => shape(l.id, l.box, ' isHorizontal="true"')).join('\n    ')}
    ${nodes.map((n) => shape(n.id, n.box, '', n.label)).join('\n    ')}
    ${sub ? [shape(sub.id, sub.box, ' isExpanded="true"'), ...sub.nodes.map((n) => shape(n.id, n.box))].join('\n    ') : ''}
    ${flows.map((f) => `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">${f.points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`).join('\n    ')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const task = (id: string, x: number, y: number, extra: Partial<Node> = {}): Node => ({ id, type: 'task', box: [x, y, 100, 80], ...extra });

describe('crossings', () => {
  test('two flows drawn as an X cross once; their four end nodes are all different', async () => {
    const r = await measureReadability(diagram({
      nodes: [task('A', 0, 0), task('B', 300, 200), task('C', 0, 200), task('D', 300, 0)],
      flows: [
        { id: 'AB', from: 'A', to: 'B', points: [[100, 40], [200, 40], [200, 240], [300, 240]] },
        { id: 'CD', from: 'C', to: 'D', points: [[100, 240], [150, 240], [150, 120], [250, 120], [250, 40], [300, 40]] },
      ],
    }));
    expect(r.crossings).toEqual([{ flows: ['AB', 'CD'], at: { x: 200, y: 120 } }]);
  });

  test('a flow that crosses another four times counts four times; a waypoint lying on the other line counts once', async () => {
    const r = await measureReadability(diagram({
      nodes: [task('A', 0, 100), task('B', 600, 100), task('C', 0, 300), task('D', 600, 300)],
      flows: [
        { id: 'AB', from: 'A', to: 'B', points: [[100, 140], [600, 140]] },
        // zig-zags over AB at x=200, 300, 400 and 500; at x=300 it has a waypoint on AB's line.
        { id: 'CD', from: 'C', to: 'D', points: [[100, 340], [200, 340], [200, 100], [300, 100], [300, 140], [300, 200], [400, 200], [400, 100], [500, 100], [500, 340], [600, 340]] },
      ],
    }));
    expect(r.crossings.map((c) => c.at.x)).toEqual([200, 300, 400, 500]);
  });

  test('flows leaving one gateway, or joining before a shared target, meet without crossing', async () => {
    const r = await measureReadability(diagram({
      nodes: [{ id: 'G', type: 'exclusiveGateway', box: [0, 15, 50, 50] }, task('B', 200, 0), task('C', 200, 150), task('E', 400, 0)],
      flows: [
        { id: 'GB', from: 'G', to: 'B', points: [[50, 40], [200, 40]] },
        { id: 'GC', from: 'G', to: 'C', points: [[25, 65], [25, 190], [200, 190]] },
        { id: 'BE', from: 'B', to: 'E', points: [[300, 40], [400, 40]] },
        // C's flow joins BE's line at x=350 and runs along it into E: a junction, not a crossing.
        { id: 'CE', from: 'C', to: 'E', points: [[300, 190], [350, 190], [350, 40], [400, 40]] },
      ],
    }));
    expect(r.crossings).toEqual([]);
  });

  test('flows that share a node but cross away from it still count', async () => {
    const r = await measureReadability(diagram({
      nodes: [task('A', 0, 0), task('B', 400, 200), task('C', 400, 0)],
      flows: [
        { id: 'AB', from: 'A', to: 'B', points: [[100, 40], [200, 40], [200, 240], [400, 240]] },
        { id: 'AC', from: 'A', to: 'C', points: [[50, 80], [50, 120], [300, 120], [300, 40], [400, 40]] },
      ],
    }));
    expect(r.crossings.map((c) => c.at)).toEqual([{ x: 200, y: 120 }]);
  });

  test('segmentHit: a proper crossing, a touch, parallel and collinear segments', () => {
    expect(segmentHit({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 })).toEqual({ at: { x: 5, y: 5 }, proper: true });
    expect(segmentHit({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 10 })).toEqual({ at: { x: 5, y: 0 }, proper: false });
    expect(segmentHit({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 5 }, { x: 10, y: 5 })).toBeNull();
    expect(segmentHit({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 0 }, { x: 15, y: 0 })).toBeNull();
  });
});

describe('overlapping shapes and labels', () => {
  test('two tasks over each other and two boundary events over each other overlap; a boundary event on its host does not', async () => {
    const r = await measureReadability(diagram({
      nodes: [
        task('A', 0, 0),
        task('B', 90, 50),
        { id: 'T1', type: 'boundaryEvent', box: [10, 62, 36, 36], attrs: ' attachedToRef="A"' },
        { id: 'T2', type: 'boundaryEvent', box: [40, 62, 36, 36], attrs: ' attachedToRef="A"' },
        task('Touching', 100, 200),
        task('Touching2', 200, 200),
      ],
    }));
    expect(r.overlaps).toEqual([['A', 'B'], ['T1', 'T2']]);
  });

  test('nodes inside their lane or sub-process are not overlaps; a sub-process over an outside task is', async () => {
    const r = await measureReadability(diagram({
      lanes: [{ id: 'L1', trede: '1', box: [0, 0, 800, 200], nodes: ['A', 'B'] }],
      nodes: [task('A', 50, 50), task('B', 300, 50), task('Outside', 60, 280)],
      sub: { id: 'S', box: [30, 250, 400, 150], nodes: [{ id: 'S_start', type: 'startEvent', box: [300, 300, 36, 36] }] },
    }));
    expect(r.overlaps).toEqual([['Outside', 'S']]);
  });

  test('a gateway label where bpmn-js puts it (below, 90 px wide) over a task is a label overlap; a label beside it is not', async () => {
    const gateway = (id: string, x: number, label?: [number, number, number, number]): Node => ({ id, type: 'exclusiveGateway', name: 'Los op?', box: [x, 0, 50, 50], label });
    const r = await measureReadability(diagram({
      nodes: [gateway('G1', 0), task('Below1', -20, 60), gateway('G2', 400, [460, 0, 60, 14]), task('Below2', 380, 60)],
    }));
    expect(r.labelOverlaps).toEqual([['G1', 'Below1']]);
  });

  test('a flow\'s name on a short flow lies over the nodes at both ends', async () => {
    const r = await measureReadability(diagram({
      nodes: [task('A', 0, 0), task('B', 150, 0)],
      flows: [{ id: 'AB', from: 'A', to: 'B', name: 'opschalen', points: [[100, 40], [150, 40]] }],
    }));
    expect(r.labelOverlaps).toEqual([['AB', 'A'], ['AB', 'B']]);
  });
});

describe('lanes, topics and scale', () => {
  const laned = (nodes: Node[], lanes: Lane[]) => measureReadability(diagram({ nodes, lanes }));

  test('lanes with their trede; nodes in no lane or drawn in another lane\'s band are outside', async () => {
    const r = await laned(
      [task('A', 50, 50), task('B', 250, 250), task('C', 450, 50), { id: 'TA', type: 'boundaryEvent', box: [80, 112, 36, 36], attrs: ' attachedToRef="A"' }],
      [{ id: 'L1', trede: '1', box: [0, 0, 800, 200], nodes: ['A', 'B'] }, { id: 'L2', box: [0, 200, 800, 200], nodes: [] }],
    );
    expect(r.lanes).toEqual([{ id: 'L1', name: '', trede: '1' }, { id: 'L2', name: '', trede: null }]);
    expect(r.outsideLanes).toEqual(['B', 'C']);
    expect(readabilityProblems(r).join('\n')).toMatch(/Lane zonder eigenschap "trede": L2\.\n2 stap\(pen\) niet in precies één lane: B, C\./);
  });

  test('service tasks per topic, and the bookkeeping ones named', async () => {
    const r = await laned(
      [
        { id: 'N', type: 'serviceTask', box: [0, 0, 100, 80], attrs: ' camunda:type="external" camunda:topic="notify-role"' },
        { id: 'R', type: 'serviceTask', box: [200, 0, 100, 80], attrs: ' camunda:type="external" camunda:topic="record-tier-change"' },
        { id: 'N2', type: 'serviceTask', box: [400, 0, 100, 80], attrs: ' camunda:type="external" camunda:topic="notify-role"' },
      ],
      [],
    );
    expect(r.topics).toEqual({ 'notify-role': 2, 'record-tier-change': 1 });
    expect(r.bookkeeping).toEqual(['R']);
  });

  test('fit-viewport scale: 1 when the drawing fits from the origin, else the tighter of width and height', () => {
    const canvas = READABILITY_BOUNDS.canvas;
    expect(fitViewportScale({ x: 0, y: 0, width: 1200, height: 800 }, canvas)).toBe(1);
    expect(fitViewportScale({ x: 0, y: 0, width: 2800, height: 900 }, canvas)).toBe(0.5);
    expect(fitViewportScale({ x: -10, y: 0, width: 700, height: 1800 }, canvas)).toBe(0.5);
    expect(fitViewportScale({ x: -10, y: 0, width: 700, height: 500 }, canvas)).toBe(1);
  });

  test('a clean two-lane ladder passes the bounds; too wide a drawing does not', async () => {
    const lanes: Lane[] = [{ id: 'L1', trede: '1', box: [0, 0, 600, 150], nodes: ['A'] }, { id: 'L2', trede: '2', box: [0, 150, 600, 150], nodes: ['B'] }];
    const clean = await measureReadability(diagram({
      lanes,
      nodes: [task('A', 50, 35), task('B', 250, 185)],
      flows: [{ id: 'AB', from: 'A', to: 'B', points: [[150, 75], [200, 75], [200, 225], [250, 225]] }],
    }));
    expect(readabilityProblems(clean)).toEqual([]);
    expect(clean.scale).toBe(1);
    const wide = await measureReadability(diagram({ lanes: lanes.map((l) => ({ ...l, box: [0, l.box[1], 3000, 150] })), nodes: [task('A', 50, 35), task('B', 2850, 185)] }));
    expect(wide.scale).toBeCloseTo(1400 / 3000, 5);
    expect(readabilityProblems(wide)).toEqual([expect.stringMatching(/^Passend in beeld is de schaal 0\.47 \(minstens 0\.6\)/)]);
  });

  test('the table in Markdown has one row per model and says which are past the bounds', () => {
    const figures: Readability = { undrawn: [], lanes: [], crossings: [], overlaps: [], labelOverlaps: [], outsideLanes: [], topics: { 'notify-role': 2 }, bookkeeping: [], bbox: { x: 0, y: 0, width: 10, height: 10 }, scale: 1 };
    expect(readabilityTable([{ model: 'x', figures }], 'markdown').split('\n')[2]).toBe('| x | 0 (not yet converted) | 0 | 0 | 0 | 0 | notify-role 2 | 0 | 1.00 | no |');
  });
});
