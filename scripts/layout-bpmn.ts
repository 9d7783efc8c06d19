/**
 * Lays out BPMN diagrams whose semantics were written by hand: `tsx scripts/layout-bpmn.ts <file.bpmn>...`
 * rewrites each file with fresh BPMN DI, so the browser modeler can show it.
 *
 * bpmn-auto-layout keeps boundary events on their hosts and draws sub-processes (our event
 * sub-processes) collapsed, but puts their content on the main plane, on top of the main flow.
 * bpmn-js shows a collapsed sub-process's content on a plane of its own (drill-down), so the
 * content is moved there. Every flow node and flow is checked for a shape afterwards, so a
 * future version that drops something fails here instead of producing a diagram bpmn-js cannot open.
 */
import fs from 'node:fs';
import { layoutProcess } from 'bpmn-auto-layout';

const SHAPE = /<bpmndi:BPMNShape\b[^>]*\bbpmnElement="([^"]+)"/g;
const EDGE = /<bpmndi:BPMNEdge\b[^>]*\bbpmnElement="([^"]+)"/g;
const FLOW_NODE =
  /<bpmn:(?:startEvent|endEvent|boundaryEvent|serviceTask|userTask|exclusiveGateway|parallelGateway|subProcess|intermediateCatchEvent|intermediateThrowEvent)\b[^>]*\bid="([^"]+)"/g;
const SEQUENCE_FLOW = /<bpmn:sequenceFlow\b[^>]*\bid="([^"]+)"/g;

const ids = (xml: string, pattern: RegExp) => new Set([...xml.matchAll(pattern)].map((m) => m[1]!));

/** The semantic part only: any old DI is dropped so the layout starts clean. */
export function stripDi(xml: string): string {
  return xml.replace(/<bpmndi:BPMNDiagram\b[\s\S]*?<\/bpmndi:BPMNDiagram>\s*/g, '');
}

/**
 * bpmn-auto-layout places a gateway's second and later targets below the previous target; when
 * that previous target was deferred (it has other incoming flows still to visit), the next one is
 * never placed and the layout fails. Flows into single-entry targets first avoids the deferral.
 */
export function orderOutgoing(xml: string): string {
  const incoming = new Map<string, number>();
  const targetOf = new Map<string, string>();
  for (const m of xml.matchAll(/<bpmn:sequenceFlow\b[^>]*>/g)) {
    const id = m[0].match(/\bid="([^"]+)"/)?.[1];
    const target = m[0].match(/\btargetRef="([^"]+)"/)?.[1];
    if (!id || !target) continue;
    targetOf.set(id, target);
    incoming.set(target, (incoming.get(target) ?? 0) + 1);
  }
  const fanIn = (flow: string) => incoming.get(targetOf.get(flow) ?? '') ?? 0;
  return xml.replace(/(?:<bpmn:outgoing>[^<]+<\/bpmn:outgoing>\s*){2,}/g, (run) => {
    const flows = [...run.matchAll(/<bpmn:outgoing>([^<]+)<\/bpmn:outgoing>/g)].map((m) => m[1]!);
    const trailing = run.match(/\s*$/)?.[0] ?? '';
    const sorted = [...flows].sort((a, b) => Number(fanIn(a) > 1) - Number(fanIn(b) > 1));
    return sorted.map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`).join('') + trailing;
  });
}

/** Moves the DI of each (non-nested) sub-process's content to a plane of its own. */
export function subProcessPlanes(xml: string): string {
  let out = xml;
  const planes: string[] = [];
  for (const sub of xml.matchAll(/<bpmn:subProcess\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/bpmn:subProcess>/g)) {
    const [, subId, body] = sub as unknown as [string, string, string];
    if (body.includes('<bpmn:subProcess')) throw new Error(`nested sub-process in ${subId}: not supported by this layout`);
    const inner = new Set([...body.matchAll(/<bpmn:\w+\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!));
    const moved: string[] = [];
    out = out.replace(/\s*<bpmndi:BPMN(Shape|Edge)\b[^>]*\bbpmnElement="([^"]+)"[\s\S]*?<\/bpmndi:BPMN\1>/g, (di, _kind, element) => {
      if (!inner.has(element)) return di;
      moved.push(di);
      return '';
    });
    planes.push(
      `  <bpmndi:BPMNDiagram id="BPMNDiagram_${subId}">\n    <bpmndi:BPMNPlane id="BPMNPlane_${subId}" bpmnElement="${subId}">${moved.join('')}\n    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n`,
    );
  }
  return out.replace(/<\/bpmn:definitions>\s*$/, `${planes.join('')}</bpmn:definitions>\n`);
}

export async function layout(xml: string): Promise<string> {
  const laidOut = subProcessPlanes(await layoutProcess(orderOutgoing(stripDi(xml))));
  const shapes = ids(laidOut, SHAPE);
  const edges = ids(laidOut, EDGE);
  const missing = [...ids(xml, FLOW_NODE)].filter((id) => !shapes.has(id));
  const missingFlows = [...ids(xml, SEQUENCE_FLOW)].filter((id) => !edges.has(id));
  if (missing.length > 0 || missingFlows.length > 0) {
    throw new Error(`bpmn-auto-layout drew no shape for ${[...missing, ...missingFlows].join(', ')}`);
  }
  return laidOut;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: tsx scripts/layout-bpmn.ts <file.bpmn>...\n');
    process.exit(2);
  }
  for (const file of files) {
    fs.writeFileSync(file, await layout(fs.readFileSync(file, 'utf8')));
    process.stdout.write(`laid out ${file}\n`);
  }
}
