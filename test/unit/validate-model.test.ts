import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { MAX_MODEL_BYTES, validateModel } from '../../bpmn/validate.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { readSeedSettings } from '../../platform/regions.js';
import { registry } from '../../workers/registry.js';

const settings = readSeedSettings('wijchen');
const jobTypes = Object.keys(registry);
const good = fs.readFileSync(path.join(BPMN_DIR, 'wijchen', 'model.bpmn'), 'utf8');
const rules = async (xml: string) => (await validateModel(xml, settings, jobTypes)).map((f) => f.rule);
const findingsFor = (xml: string) => validateModel(xml, settings, jobTypes);

test('the seed model passes', async () => {
  expect(await findingsFor(good)).toEqual([]);
});

test('a model over the size limit is refused before parsing', async () => {
  const big = good.replace('</bpmn:definitions>', `<!-- ${'x'.repeat(MAX_MODEL_BYTES)} --></bpmn:definitions>`);
  expect(await rules(big)).toEqual(['size-limit']);
});

test('DOCTYPE and ENTITY declarations are refused', async () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>${good.replace(/^<\?xml[^>]*>/, '')}`;
  expect(await rules(bomb)).toEqual(['xml-entities']);
  expect(await rules(good.replace('<bpmn:definitions', '<!ENTITY x SYSTEM "file:///etc/passwd"><bpmn:definitions'))).toEqual(['xml-entities']);
});

test('XML that is not well formed is refused', async () => {
  expect(await rules(good.slice(0, good.length / 2))).toEqual(['xml-not-well-formed']);
});

test('XML that is not BPMN is refused', async () => {
  expect(await rules('<?xml version="1.0"?><html><body>geen model</body></html>')).toEqual(['not-bpmn']);
});

test('bpmnlint findings are reported with the element', async () => {
  const withoutDi = good.replace(/<bpmndi:BPMNDiagram\b[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
  const findings = await findingsFor(withoutDi);
  expect(findings.map((f) => f.rule)).toContain('bpmnlint/no-bpmndi');
  const disconnected = good.replace('<bpmn:endEvent id="Veiligheid_Einde"', '<bpmn:endEvent id="Los" name="Los" /><bpmn:endEvent id="Veiligheid_Einde"');
  expect(await findingsFor(disconnected)).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'Los', rule: 'bpmnlint/no-disconnected' })]));
});

test('a job type no worker implements is refused', async () => {
  const xml = good.replace('type="inform-parties"', 'type="fax-versturen"');
  expect(await findingsFor(xml)).toEqual([
    { elementId: 'Bestuur_Informeren', rule: 'unknown-job-type', message: expect.stringContaining('fax-versturen') },
  ]);
});

test('a candidate group that is not <region>:<role> of the settings is refused', async () => {
  expect(await rules(good.replace('candidateGroups="wijchen:accounthouder"', 'candidateGroups="twente:accounthouder"'))).toEqual(['candidate-group']);
  expect(await rules(good.replace('candidateGroups="wijchen:accounthouder"', 'candidateGroups="wijchen:directeur"'))).toEqual(['candidate-group']);
});

test('timers must name a deadline from the settings', async () => {
  expect(await rules(good.replace('>=deadline_accounthouder<', '>PT5M<'))).toEqual(['timer-expression']);
  expect(await rules(good.replace('>=deadline_accounthouder<', '>=deadline_wethouder<'))).toEqual(['unknown-deadline']);
  expect(await rules(good.replace('dueDate="=due_accounthouder"', 'dueDate="=due_morgen"'))).toEqual(['unknown-deadline']);
});

test('an unknown form is refused', async () => {
  const xml = good.replace('externalReference="besluit"', 'externalReference="vrij-formulier"');
  expect(await findingsFor(xml)).toEqual([{ elementId: 'Bestuur_Taak', rule: 'unknown-form', message: expect.stringContaining('vrij-formulier') }]);
});

test('roles named in job inputs must exist in the settings', async () => {
  expect(await rules(good.replace('=&#34;regionale-aanpak-escalatie&#34;', '=&#34;politie&#34;'))).toEqual(['unknown-role']);
});
