import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { dutchLintMessage } from '../../bpmn/lint-messages.js';
import { validateModel } from '../../bpmn/validate.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { readSeedSettings } from '../../platform/regions.js';
import { registry } from '../../workers/registry.js';

const RULES = path.join(import.meta.dirname, '..', '..', 'node_modules', 'bpmnlint', 'rules');
const FALLBACK = /^Het model voldoet niet aan modelleerregel/;

test("every fixed message of bpmnlint's rules has its own Dutch sentence", () => {
  const messages: Array<[string, string]> = [];
  for (const file of fs.readdirSync(RULES).filter((f) => f.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(RULES, file), 'utf8');
    for (const m of source.matchAll(/reporter\.report\(\s*[\w.]+,\s*'([^']+)'\s*[,)]/g)) messages.push([file.replace(/\.js$/, ''), m[1]!]);
  }
  expect(messages.length).toBeGreaterThan(20);
  expect(messages.filter(([rule, message]) => FALLBACK.test(dutchLintMessage(rule, message)))).toEqual([]);
});

test('messages that name an element or property are said in Dutch with those names', () => {
  expect(dutchLintMessage('end-event-required', 'Process is missing end event')).toBe('Het proces heeft geen eindgebeurtenis.');
  expect(dutchLintMessage('camunda-compat/element-type', 'Element of type <bpmn:ComplexGateway> not supported by Camunda Platform 7.24')).toBe(
    'Een element van soort bpmn:ComplexGateway wordt niet ondersteund door Camunda Platform 7.24.',
  );
  expect(dutchLintMessage('x', 'Something new')).toBe('Het model voldoet niet aan modelleerregel "x" (Something new).');
});

test('the validator reports a bpmnlint finding in Dutch, on its element', async () => {
  const settings = readSeedSettings('wijchen');
  const good = fs.readFileSync(path.join(BPMN_DIR, 'wijchen', 'model.bpmn'), 'utf8');
  // A shape without its diagram entry: bpmnlint's no-bpmndi.
  const shape = /<bpmndi:BPMNShape id="[^"]+" bpmnElement="([^"]+)"[^>]*>[\s\S]*?<\/bpmndi:BPMNShape>/.exec(good);
  expect(shape, 'the seed model has shapes').not.toBeNull();
  const findings = await validateModel(good.replace(shape![0], ''), settings, Object.keys(registry));
  const finding = findings.find((f) => f.rule === 'bpmnlint/no-bpmndi');
  expect(finding).toEqual({ elementId: shape![1], rule: 'bpmnlint/no-bpmndi', message: expect.stringContaining('niet in de tekening') });
});
