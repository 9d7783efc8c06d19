import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { deadlineVariables, TIMER_EXPRESSION } from '../domain/process.js';
import type { RegionSettings } from '../domain/region.js';
import { isFormName } from '../domain/task-forms.js';

/**
 * Validation of a region's model before it is stored or deployed: the API runs it on
 * upload, `npm run lint:bpmn` over bpmn/, the contract test over every seed model.
 * A model passes only when the engine will run it and every name in it (job types,
 * roles, deadlines, forms) resolves against the workers and the region's settings.
 */

export type Finding = { elementId: string | null; rule: string; message: string };

export const MAX_MODEL_BYTES = 512 * 1024;

const require = createRequire(import.meta.url);
// bpmnlint and its plugin are CommonJS and resolve rules by package name.
const { Linter } = require('bpmnlint') as { Linter: new (options: { config: unknown; resolver: unknown }) => BpmnLinter };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options: { require: NodeRequire }) => unknown;
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

type LintReport = { id?: string; message: string; category: 'error' | 'warn' | 'info' | 'rule-error' };
type BpmnLinter = { lint(root: unknown): Promise<Record<string, LintReport[]>> };

const LINT_CONFIG = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '.bpmnlintrc'), 'utf8')) as unknown;
const resolver = new NodeResolver({ require });

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

function flowElements(container: Element): Element[] {
  return children(container, 'flowElements').flatMap((e) => (e.$type === 'bpmn:SubProcess' ? [e, ...flowElements(e)] : [e]));
}

/** `="accounthouder"` → accounthouder; anything computed → undefined. */
function literalInput(element: Element, target: string): string | undefined | null {
  const io = extension(element, 'zeebe:IoMapping');
  const input = children(io ?? { $type: 'none' }, 'inputParameters').find((p) => p.target === target);
  if (!input) return null;
  return /^="([^"]*)"$/.exec(String(input.source ?? ''))?.[1];
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

  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
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

  const processes = children(root, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  if (!processes.some((p) => p.id === settings.bpmnProcessId)) {
    findings.push({
      elementId: null,
      rule: 'process-id',
      message: `Het model moet een proces met id "${settings.bpmnProcessId}" bevatten (gevonden: ${processes.map((p) => p.id).join(', ') || 'geen'}).`,
    });
  }

  // A linter per model: some rules (no-duplicate-sequence-flows) keep state between runs.
  const lint = await new Linter({ config: LINT_CONFIG, resolver }).lint(root);
  for (const [rule, reports] of Object.entries(lint)) {
    for (const report of reports) {
      if (report.category === 'error' || report.category === 'rule-error') {
        findings.push({ elementId: report.id ?? null, rule: `bpmnlint/${rule}`, message: report.message });
      }
    }
  }

  const roles = new Set(settings.roles.map((r) => r.id));
  const deadlineKeys = new Map(Object.keys(settings.deadlines).map((key) => [deadlineVariables(key).escalate.slice('deadline_'.length), key]));
  const knownJobTypes = new Set(jobTypes);

  for (const element of processes.flatMap(flowElements)) {
    const id = element.id ?? null;
    const add = (rule: string, message: string) => findings.push({ elementId: id, rule, message });

    const taskDefinition = extension(element, 'zeebe:TaskDefinition');
    if (taskDefinition) {
      const type = String(taskDefinition.type ?? '');
      if (!knownJobTypes.has(type)) add('unknown-job-type', `Taaktype "${type}" wordt door geen worker uitgevoerd.`);
      for (const target of ['role']) {
        const role = literalInput(element, target);
        if (role === undefined) add('unknown-role', `Invoer "${target}" moet een vaste rol zijn, bv. ="accounthouder".`);
        else if (role !== null && !roles.has(role)) add('unknown-role', `Rol "${role}" staat niet in de instellingen van ${settings.id}.`);
      }
      if (type === 'plan-deadline') {
        const key = literalInput(element, 'deadline');
        if (!key || !Object.hasOwn(settings.deadlines, key)) {
          add('unknown-deadline', `Termijn "${key ?? '(geen)'}" staat niet in de instellingen van ${settings.id}.`);
        }
      }
    }

    if (element.$type === 'bpmn:UserTask') {
      const assignment = extension(element, 'zeebe:AssignmentDefinition');
      const groups = String(assignment?.candidateGroups ?? '')
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      if (groups.length === 0) add('candidate-group', 'Een gebruikerstaak heeft een kandidaatgroep <regio>:<rol> nodig.');
      for (const group of groups) {
        const [region, role, ...rest] = group.split(':');
        if (region !== settings.id || !role || rest.length > 0 || !roles.has(role)) {
          add('candidate-group', `Kandidaatgroep "${group}" is geen rol van ${settings.id} (verwacht ${settings.id}:<rol>).`);
        }
      }
      const form = extension(element, 'zeebe:FormDefinition');
      const reference = String(form?.externalReference ?? form?.formKey ?? form?.formId ?? '');
      if (!isFormName(reference)) add('unknown-form', `Formulier "${reference || '(geen)'}" bestaat niet.`);
      const dueDate = extension(element, 'zeebe:TaskSchedule')?.dueDate;
      if (dueDate !== undefined) {
        const key = /^=due_([a-z][a-z0-9_]*)$/.exec(String(dueDate))?.[1];
        if (!key || !deadlineKeys.has(key)) add('unknown-deadline', `Vervaldatum "${String(dueDate)}" hoort =due_<termijn> te zijn, met een termijn uit de instellingen.`);
      }
    }

    for (const definition of children(element, 'eventDefinitions').filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
      const body = ['timeDuration', 'timeDate', 'timeCycle']
        .map((k) => (definition[k] as Element | undefined)?.body)
        .find((b) => b !== undefined);
      const match = TIMER_EXPRESSION.exec(String(body ?? '').trim());
      if (!match) {
        add('timer-expression', `Timer "${String(body ?? '')}" moet =deadline_<termijn> of =reminder_<termijn> zijn: termijnen komen uit de instellingen.`);
      } else if (!deadlineKeys.has(match[2]!)) {
        add('unknown-deadline', `Timer "${String(body)}" noemt een termijn die niet in de instellingen van ${settings.id} staat.`);
      }
    }
  }
  return findings;
}
