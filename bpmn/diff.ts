import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { deadlineReference, deadlineVariables } from '../domain/process.js';

/**
 * What changes when a version goes live, compared with the version that is live now: elements
 * added, removed and changed (by id, with their names), and the changes policy staff decide on
 * (who does a step, which deadline applies) in Dutch words. A pure function of two XMLs, so the
 * page's confirmation says exactly what the API computed and a unit test can pin it down.
 * Diagram layout (positions, waypoints) is not a change: it does not alter what the engine runs.
 */

export type DiffElement = { id: string; name: string | null; type: string };
export type ChangedElement = DiffElement & { changes: string[] };
export type ModelDiff = { added: DiffElement[]; removed: DiffElement[]; changed: ChangedElement[] };
/** Dutch names for role ids and deadline keys, from the region's settings; ids are shown when missing. */
export type DiffLabels = { roles?: Record<string, string>; deadlines?: Record<string, string> };

const require = createRequire(import.meta.url);
const camundaSchema = require('camunda-bpmn-moddle/resources/camunda.json') as object;

type Node = Record<string, unknown> & { $type: string; id?: string; name?: string; $descriptor?: { properties: Property[] } };
type Property = { name: string; isReference?: boolean; isMany?: boolean };

/** Properties that hold structure diffed elsewhere (children are elements of their own) or layout. */
const STRUCTURAL = new Set(['flowElements', 'incoming', 'outgoing', 'di', 'artifacts', 'laneSets', 'name']);

const TYPE_NAMES: Record<string, string> = {
  'bpmn:UserTask': 'gebruikerstaak',
  'bpmn:ServiceTask': 'servicetaak',
  'bpmn:SendTask': 'verzendtaak',
  'bpmn:BusinessRuleTask': 'bedrijfsregeltaak',
  'bpmn:Task': 'taak',
  'bpmn:StartEvent': 'startgebeurtenis',
  'bpmn:EndEvent': 'eindgebeurtenis',
  'bpmn:BoundaryEvent': 'randgebeurtenis',
  'bpmn:IntermediateCatchEvent': 'tussengebeurtenis',
  'bpmn:IntermediateThrowEvent': 'tussengebeurtenis',
  'bpmn:ExclusiveGateway': 'keuze (gateway)',
  'bpmn:ParallelGateway': 'parallelle gateway',
  'bpmn:InclusiveGateway': 'inclusieve gateway',
  'bpmn:EventBasedGateway': 'gebeurtenisgateway',
  'bpmn:SequenceFlow': 'verbinding',
  'bpmn:SubProcess': 'subproces',
  'bpmn:CallActivity': 'aanroepactiviteit',
};

/** Dutch word for an element type, for the change list. */
export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type.replace(/^bpmn:/, '');
}

async function flowElementsOf(xml: string): Promise<Map<string, Node>> {
  const moddle = new BpmnModdle({ camunda: camundaSchema });
  const { rootElement } = (await moddle.fromXML(xml, 'bpmn:Definitions')) as unknown as { rootElement: Node };
  const found = new Map<string, Node>();
  const walk = (container: Node) => {
    for (const element of (container.flowElements as Node[] | undefined) ?? []) {
      if (element.id) found.set(element.id, element);
      walk(element);
    }
  };
  for (const root of (rootElement.rootElements as Node[] | undefined) ?? []) if (root.$type === 'bpmn:Process') walk(root);
  return found;
}

/** A comparable form of an element's own settings: references become ids, children their settings. */
function plain(value: unknown, isReference = false): unknown {
  if (Array.isArray(value)) return value.map((v) => plain(v, isReference));
  if (value === null || typeof value !== 'object') return value;
  const node = value as Node;
  if (isReference) return node.id ?? null;
  const out: Record<string, unknown> = { $type: node.$type };
  for (const property of node.$descriptor?.properties ?? []) {
    const v = node[property.name];
    if (v === undefined || STRUCTURAL.has(property.name)) continue;
    out[property.name] = plain(v, property.isReference === true);
  }
  // Extension attributes (e.g. camunda: on a generic element) live in $attrs.
  const attrs = (node as { $attrs?: Record<string, string> }).$attrs;
  if (attrs && Object.keys(attrs).length > 0) out.$attrs = { ...attrs };
  return out;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function candidateGroups(element: Node): string[] {
  return (text(element.candidateGroups) ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
}

/** The deadline key a timer waits for, and whether it escalates or reminds. */
function timerDeadlines(element: Node): string[] {
  const out: string[] = [];
  for (const definition of (element.eventDefinitions as Node[] | undefined) ?? []) {
    if (definition.$type !== 'bpmn:TimerEventDefinition') continue;
    const body = ['timeDuration', 'timeDate', 'timeCycle'].map((k) => text((definition[k] as Node | undefined)?.body)).find((b) => b !== undefined);
    out.push((body ?? '').trim());
  }
  return out;
}

/** The camunda:inputParameter values of an element, by name. */
function inputs(element: Node): Record<string, string> {
  const result: Record<string, string> = {};
  for (const extension of ((element.extensionElements as Node | undefined)?.values as Node[] | undefined) ?? []) {
    if (extension.$type !== 'camunda:InputOutput') continue;
    for (const parameter of (extension.inputParameters as Node[] | undefined) ?? []) {
      const name = text(parameter.name);
      if (name) result[name] = text(parameter.value) ?? JSON.stringify(plain(parameter.definition ?? null));
    }
  }
  return result;
}

export async function diffModels(liveXml: string, newXml: string, labels: DiffLabels = {}): Promise<ModelDiff> {
  const [before, after] = await Promise.all([flowElementsOf(liveXml), flowElementsOf(newXml)]);
  const describe = (e: Node): DiffElement => ({ id: e.id!, name: text(e.name)?.trim() || null, type: e.$type });

  const roleName = (group: string) => {
    const role = group.includes(':') ? group.slice(group.indexOf(':') + 1) : group;
    return labels.roles?.[role] ? `${labels.roles[role]} (${role})` : role;
  };
  const roleList = (groups: string[]) => (groups.length === 0 ? 'niemand' : groups.map(roleName).join(', '));
  const deadlineKeyName = (key: string) => (labels.deadlines?.[key] ? `"${labels.deadlines[key]}" (${key})` : `"${key}"`);
  const deadlineName = (variableKey: string) => {
    // The old timer variables name the JUEL form of a key (dashes as underscores): find the settings key behind it.
    const key = Object.keys(labels.deadlines ?? {}).find((k) => deadlineVariables(k).escalate === `deadline_${variableKey}`) ?? variableKey;
    return deadlineKeyName(key);
  };
  const referenceName = (reference: { key: string; form: 'termijn' | 'variable' }) =>
    reference.form === 'termijn' ? deadlineKeyName(reference.key) : deadlineName(reference.key);
  const timerWords = (expression: string) => {
    const reference = deadlineReference(expression);
    if (!reference) return expression ? `"${expression}"` : '(geen)';
    return `${reference.kind === 'escalate' ? 'het verlopen van termijn' : 'de herinnering bij termijn'} ${referenceName(reference)}`;
  };

  const changesOf = (old: Node, now: Node): string[] => {
    const changes: string[] = [];
    const oldName = text(old.name)?.trim() ?? '';
    const newName = text(now.name)?.trim() ?? '';
    if (oldName !== newName) changes.push(`Naam gewijzigd van "${oldName || '(geen)'}" in "${newName || '(geen)'}".`);
    if (old.$type !== now.$type) changes.push(`Soort gewijzigd van ${typeName(old.$type)} in ${typeName(now.$type)}.`);

    const [oldGroups, newGroups] = [candidateGroups(old), candidateGroups(now)];
    if (oldGroups.join(',') !== newGroups.join(',')) changes.push(`Rol gewijzigd: was ${roleList(oldGroups)}, wordt ${roleList(newGroups)}.`);

    const [oldTimers, newTimers] = [timerDeadlines(old), timerDeadlines(now)];
    if (oldTimers.join('|') !== newTimers.join('|')) {
      changes.push(`Termijn gewijzigd: wachtte op ${oldTimers.map(timerWords).join(' en ') || '(geen)'}, wacht nu op ${newTimers.map(timerWords).join(' en ') || '(geen)'}.`);
    }
    const [oldDue, newDue] = [text(old.dueDate), text(now.dueDate)];
    if (oldDue !== newDue) {
      const due = (d: string | undefined) => {
        if (d === undefined) return 'geen';
        const key = /^\$\{due_([a-z][a-z0-9_]*)\}$/.exec(d.trim())?.[1];
        const reference = key ? undefined : deadlineReference(d);
        return key ? deadlineName(key) : reference ? referenceName(reference) : `"${d}"`;
      };
      changes.push(`Vervaldatum gewijzigd: was ${due(oldDue)}, wordt ${due(newDue)}.`);
    }
    const [oldInputs, newInputs] = [inputs(old), inputs(now)];
    if (oldInputs.deadline !== newInputs.deadline) {
      const word = (k: string | undefined) => (k ? deadlineKeyName(k) : 'geen');
      changes.push(`Geplande termijn gewijzigd: was ${word(oldInputs.deadline)}, wordt ${word(newInputs.deadline)}.`);
    }
    if (oldInputs.role !== newInputs.role) {
      const word = (r: string | undefined) => (r ? roleName(r) : 'geen');
      changes.push(`Ontvangende rol gewijzigd: was ${word(oldInputs.role)}, wordt ${word(newInputs.role)}.`);
    }
    if (text(old.topic) !== text(now.topic)) changes.push(`Taaktype gewijzigd van "${text(old.topic) ?? '(geen)'}" in "${text(now.topic) ?? '(geen)'}".`);
    if (text(old.formKey) !== text(now.formKey)) changes.push(`Formulier gewijzigd van "${text(old.formKey) ?? '(geen)'}" in "${text(now.formKey) ?? '(geen)'}".`);
    if (old.$type === 'bpmn:SequenceFlow') {
      const ref = (e: Node, k: string) => (e[k] as Node | undefined)?.id;
      if (ref(old, 'sourceRef') !== ref(now, 'sourceRef') || ref(old, 'targetRef') !== ref(now, 'targetRef')) {
        const label = (id: string | undefined) => {
          const el = id ? after.get(id) ?? before.get(id) : undefined;
          return text(el?.name)?.trim() || id || '(niets)';
        };
        changes.push(`Verbinding verlegd: liep van "${label(ref(old, 'sourceRef'))}" naar "${label(ref(old, 'targetRef'))}", loopt nu van "${label(ref(now, 'sourceRef'))}" naar "${label(ref(now, 'targetRef'))}".`);
      }
      const condition = (e: Node) => text((e.conditionExpression as Node | undefined)?.body)?.trim();
      if (condition(old) !== condition(now)) changes.push(`Voorwaarde gewijzigd van ${condition(old) ?? '(geen)'} in ${condition(now) ?? '(geen)'}.`);
    }
    // Whatever else differs (listeners, other inputs, attributes) is named as such, never hidden.
    if (changes.length === 0 && JSON.stringify(plain(old)) !== JSON.stringify(plain(now))) changes.push('Overige instellingen gewijzigd.');
    return changes;
  };

  const byId = (a: DiffElement, b: DiffElement) => a.id.localeCompare(b.id);
  const added = [...after.values()].filter((e) => !before.has(e.id!)).map(describe).sort(byId);
  const removed = [...before.values()].filter((e) => !after.has(e.id!)).map(describe).sort(byId);
  const changed: ChangedElement[] = [];
  for (const [id, now] of after) {
    const old = before.get(id);
    if (!old) continue;
    const changes = changesOf(old, now);
    if (changes.length > 0) changed.push({ ...describe(now), changes });
  }
  return { added, removed, changed: changed.sort(byId) };
}
