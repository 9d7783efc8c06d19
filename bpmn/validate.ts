import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { MILESTONE_LABELS, type Milestone, milestonesOf, unknownMilestones } from '../domain/milestones.js';
import { CASE_SOLVED_MESSAGE, TERMIJN_EXPRESSION, deadlineReference, deadlineVariables } from '../domain/process.js';
import type { RegionSettings } from '../domain/region.js';
import { isFormName } from '../domain/task-forms.js';
import { dutchLintMessage } from './lint-messages.js';
import { READABILITY_BOUNDS } from './readability.js';

/**
 * Validation of a region's model before it is stored or deployed: the API runs it on
 * upload, `npm run lint:bpmn` over bpmn/, the contract test over every seed model.
 * A model passes only when the engine (Operaton, Camunda 7 dialect) will run it, every
 * name in it (topics, roles, deadlines, forms, messages) resolves against the workers and
 * the region's settings, and it runs no code inside the engine: unlike FEEL in Zeebe, JUEL,
 * scripts, listeners and Java delegates in Operaton can do anything the engine can.
 */

export type Finding = { elementId: string | null; rule: string; message: string };

export const MAX_MODEL_BYTES = 512 * 1024;

/** Milestones every region's model must mark (domain/milestones.ts). */
const REQUIRED_MILESTONES: Milestone[] = ['opgepakt', 'besluit', 'hulp-ingezet'];

const require = createRequire(import.meta.url);
// bpmnlint and its plugin are CommonJS and resolve rules by package name.
const { Linter } = require('bpmnlint') as { Linter: new (options: { config: unknown; resolver: unknown }) => BpmnLinter };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options: { require: NodeRequire }) => unknown;
const camundaSchema = require('camunda-bpmn-moddle/resources/camunda.json') as object;

type LintReport = { id?: string; message: string; category: 'error' | 'warn' | 'info' | 'rule-error' };
type BpmnLinter = { lint(root: unknown): Promise<Record<string, LintReport[]>> };

const LINT_CONFIG = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '.bpmnlintrc'), 'utf8')) as unknown;
const resolver = new NodeResolver({ require });

const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';
/**
 * The only XML namespaces a model may declare: BPMN 2.0 with its diagram interchange, the
 * `camunda:` extensions the modeler and the checks below understand, the modeler's own
 * attributes and bpmn-js's colours. Operaton also executes `operaton:` (and old `activiti:`)
 * extensions, which bpmn-moddle here would not read: they are refused, not overlooked.
 */
const ALLOWED_NAMESPACES = new Set([
  'http://www.omg.org/spec/BPMN/20100524/MODEL',
  'http://www.omg.org/spec/BPMN/20100524/DI',
  'http://www.omg.org/spec/DD/20100524/DC',
  'http://www.omg.org/spec/DD/20100524/DI',
  'http://www.w3.org/2001/XMLSchema-instance',
  'http://camunda.org/schema/1.0/bpmn',
  'http://camunda.org/schema/modeler/1.0',
  'http://bpmn.io/schema/bpmn/biocolor/1.0',
  'http://www.omg.org/spec/BPMN/non-normative/color/1.0',
]);

/** A moddle element, loosely typed: rules below read only a few well-known properties. */
type Element = {
  $type: string;
  id?: string;
  [key: string]: unknown;
};

const children = (element: Element, key: string): Element[] => (element[key] as Element[] | undefined) ?? [];
const extensions = (element: Element): Element[] =>
  children((element.extensionElements as Element | undefined) ?? { $type: 'none' }, 'values');
const extension = (element: Element, type: string): Element | undefined => extensions(element).find((e) => e.$type === type);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** A `camunda:property` of an element (a lane's `trede`). */
const extensionProperty = (element: Element, name: string): string | undefined =>
  text(children(extension(element, 'camunda:Properties') ?? { $type: 'none' }, 'values').find((p) => p.name === name)?.value)?.trim();

function flowElements(container: Element): Element[] {
  return children(container, 'flowElements').flatMap((e) => (e.$type === 'bpmn:SubProcess' ? [e, ...flowElements(e)] : [e]));
}

/**
 * An input parameter's fixed text: `accounthouder` → accounthouder; a JUEL expression or a
 * script/list/map → undefined; no such parameter → null.
 */
function literalInput(element: Element, name: string): string | undefined | null {
  const io = extension(element, 'camunda:InputOutput');
  const input = children(io ?? { $type: 'none' }, 'inputParameters').find((p) => p.name === name);
  if (!input) return null;
  if (input.definition !== undefined) return undefined;
  const value = text(input.value) ?? '';
  return /[$#]\{/.test(value) ? undefined : value.trim();
}

/** JUEL tokens the models need: names, literals, comparisons, logic, arithmetic, brackets. */
const JUEL_TOKEN = /\s+|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|'[^'\\{}]*'|"[^"\\{}]*"|==|!=|<=|>=|&&|\|\||[<>!+\-*/%()]/y;
const JUEL_OPERATOR_WORDS = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'empty', 'div', 'mod']);

/**
 * Whether a JUEL expression body (between `${` and `}`) only reads variables: no property
 * access (`.`, `[]`), no method or function calls (`name(`, `fn:`), no lambdas or
 * assignments. That keeps `${execution.getProcessEngineServices()...}` and friends out.
 */
function isPlainJuel(body: string): boolean {
  const tokens: string[] = [];
  JUEL_TOKEN.lastIndex = 0;
  while (JUEL_TOKEN.lastIndex < body.length) {
    const token = JUEL_TOKEN.exec(body)?.[0];
    if (token === undefined) return false;
    if (token.trim()) tokens.push(token);
  }
  if (tokens.length === 0 || body.includes('->')) return false;
  return tokens.every((token, i) => {
    const before = tokens[i - 1];
    return token !== '(' || before === undefined || !/^[A-Za-z_]/.test(before) || JUEL_OPERATOR_WORDS.has(before);
  });
}

/** The `${...}` / `#{...}` expressions in a text that do more than read variables. */
function unsafeExpressions(value: string): string[] {
  const unsafe: string[] = [];
  const start = /[$#]\{/g;
  for (let match = start.exec(value); match; match = start.exec(value)) {
    const end = value.indexOf('}', match.index + 2);
    if (end < 0) {
      unsafe.push(value.slice(match.index));
      break;
    }
    const expression = value.slice(match.index, end + 1);
    // The one method call a model may make: the bean that only computes a deadline (engine/Termijn.java).
    if (!isPlainJuel(value.slice(match.index + 2, end)) && !TERMIJN_EXPRESSION.test(expression)) unsafe.push(expression);
    start.lastIndex = end + 1;
  }
  return unsafe;
}

/** Element types and properties through which Operaton runs code of the model's author. */
const CODE_TYPES: Record<string, string> = {
  'bpmn:ScriptTask': 'een scripttaak',
  'camunda:Script': 'een script',
  'camunda:ExecutionListener': 'een execution listener',
  'camunda:TaskListener': 'een task listener',
  'camunda:Connector': 'een connector',
};
const CODE_PROPERTIES = ['class', 'delegateExpression', 'expression', 'formHandlerClass', 'variableMappingClass', 'variableMappingDelegateExpression', 'resource'];

/** Every element and every text in the model, with the id of the nearest element that has one. */
function* walk(node: Element, elementId: string | null, seen = new Set<unknown>()): Generator<{ element: Element; elementId: string | null; key: string; value: string }> {
  if (seen.has(node)) return;
  seen.add(node);
  const id = typeof node.id === 'string' ? node.id : elementId;
  yield { element: node, elementId: id, key: '$type', value: node.$type };
  const descriptor = node.$descriptor as { propertiesByName?: Record<string, { isReference?: boolean }> } | undefined;
  const attrs = (node.$attrs as Record<string, unknown> | undefined) ?? {};
  const entries = [...Object.entries(node), ...Object.entries(attrs)];
  for (const [key, value] of entries) {
    if (key === '$type' || key === '$parent' || descriptor?.propertiesByName?.[key]?.isReference) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') yield { element: node, elementId: id, key, value: item };
      else if (item && typeof item === 'object' && typeof (item as Element).$type === 'string') yield* walk(item as Element, id, seen);
    }
  }
}

/** Inputs of a worker step that name a role of the region (whom it notifies or asks). */
const ROLE_INPUTS = ['role'];

const candidateGroups = (element: Element): string[] =>
  (text(element.candidateGroups) ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);

/**
 * Which elements of a model name each role of the region, by the same reading as the checks
 * below (candidate groups `<region>:<role>` of user tasks, fixed `role` inputs of worker steps):
 * a settings change may not take away a role that a model in use still names.
 */
export async function roleReferences(xml: string, region: string): Promise<Map<string, Array<{ id: string; name: string | null }>>> {
  const { rootElement } = await new BpmnModdle({ camunda: camundaSchema }).fromXML(xml, 'bpmn:Definitions');
  const processes = children(rootElement as unknown as Element, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  const uses = new Map<string, Array<{ id: string; name: string | null }>>();
  const add = (role: string, element: Element & { id: string }) => {
    const list = uses.get(role) ?? [];
    if (!list.some((e) => e.id === element.id)) list.push({ id: element.id, name: text(element.name)?.trim() || null });
    uses.set(role, list);
  };
  for (const element of processes.flatMap(flowElements)) {
    if (!element.id) continue;
    const named = element as Element & { id: string };
    for (const group of element.$type === 'bpmn:UserTask' ? candidateGroups(element) : []) {
      const [groupRegion, role] = group.split(':');
      if (groupRegion === region && role) add(role, named);
    }
    for (const name of ROLE_INPUTS) {
      const role = literalInput(element, name);
      if (role) add(role, named);
    }
  }
  return uses;
}

/** The deadline reference a user task's due date makes: `${due_<key>}` (set by plan-deadline) or the bean. */
function dueDateReference(dueDate: string) {
  const variable = /^\$\{due_([a-z][a-z0-9_]*)\}$/.exec(dueDate.trim())?.[1];
  return variable ? { key: variable, form: 'variable' as const, kind: 'escalate' as const } : deadlineReference(dueDate);
}

/** The body of a timer's definition and which of the three kinds holds it. */
function timerBody(definition: Element): { kind: string | undefined; body: string } {
  const kind = ['timeDuration', 'timeDate', 'timeCycle'].find((k) => (definition[k] as Element | undefined)?.body !== undefined);
  return { kind, body: String((kind ? (definition[kind] as Element).body : undefined) ?? '') };
}

const timerDefinitions = (element: Element) => children(element, 'eventDefinitions').filter((d) => d.$type === 'bpmn:TimerEventDefinition');

/**
 * Which elements of a model name each of the region's deadline `keys`, by the same reading as
 * the checks below (plan-deadline's `deadline` input, user-task due dates and timers, in the
 * bean's form or as the variables plan-deadline sets): a settings change may not take away a
 * deadline that a model in use still names, or its timers would fail in the engine.
 */
export async function deadlineReferences(xml: string, keys: string[]): Promise<Map<string, Array<{ id: string; name: string | null }>>> {
  const { rootElement } = await new BpmnModdle({ camunda: camundaSchema }).fromXML(xml, 'bpmn:Definitions');
  const processes = children(rootElement as unknown as Element, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  const byVariable = new Map(keys.map((key) => [deadlineVariables(key).escalate.slice('deadline_'.length), key]));
  const settingsKey = (reference: { key: string; form: 'termijn' | 'variable' } | undefined) =>
    !reference ? undefined : reference.form === 'termijn' ? (keys.includes(reference.key) ? reference.key : undefined) : byVariable.get(reference.key);
  const uses = new Map<string, Array<{ id: string; name: string | null }>>();
  for (const element of processes.flatMap(flowElements)) {
    if (!element.id) continue;
    const named = { id: element.id, name: text(element.name)?.trim() || null };
    const planned = text(element.topic) === 'plan-deadline' ? literalInput(element, 'deadline') : null;
    const dueDate = element.$type === 'bpmn:UserTask' ? text(element.dueDate) : undefined;
    const found = [
      planned && keys.includes(planned) ? planned : undefined,
      dueDate === undefined ? undefined : settingsKey(dueDateReference(dueDate)),
      ...timerDefinitions(element).map((definition) => settingsKey(deadlineReference(timerBody(definition).body))),
    ];
    for (const key of new Set(found)) {
      if (key === undefined) continue;
      uses.set(key, [...(uses.get(key) ?? []), named]);
    }
  }
  return uses;
}

export async function validateModel(xml: string, settings: RegionSettings, jobTypes: string[]): Promise<Finding[]> {
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > MAX_MODEL_BYTES) {
    return [{ elementId: null, rule: 'size-limit', message: `Het model is ${Math.ceil(size / 1024)} KiB; de grens is ${MAX_MODEL_BYTES / 1024} KiB.` }];
  }
  // Checked before any parser sees the text: entity expansion and external entities never get a chance.
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) {
    return [{ elementId: null, rule: 'xml-entities', message: 'DOCTYPE- en ENTITY-declaraties zijn niet toegestaan.' }];
  }

  const moddle = new BpmnModdle({ camunda: camundaSchema });
  let root: Element;
  let warnings: { message: string; element?: Element }[];
  try {
    const parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    root = parsed.rootElement as unknown as Element;
    warnings = parsed.warnings as typeof warnings;
  } catch (error) {
    const message = (error as Error).message;
    const notBpmn = /unparsable content|failed to parse document as <bpmn:Definitions>/.test(message) && !/unclosed|missing|unexpected end|closing tag|non-whitespace|attribute/i.test(message);
    return [
      notBpmn
        ? { elementId: null, rule: 'not-bpmn', message: `Geen BPMN 2.0-model: ${message}` }
        : { elementId: null, rule: 'xml-not-well-formed', message: `Geen geldige XML: ${message}` },
    ];
  }

  const findings: Finding[] = warnings.map((w) => ({ elementId: w.element?.id ?? null, rule: 'bpmn-schema', message: w.message }));

  // The dialect: Camunda 7 (`camunda:`) extensions only. Every namespace declaration is read from
  // the text itself, so one on an inner element counts too; an encoded URI simply does not match.
  const declared = new Set([...xml.matchAll(/\bxmlns(?::[\w.-]+)?\s*=\s*(["'])(.*?)\1/g)].map((m) => m[2]!));
  if (declared.has(ZEEBE_NAMESPACE)) {
    findings.push({
      elementId: null,
      rule: 'engine-dialect',
      message: 'Dit model is voor Camunda 8 (Zeebe-extensies); Doorzet draait op Operaton: gebruik camunda:-extensies (externe taak met topic, candidateGroups, formKey).',
    });
  }
  for (const namespace of [...declared].filter((ns) => ns !== ZEEBE_NAMESPACE && !ALLOWED_NAMESPACES.has(ns)).sort()) {
    findings.push({ elementId: null, rule: 'engine-dialect', message: `Namespace "${namespace}" hoort niet in een Doorzet-model: alleen BPMN 2.0 en camunda:-extensies.` });
  }
  const platform = text((root.$attrs as Record<string, unknown> | undefined)?.['modeler:executionPlatform']);
  if (platform === 'Camunda Cloud') {
    findings.push({ elementId: null, rule: 'engine-dialect', message: 'Het model is gemaakt voor Camunda 8 (Camunda Cloud); Doorzet draait op Operaton (Camunda Platform 7).' });
  }
  // A Camunda 8 model fails every rule below for the one reason above: that reason is enough.
  if (declared.has(ZEEBE_NAMESPACE) || platform === 'Camunda Cloud') return findings;

  const processes = children(root, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  const main = processes.find((p) => p.id === settings.bpmnProcessId);
  if (!main) {
    findings.push({
      elementId: null,
      rule: 'process-id',
      message: `Het model moet een proces met id "${settings.bpmnProcessId}" bevatten (gevonden: ${processes.map((p) => p.id).join(', ') || 'geen'}).`,
    });
  } else if (main.isExecutable !== true) {
    findings.push({ elementId: main.id ?? null, rule: 'process-id', message: `Het proces "${settings.bpmnProcessId}" moet uitvoerbaar zijn (isExecutable="true").` });
  }
  for (const process of processes.filter((p) => p.isExecutable === true)) {
    const ttl = text(process.historyTimeToLive)?.trim() ?? '';
    if (!/^(\d+|P\d+D)$/.test(ttl)) {
      findings.push({
        elementId: process.id ?? null,
        rule: 'history-time-to-live',
        message: `Het proces heeft een bewaartermijn in dagen nodig, bv. camunda:historyTimeToLive="3650" (gevonden: ${ttl || 'geen'}); de engine weigert een proces zonder.`,
      });
    }
  }

  // A linter per model: some rules (no-duplicate-sequence-flows) keep state between runs.
  const lint = await new Linter({ config: LINT_CONFIG, resolver }).lint(root);
  for (const [rule, reports] of Object.entries(lint)) {
    for (const report of reports) {
      if (report.category === 'error' || report.category === 'rule-error') {
        findings.push({ elementId: report.id ?? null, rule: `bpmnlint/${rule}`, message: dutchLintMessage(rule, report.message) });
      }
    }
  }

  // Code in the engine: scripts, listeners, Java classes and beans, and JUEL beyond reading variables.
  for (const { element, elementId, key, value } of walk(root, null)) {
    const add = (message: string) => findings.push({ elementId, rule: 'engine-code', message });
    if (key === '$type') {
      const kind = CODE_TYPES[value];
      if (kind) add(`Het model bevat ${kind}: dat voert code in de engine uit. Doorzet laat werk alleen door workers doen (externe taken).`);
    } else if (CODE_PROPERTIES.includes(key)) {
      add(`camunda:${key} voert code in de engine uit; gebruik een externe taak (camunda:type="external") met een topic.`);
    } else if (key === 'language' && element.$type === 'bpmn:FormalExpression') {
      add(`Een expressie in een scripttaal ("${value}") voert code in de engine uit; gebruik een JUEL-expressie als \${outcome == 'opschalen'}.`);
    } else {
      for (const expression of unsafeExpressions(value)) {
        add(`Expressie "${expression}" mag alleen variabelen, vaste waarden en vergelijkingen bevatten (geen eigenschappen, methodes of functies).`);
      }
    }
  }

  const roles = new Set(settings.roles.map((r) => r.id));
  /**
   * A new model names a deadline through the bean only: the variables of the former plan-deadline
   * step (`${deadline_<key>}`, `${due_<key>}`) are set by nothing a new model may contain.
   */
  const knownDeadline = (reference: { key: string; form: 'termijn' | 'variable' }) =>
    reference.form === 'termijn' && Object.hasOwn(settings.deadlines, reference.key);
  const knownJobTypes = new Set(jobTypes);
  const EXTERNAL_TASK_TYPES = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];

  for (const element of processes.flatMap(flowElements)) {
    const id = element.id ?? null;
    const add = (rule: string, message: string) => findings.push({ elementId: id, rule, message });

    // Service-task-like elements (and message events) that name a topic are external tasks for a worker.
    const implementations = [element, ...children(element, 'eventDefinitions').filter((d) => d.$type === 'bpmn:MessageEventDefinition')];
    for (const implementation of implementations) {
      const mustBeExternal = EXTERNAL_TASK_TYPES.includes(implementation.$type);
      if (!mustBeExternal && implementation.type === undefined && implementation.topic === undefined) continue;
      if (implementation.type !== 'external') {
        add('external-task', 'Een servicetaak moet een externe taak zijn (camunda:type="external") met een topic dat een worker uitvoert.');
        continue;
      }
      const topic = text(implementation.topic) ?? '';
      if ((READABILITY_BOUNDS.bookkeepingTopics as readonly string[]).includes(topic)) {
        add(
          'bookkeeping-step',
          `Taaktype "${topic}" hoort niet meer in een model: de trede volgt uit de baan waarin de taak ligt, de termijn uit \${termijn.verloopt(execution, '<termijn>')} (docs/ladder-conventions.md).`,
        );
      } else if (!knownJobTypes.has(topic)) add('unknown-job-type', `Taaktype (topic) "${topic}" wordt door geen worker uitgevoerd.`);
      for (const name of ROLE_INPUTS) {
        const role = literalInput(element, name);
        if (role === undefined) add('unknown-role', `Invoer "${name}" moet een vaste rol zijn, bv. accounthouder.`);
        else if (role !== null && !roles.has(role)) add('unknown-role', `Rol "${role}" staat niet in de instellingen van ${settings.id}.`);
      }
    }

    if (element.$type === 'bpmn:UserTask') {
      const groups = candidateGroups(element);
      if (groups.length === 0) add('candidate-group', 'Een gebruikerstaak heeft een kandidaatgroep <regio>:<rol> nodig.');
      for (const group of groups) {
        const [region, role, ...rest] = group.split(':');
        if (region !== settings.id || !role || rest.length > 0 || !roles.has(role)) {
          add('candidate-group', `Kandidaatgroep "${group}" is geen rol van ${settings.id} (verwacht ${settings.id}:<rol>).`);
        }
      }
      if (element.assignee !== undefined || element.candidateUsers !== undefined) {
        add('candidate-group', 'Een gebruikerstaak gaat naar een kandidaatgroep, niet naar personen: camunda:assignee en camunda:candidateUsers zijn niet toegestaan.');
      }
      const form = text(element.formKey) ?? '';
      if (!isFormName(form)) add('unknown-form', `Formulier "${form || '(geen)'}" bestaat niet.`);
      const dueDate = text(element.dueDate);
      if (dueDate !== undefined) {
        const reference = dueDateReference(dueDate);
        if (!reference || reference.kind !== 'escalate' || !knownDeadline(reference)) {
          add('unknown-deadline', `Vervaldatum "${dueDate}" hoort \${termijn.verloopt(execution, '<termijn>')} te zijn, met een termijn uit de instellingen.`);
        }
      }
    }

    for (const definition of timerDefinitions(element)) {
      const { kind, body } = timerBody(definition);
      const reference = deadlineReference(body);
      // The bean gives a moment: a timeDate.
      if (reference?.form !== 'termijn' || kind !== 'timeDate') {
        add(
          'timer-expression',
          `Timer "${body}" moet een tijdstip (timeDate) \${termijn.verloopt(execution, '<termijn>')} of \${termijn.herinnering(execution, '<termijn>')} zijn: termijnen komen uit de instellingen.`,
        );
      } else if (!knownDeadline(reference)) {
        add('unknown-deadline', `Timer "${body}" noemt een termijn die niet in de instellingen van ${settings.id} staat.`);
      }
    }
  }

  // The figures (docs/figures.md) are measured where the model says: without these marks a region
  // would have no pick-up or waiting time at all, so the model is refused rather than silently unmeasured.
  for (const { elementId, value } of unknownMilestones(xml)) {
    findings.push({ elementId, rule: 'milestone', message: `Mijlpaal "${value}" bestaat niet; kies ${Object.keys(MILESTONE_LABELS).join(', ')}.` });
  }
  const marked = new Set(milestonesOf(xml).values());
  for (const required of REQUIRED_MILESTONES) {
    if (!marked.has(required)) {
      findings.push({ elementId: null, rule: 'milestone', message: `Geen gebruikerstaak heeft mijlpaal "${required}": markeer de stap ${MILESTONE_LABELS[required]}.` });
    }
  }

  // Lanes (docs/ladder-conventions.md §1): a model drawn with lanes has one per tier, each naming
  // its tier, and every step in exactly one of them, so the tier follows from where the case is.
  for (const process of processes) {
    const lanes = children(process, 'laneSets').flatMap((set) => children(set, 'lanes'));
    if (lanes.length === 0) continue;
    const tiers = new Set([0, ...settings.tiers.map((t) => t.number)]);
    const inLanes = new Map<string, number>();
    for (const lane of lanes) {
      const trede = extensionProperty(lane, 'trede');
      if (trede === undefined || !/^\d+$/.test(trede) || !tiers.has(Number(trede))) {
        findings.push({
          elementId: lane.id ?? null,
          rule: 'lane-trede',
          message: `Baan "${text(lane.name) ?? lane.id}" heeft eigenschap trede nodig met een trede uit de instellingen (${[...tiers].join(', ')}; 0 voor ondersteunende rollen); gevonden: ${trede ?? 'geen'}.`,
        });
      }
      for (const node of children(lane, 'flowNodeRef')) if (node.id) inLanes.set(node.id, (inLanes.get(node.id) ?? 0) + 1);
    }
    for (const node of children(process, 'flowElements').filter((e) => e.$type !== 'bpmn:SequenceFlow' && !e.$type.startsWith('bpmn:Data'))) {
      const count = inLanes.get(node.id ?? '') ?? 0;
      if (count !== 1) {
        findings.push({
          elementId: node.id ?? null,
          rule: 'lane-membership',
          message: count === 0 ? 'Dit element ligt in geen enkele baan: zet het in de baan van de trede waar het gebeurt.' : 'Dit element ligt in meer dan één baan.',
        });
      }
    }
  }

  // Messages: Doorzet sends only "casus opgelost" (correlated by business key = case id). Operaton
  // does not buffer messages, so the model must wait for it the whole time: an interrupting event
  // sub-process directly in the process, started by that message.
  for (const message of children(root, 'rootElements').filter((e) => e.$type === 'bpmn:Message')) {
    if (message.name !== CASE_SOLVED_MESSAGE) {
      findings.push({ elementId: message.id ?? null, rule: 'unknown-message', message: `Bericht "${text(message.name) ?? '(geen naam)'}" stuurt Doorzet nooit; het enige bericht is "${CASE_SOLVED_MESSAGE}".` });
    }
  }
  if (main) {
    const waitsForSolved = children(main, 'flowElements').some(
      (sub) =>
        sub.$type === 'bpmn:SubProcess' &&
        sub.triggeredByEvent === true &&
        children(sub, 'flowElements').some(
          (start) =>
            start.$type === 'bpmn:StartEvent' &&
            start.isInterrupting !== false &&
            children(start, 'eventDefinitions').some((d) => d.$type === 'bpmn:MessageEventDefinition' && (d.messageRef as Element | undefined)?.name === CASE_SOLVED_MESSAGE),
        ),
    );
    if (!waitsForSolved) {
      findings.push({
        elementId: main.id ?? null,
        rule: 'case-solved-message',
        message: `Het proces moet een onderbrekend event-subproces op procesniveau hebben dat start op bericht "${CASE_SOLVED_MESSAGE}": zo kan een casus vanuit elke trede opgelost worden.`,
      });
    }
  }
  return findings;
}
