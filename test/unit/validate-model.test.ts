import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
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

test('a model for Camunda 8 (the Zeebe namespace, whatever its prefix) is refused for its dialect alone', async () => {
  const zeebe = edit('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"', 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:c8="http://camunda.org/schema/zeebe/1.0"').replace(
    INFORMEREN,
    '><bpmn:extensionElements><c8:taskDefinition type="inform-parties" /></bpmn:extensionElements',
  );
  expect(await findingsFor(zeebe)).toEqual([{ elementId: null, rule: 'engine-dialect', message: expect.stringContaining('Camunda 8') }]);
  expect(await rules(edit('modeler:executionPlatform="Camunda Platform"', 'modeler:executionPlatform="Camunda Cloud"'))).toEqual(['engine-dialect']);
});

test('extension namespaces other than camunda: are refused, also when declared on an inner element', async () => {
  const operaton = edit(INFORMEREN, `xmlns:operaton="http://operaton.org/schema/1.0/bpmn" operaton:class="nl.kwaad.Delegate"`);
  expect(await findingsFor(operaton)).toEqual(expect.arrayContaining([{ elementId: null, rule: 'engine-dialect', message: expect.stringContaining('operaton.org') }]));
  expect(await rules(edit('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"', "xmlns:camunda='http://camunda.org/schema/1.0/bpmn' xmlns:a='http://activiti.org/bpmn'"))).toEqual(['engine-dialect']);
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

test('a user task goes to a group, never to named people', async () => {
  expect(await rules(edit('camunda:candidateGroups="wijchen:accounthouder"', 'camunda:candidateGroups="wijchen:accounthouder" camunda:assignee="demo"'))).toEqual(['candidate-group']);
  expect(await rules(edit('camunda:candidateGroups="wijchen:accounthouder"', 'camunda:candidateGroups="wijchen:accounthouder" camunda:candidateUsers="demo"'))).toEqual(['candidate-group']);
});

test('timers and due dates must name a deadline from the settings', async () => {
  const timer = (body: string, kind = 'timeDate') => `<bpmn:${kind} xsi:type="bpmn:tFormalExpression">${body}</bpmn:${kind}>`;
  const escalation = timer("${termijn.verloopt(execution, 'accounthouder')}");
  const reminder = timer("${termijn.herinnering(execution, 'accounthouder')}");
  const dueDate = `camunda:dueDate="\${termijn.verloopt(execution, 'accounthouder')}"`;
  expect(await rules(edit(escalation, timer('PT5M', 'timeDuration')))).toEqual(['timer-expression']);
  expect(await rules(edit(escalation, timer('=deadline_accounthouder')))).toEqual(['timer-expression']);
  expect(await rules(edit(escalation, timer("${termijn.verloopt(execution, 'wethouder')}")))).toEqual(['unknown-deadline']);
  expect(await rules(edit(reminder, timer("${termijn.herinnering(execution, 'wethouder')}")))).toEqual(['unknown-deadline']);
  expect(await rules(edit(dueDate, 'camunda:dueDate="${termijn.verloopt(execution, \'morgen\')}"'))).toEqual(['unknown-deadline']);
  expect(await rules(edit(dueDate, 'camunda:dueDate="=due_accounthouder"'))).toEqual(['unknown-deadline']);
  // The variables the former plan-deadline step set: no step a new model may contain sets them.
  expect(await rules(edit(escalation, timer('${deadline_accounthouder}', 'timeDuration')))).toEqual(['timer-expression']);
  expect(await rules(edit(dueDate, 'camunda:dueDate="${due_accounthouder}"'))).toEqual(['unknown-deadline']);
});

test('bookkeeping steps are refused in a new model, in Dutch, though their workers still run for older versions', async () => {
  const bookkeeping = (topic: string) =>
    edit(`${INFORMEREN}>`, `camunda:type="external" camunda:topic="${topic}">`);
  for (const topic of ['plan-deadline', 'record-tier-change']) {
    expect(await findingsFor(bookkeeping(topic))).toEqual([
      { elementId: 'Bestuur_Informeren', rule: 'bookkeeping-step', message: expect.stringContaining('de trede volgt uit de baan') },
    ]);
  }
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

test('messages other than casus-opgelost are refused, and the model must wait for casus-opgelost throughout', async () => {
  expect(await findingsFor(edit('name="casus-opgelost"', 'name="casus-gesloten"'))).toEqual([
    { elementId: 'Message_CasusOpgelost', rule: 'unknown-message', message: expect.stringContaining('casus-gesloten') },
    { elementId: 'doorzet-wijchen', rule: 'case-solved-message', message: expect.stringContaining('casus-opgelost') },
  ]);
  const nonInterrupting = edit('<bpmn:startEvent id="CasusOpgelost_Start"', '<bpmn:startEvent id="CasusOpgelost_Start" isInterrupting="false"');
  expect(await rules(nonInterrupting)).toEqual(['case-solved-message']);
});

test('code that would run inside the engine is refused', async () => {
  const codeRules = async (xml: string) => [...new Set(await rules(xml))];
  // Java classes and beans instead of a worker.
  expect(await codeRules(edit(INFORMEREN, 'camunda:class="nl.kwaad.Delegate"'))).toEqual(['engine-code', 'external-task']);
  expect(await codeRules(edit(INFORMEREN, 'camunda:delegateExpression="${kwaad}"'))).toEqual(['engine-code', 'external-task']);
  expect(await codeRules(edit(INFORMEREN, 'camunda:expression="${kwaad}"'))).toEqual(['engine-code', 'external-task']);
  // Listeners and scripts.
  const listener = `${INFORMEREN}><bpmn:extensionElements><camunda:executionListener event="start"><camunda:script scriptFormat="groovy">'ls'.execute()</camunda:script></camunda:executionListener></bpmn:extensionElements>`;
  expect(await codeRules(edit(`${INFORMEREN}>`, listener))).toEqual(['engine-code']);
  const taskListener = edit('<camunda:property name="mijlpaal" value="besluit" />\n        </camunda:properties>', '<camunda:property name="mijlpaal" value="besluit" /></camunda:properties><camunda:taskListener event="create" class="nl.kwaad.Listener" />');
  expect(await codeRules(taskListener)).toEqual(['engine-code']);
  const scriptTask = edit(
    `<bpmn:serviceTask id="Bestuur_Informeren" name="Verantwoordelijke partij en alle betrokkenen in de keten informeren" ${INFORMEREN}>`,
    '<bpmn:scriptTask id="Bestuur_Informeren" name="Informeren" scriptFormat="groovy"><bpmn:script>1</bpmn:script>',
  ).replace(/(<bpmn:scriptTask id="Bestuur_Informeren"[\s\S]*?)<\/bpmn:serviceTask>/, '$1</bpmn:scriptTask>');
  expect(await codeRules(scriptTask)).toEqual(['engine-code']);
  // Conditions in a script language, and JUEL that reaches beyond variables.
  expect(await codeRules(edit('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${safety}', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">true'))).toEqual(['engine-code']);
  for (const juel of [
    '${execution.getProcessEngineServices()}',
    "${''.getClass().forName('java.lang.Runtime')}",
    '${safety[0]}',
    '${fn:length(safety)}',
    '${x -> x}',
    '${safety = true}',
    '${safety ? true : false}',
    '${safety',
  ]) {
    expect(await findingsFor(edit('>${safety}<', `>${juel}<`)), juel).toEqual([{ elementId: 'Flow_61', rule: 'engine-code', message: expect.stringContaining('alleen variabelen') }]);
  }
  expect(await rules(edit('>melding</camunda:inputParameter>', '>#{bean.doe()}</camunda:inputParameter>'))).toEqual(['engine-code']);
  // An entity-encoded `$` is still an expression to the engine.
  expect(await rules(edit('>${safety}<', '>&#36;{safety.class}<'))).toEqual(['engine-code']);
});

test('plain JUEL (variables, literals, comparisons, logic) passes', async () => {
  for (const juel of ["${!safety && outcome != 'opgelost'}", '${not (safety or entry == "direct")}', '${tier + 1 > 2}', '${empty outcome}']) {
    expect(await rules(edit('>${safety}<', `>${juel}<`)), juel).toEqual([]);
  }
});

test('a model must mark where a case is picked up, decided and the help checked, with known milestones only', async () => {
  const unmarked = good.replace(/<camunda:property name="mijlpaal" value="opgepakt" \/>/g, '');
  expect(await findingsFor(unmarked)).toEqual([expect.objectContaining({ elementId: null, rule: 'milestone', message: expect.stringContaining('"opgepakt"') })]);
  const unchecked = good.replace(/<camunda:property name="mijlpaal" value="hulp-ingezet" \/>/g, '');
  expect(unchecked).not.toBe(good);
  expect(await findingsFor(unchecked)).toEqual([expect.objectContaining({ elementId: null, rule: 'milestone', message: expect.stringContaining('"hulp-ingezet"') })]);
  const misspelt = edit('<camunda:property name="mijlpaal" value="besluit" />', '<camunda:property name="mijlpaal" value="beslist" />');
  expect(await findingsFor(misspelt)).toEqual([
    expect.objectContaining({ elementId: 'Bestuur_Taak', rule: 'milestone', message: expect.stringContaining('"beslist" bestaat niet') }),
    expect.objectContaining({ elementId: null, rule: 'milestone', message: expect.stringContaining('"besluit"') }),
  ]);
});

describe('the ladder conventions (docs/ladder-conventions.md), on the template', () => {
  const templateSettings = readSeedSettings('template');
  const ladder = fs.readFileSync(path.join(BPMN_DIR, 'template', 'model.bpmn'), 'utf8');
  const ladderRules = async (xml: string) => (await validateModel(xml, templateSettings, jobTypes)).map((f) => f.rule);
  const change = (from: string, to: string) => edit(from, to, ladder);

  test('the template passes', async () => {
    expect(await validateModel(ladder, templateSettings, jobTypes)).toEqual([]);
  });

  test('timers and due dates through the bean termijn name a deadline from the settings; the bean gives a moment (timeDate)', async () => {
    const reminder = "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${termijn.herinnering(execution, 'uitvoerders')}</bpmn:timeDate>";
    expect(await ladderRules(change(reminder, reminder.replace("'uitvoerders'", "'wethouders'")))).toEqual(['unknown-deadline']);
    expect(await ladderRules(change(reminder, reminder.replaceAll('timeDate', 'timeDuration')))).toEqual(['timer-expression']);
    expect(await ladderRules(change("camunda:dueDate=\"${termijn.verloopt(execution, 'uitvoerders')}\"", "camunda:dueDate=\"${termijn.herinnering(execution, 'uitvoerders')}\""))).toEqual(['unknown-deadline']);
    // Only that one bean call: any other method call is still code in the engine.
    expect(await ladderRules(change(reminder, reminder.replace('termijn.herinnering', 'termijn.getClass().forName')))).toContain('engine-code');
  });

  test('every lane names its tier and every step lies in exactly one lane', async () => {
    expect(await ladderRules(change('<camunda:property name="trede" value="3" />', '<camunda:property name="trede" value="7" />'))).toEqual(['lane-trede']);
    expect(await ladderRules(change('<bpmn:flowNodeRef>Bestuurders_Taak</bpmn:flowNodeRef>', ''))).toEqual(['lane-membership']);
    expect(await ladderRules(change('<bpmn:flowNodeRef>Start</bpmn:flowNodeRef>', '<bpmn:flowNodeRef>Start</bpmn:flowNodeRef><bpmn:flowNodeRef>Bestuurders_Taak</bpmn:flowNodeRef>'))).toEqual(['lane-membership']);
  });

});
