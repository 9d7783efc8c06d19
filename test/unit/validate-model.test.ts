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

/** `good` with one exact piece replaced; fails loudly when the seed model no longer contains it. */
function edit(from: string, to: string, xml = good): string {
  expect(xml, `seed model contains ${from}`).toContain(from);
  return xml.replace(from, to);
}

const INFORMEREN = 'camunda:type="external" camunda:topic="inform-parties"';

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

test('a model for Camunda 8 (zeebe:) is refused for its dialect alone', async () => {
  const zeebe = edit('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"', 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"').replace(
    INFORMEREN,
    '><bpmn:extensionElements><zeebe:taskDefinition type="inform-parties" /></bpmn:extensionElements',
  );
  expect(await findingsFor(zeebe)).toEqual([{ elementId: null, rule: 'engine-dialect', message: expect.stringContaining('Camunda 8') }]);
  expect(await rules(edit('modeler:executionPlatform="Camunda Platform"', 'modeler:executionPlatform="Camunda Cloud"'))).toEqual(['engine-dialect']);
});

test('the process must be the region\'s, executable, with a history time to live', async () => {
  expect(await rules(edit('<bpmn:process id="doorzet-wijchen"', '<bpmn:process id="doorzet-elders"').replace('bpmnElement="doorzet-wijchen"', 'bpmnElement="doorzet-elders"'))).toEqual(['process-id']);
  expect(await rules(edit('isExecutable="true" camunda:historyTimeToLive', 'isExecutable="false" camunda:historyTimeToLive'))).toEqual(['process-id']);
  expect(await findingsFor(edit(' camunda:historyTimeToLive="3650"', ''))).toEqual([{ elementId: 'doorzet-wijchen', rule: 'history-time-to-live', message: expect.stringContaining('3650') }]);
  expect(await rules(edit('camunda:historyTimeToLive="3650"', 'camunda:historyTimeToLive="tien jaar"'))).toEqual(['history-time-to-live']);
  expect(await rules(edit('camunda:historyTimeToLive="3650"', 'camunda:historyTimeToLive="P3650D"'))).toEqual([]);
});

test('bpmnlint findings are reported with the element', async () => {
  const withoutDi = good.replace(/<bpmndi:BPMNDiagram\b[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
  const findings = await findingsFor(withoutDi);
  expect(findings.map((f) => f.rule)).toContain('bpmnlint/no-bpmndi');
  const disconnected = edit('<bpmn:endEvent id="Veiligheid_Einde"', '<bpmn:endEvent id="Los" name="Los" /><bpmn:endEvent id="Veiligheid_Einde"');
  expect(await findingsFor(disconnected)).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'Los', rule: 'bpmnlint/no-disconnected' })]));
});

test('a topic no worker implements is refused', async () => {
  expect(await findingsFor(edit('camunda:topic="inform-parties"', 'camunda:topic="fax-versturen"'))).toEqual([
    { elementId: 'Bestuur_Informeren', rule: 'unknown-job-type', message: expect.stringContaining('fax-versturen') },
  ]);
  expect(await rules(edit('camunda:topic="inform-parties"', 'camunda:topic="${welkeWorker}"'))).toEqual(['unknown-job-type']);
});

test('a service task must be an external task', async () => {
  expect(await findingsFor(edit(` ${INFORMEREN}`, ''))).toEqual([
    { elementId: 'Bestuur_Informeren', rule: 'external-task', message: expect.stringContaining('camunda:type="external"') },
  ]);
  expect(await rules(edit(INFORMEREN, 'camunda:topic="inform-parties"'))).toEqual(['external-task']);
});

test('a candidate group that is not <region>:<role> of the settings is refused', async () => {
  expect(await rules(edit('camunda:candidateGroups="wijchen:accounthouder"', 'camunda:candidateGroups="twente:accounthouder"'))).toEqual(['candidate-group']);
  expect(await rules(edit('camunda:candidateGroups="wijchen:accounthouder"', 'camunda:candidateGroups="wijchen:directeur"'))).toEqual(['candidate-group']);
  expect(await rules(edit('camunda:candidateGroups="wijchen:accounthouder"', 'camunda:candidateGroups="${groep}"'))).toEqual(['candidate-group']);
  expect(await rules(edit(' camunda:candidateGroups="wijchen:accounthouder"', ''))).toEqual(['candidate-group']);
});

test('timers and due dates must name a deadline from the settings', async () => {
  expect(await rules(edit('>${deadline_accounthouder}<', '>PT5M<'))).toEqual(['timer-expression']);
  expect(await rules(edit('>${deadline_accounthouder}<', '>=deadline_accounthouder<'))).toEqual(['timer-expression']);
  expect(await rules(edit('>${deadline_accounthouder}<', '>${deadline_wethouder}<'))).toEqual(['unknown-deadline']);
  expect(await rules(edit('>${reminder_accounthouder}<', '>${reminder_wethouder}<'))).toEqual(['unknown-deadline']);
  expect(await rules(edit('camunda:dueDate="${due_accounthouder}"', 'camunda:dueDate="${due_morgen}"'))).toEqual(['unknown-deadline']);
  expect(await rules(edit('camunda:dueDate="${due_accounthouder}"', 'camunda:dueDate="=due_accounthouder"'))).toEqual(['unknown-deadline']);
});

test('plan-deadline must name a deadline from the settings', async () => {
  expect(await findingsFor(edit('<camunda:inputParameter name="deadline">accounthouder<', '<camunda:inputParameter name="deadline">wethouder<'))).toEqual([
    { elementId: 'Accounthouder_Termijn', rule: 'unknown-deadline', message: expect.stringContaining('wethouder') },
  ]);
});

test('an unknown form is refused', async () => {
  expect(await findingsFor(edit('camunda:formKey="besluit"', 'camunda:formKey="vrij-formulier"'))).toEqual([
    { elementId: 'Bestuur_Taak', rule: 'unknown-form', message: expect.stringContaining('vrij-formulier') },
  ]);
  expect(await rules(edit(' camunda:formKey="besluit"', ''))).toEqual(['unknown-form']);
});

test('roles named in job inputs must be fixed roles from the settings', async () => {
  expect(await rules(edit('>regionale-aanpak-escalatie</camunda:inputParameter>', '>politie</camunda:inputParameter>'))).toEqual(['unknown-role']);
  expect(await rules(edit('>regionale-aanpak-escalatie</camunda:inputParameter>', '>${welkeRol}</camunda:inputParameter>'))).toEqual(['unknown-role']);
});

test('messages other than casus-opgelost are refused', async () => {
  expect(await findingsFor(edit('name="casus-opgelost"', 'name="casus-gesloten"'))).toEqual([
    { elementId: 'Message_CasusOpgelost', rule: 'unknown-message', message: expect.stringContaining('casus-gesloten') },
  ]);
});
