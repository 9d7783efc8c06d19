import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, test } from 'vitest';
import { validateModel } from '../../bpmn/validate.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { readSeedSettings, regionDirs } from '../../platform/regions.js';
import { LEGACY_TOPICS, registry } from '../../workers/registry.js';

const SEED_REGIONS = ['almere', 'gooi-en-vechtstreek', 'template', 'twente', 'wijchen'];
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const modelXml = (region: string) => fs.readFileSync(path.join(BPMN_DIR, region, 'model.bpmn'), 'utf8');
const topicsIn = (xml: string) => [...xml.matchAll(/\bcamunda:topic="([^"]+)"/g)].map((m) => m[1]!);

/**
 * Worker outputs named like one of the task's input parameters. In Camunda 7 an input parameter
 * is a local variable of the activity, so such an output stays local and is lost unless an output
 * parameter maps it to the process. Kept in step with the handlers' `complete({...})` by hand:
 * record-tier-change takes `tier` and completes with `{ tier }`.
 */
const OUTPUTS_NAMED_LIKE_INPUTS: Record<string, string[]> = { 'record-tier-change': ['tier'] };

/** Every .bpmn file of the product: region models, test and bench fixtures, anything else. */
function bpmnFiles(dir = ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', '.git', '.data', 'dist', 'target'].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return bpmnFiles(full);
    return entry.name.endsWith('.bpmn') ? [full] : [];
  });
}

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') as object;
type Element = { $type: string; id?: string; [key: string]: unknown };
const list = (element: Element, key: string) => (element[key] as Element[] | undefined) ?? [];
const all = (container: Element): Element[] => list(container, 'flowElements').flatMap((e) => [e, ...all(e)]);

test('every seed region has a model and settings', () => {
  expect(regionDirs()).toEqual(SEED_REGIONS);
});

test('the topics used in bpmn/ are exactly the keys of the workers registry, less those kept for older model versions', () => {
  const used = new Set(regionDirs().flatMap((region) => topicsIn(modelXml(region))));
  expect([...used].sort()).toEqual(Object.keys(registry).filter((topic) => !LEGACY_TOPICS.includes(topic)).sort());
  for (const topic of LEGACY_TOPICS) expect(Object.keys(registry)).toContain(topic);
});

test('every BPMN file in the repository is in the Camunda 7 dialect Operaton runs', async () => {
  const files = bpmnFiles();
  expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(SEED_REGIONS.map((r) => path.join('bpmn', r, 'model.bpmn'))));
  for (const file of files) {
    const name = path.relative(ROOT, file);
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml, name).not.toMatch(/zeebe/i);
    const { rootElement, warnings } = await new BpmnModdle({ camunda }).fromXML(xml, 'bpmn:Definitions');
    expect(warnings.map((w) => w.message), name).toEqual([]);
    const processes = list(rootElement as Element, 'rootElements').filter((e) => e.$type === 'bpmn:Process' && e.isExecutable === true);
    expect(processes.length, name).toBeGreaterThan(0);
    for (const process of processes) {
      expect(process.historyTimeToLive, `${name} ${process.id}: camunda:historyTimeToLive`).toMatch(/^\d+$/);
      for (const element of all(process)) {
        const where = `${name} ${element.id}`;
        if (element.$type === 'bpmn:ServiceTask') {
          expect([element.type, typeof element.topic], where).toEqual(['external', 'string']);
          const io = list(element, 'extensionElements').length === 0 ? undefined : list(element.extensionElements as Element, 'values').find((v) => v.$type === 'camunda:InputOutput');
          const inputs = list(io ?? { $type: 'none' }, 'inputParameters').map((p) => p.name);
          const outputs = list(io ?? { $type: 'none' }, 'outputParameters').map((p) => [p.name, p.value]);
          for (const out of OUTPUTS_NAMED_LIKE_INPUTS[String(element.topic)] ?? []) {
            if (inputs.includes(out)) expect(outputs, `${where}: output parameter ${out}`).toContainEqual([out, `\${${out}}`]);
          }
        }
        if (element.$type === 'bpmn:UserTask') expect(element.candidateGroups, where).toEqual(expect.any(String));
        // FEEL (`=...`) is gone from conditions and timers: JUEL, the bean `termijn`, or a literal ISO duration.
        const condition = (element.conditionExpression as Element | undefined)?.body;
        if (condition !== undefined) expect(condition, where).toMatch(/^\$\{.+\}$/);
        for (const timer of list(element, 'eventDefinitions').filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
          const body = ['timeDuration', 'timeDate', 'timeCycle'].map((k) => (timer[k] as Element | undefined)?.body).find((b) => b !== undefined);
          expect(body, where).toMatch(/^(\$\{[a-z][a-z0-9_]*\}|\$\{termijn\.(verloopt|herinnering)\(execution, '[a-z][a-z0-9-]*'\)\}|P[0-9TDHMS.]+)$/);
        }
      }
    }
  }
});

test('the API tests\' flow model passes validateModel for a region with its roles', async () => {
  const xml = fs.readFileSync(path.join(ROOT, 'test', 'api', 'fixtures', 'flow.bpmn'), 'utf8').replaceAll('REGION', 'api-test');
  const wijchen = readSeedSettings('wijchen');
  const settings = {
    ...wijchen,
    id: 'api-test',
    bpmnProcessId: 'doorzet-api-test',
    roles: [...wijchen.roles, { id: 'casusregisseur', name: 'Casusregisseur', tier: 1, contacts: [{ name: 'Regie', email: 'regie@example.org' }] }],
  };
  expect(await validateModel(xml, settings, Object.keys(registry))).toEqual([]);
});

describe.each(SEED_REGIONS)('%s', (region) => {
  test('settings.json parses, with fictional example.org contacts and the tier-0 roles every region needs', () => {
    const settings = readSeedSettings(region);
    expect(settings.bpmnProcessId).toBe(`doorzet-${region}`);
    const emails = [
      ...settings.roles.flatMap((r) => r.contacts.map((c) => c.email)),
      ...settings.partners.map((p) => p.contact.email),
      settings.learningMeeting.contact.email,
      ...(settings.coordinator ? [settings.coordinator.contact.email] : []),
    ];
    expect(emails.filter((e) => !e.endsWith('@example.org'))).toEqual([]);
    for (const id of ['beleidsmedewerker', 'manager']) expect(settings.roles.find((r) => r.id === id)?.tier).toBe(0);
    for (const [key, deadline] of Object.entries(settings.deadlines)) expect(deadline.source, key).toMatch(/seed|aanname|RDM/);
  });

  test('the model passes validateModel with its settings and the registry', async () => {
    expect(await validateModel(modelXml(region), readSeedSettings(region), Object.keys(registry))).toEqual([]);
  });

  test('the model declares the Camunda 7 execution platform and a history time to live of ten years', () => {
    const xml = modelXml(region);
    expect(xml).toContain('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"');
    expect(xml).toContain('modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0"');
    expect(xml).toMatch(new RegExp(`<bpmn:process id="doorzet-${region}"[^>]*\\bcamunda:historyTimeToLive="3650"`));
  });

  test('the model carries a diagram for the browser modeler, including the event sub-process', () => {
    const xml = modelXml(region);
    // Drawn open in the ladder (npm run layout:bpmn), or collapsed with its contents on a plane of its own.
    const shape = /<bpmndi:BPMNShape id="CasusOpgelost_di" bpmnElement="CasusOpgelost"( isExpanded="true")?>/.exec(xml);
    expect(shape).not.toBeNull();
    if (!shape![1]) expect(xml).toContain('<bpmndi:BPMNPlane id="BPMNPlane_CasusOpgelost" bpmnElement="CasusOpgelost">');
    const boundaries = [...xml.matchAll(/<bpmn:boundaryEvent id="([^"]+)"/g)].map((m) => m[1]!);
    expect(boundaries.length).toBeGreaterThan(0);
    for (const id of boundaries) expect(xml).toContain(`bpmnElement="${id}"`);
  });
});
