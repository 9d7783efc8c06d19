import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { many } from '../../platform/db/pool.js';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_A, signIn, startTestApi } from './support.js';

let api: Api;
const as: Record<string, Client> = {};

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['beleidsmedewerker', 'casusregisseur', 'accounthouder']) as[role] = await signIn(api, `${role}.${REGION_A}`);
});
afterAll(async () => api?.close());

/** The flow model with an extra step between 'beoordelen' and the gateway, and 'voortgang' moved to another role. */
function nextModel(): string {
  const edits: [string, string][] = [
    ['<bpmn:sequenceFlow id="f2" sourceRef="beoordelen" targetRef="uitkomst" />', '<bpmn:sequenceFlow id="f2" sourceRef="beoordelen" targetRef="extra" />\n    <bpmn:sequenceFlow id="f2b" sourceRef="extra" targetRef="uitkomst" />'],
    [
      '<bpmn:exclusiveGateway id="uitkomst" name="Uitkomst?" default="f-opgelost">\n      <bpmn:incoming>f2</bpmn:incoming>',
      '<bpmn:exclusiveGateway id="uitkomst" name="Uitkomst?" default="f-opgelost">\n      <bpmn:incoming>f2b</bpmn:incoming>',
    ],
    [
      '<bpmn:endEvent id="einde-opgelost"',
      `<bpmn:userTask id="extra" name="Tweede blik" camunda:candidateGroups="${REGION_A}:accounthouder" camunda:formKey="voortgang">\n      <bpmn:incoming>f2</bpmn:incoming>\n      <bpmn:outgoing>f2b</bpmn:outgoing>\n    </bpmn:userTask>\n    <bpmn:endEvent id="einde-opgelost"`,
    ],
    [`camunda:candidateGroups="${REGION_A}:casusregisseur" camunda:formKey="voortgang"`, `camunda:candidateGroups="${REGION_A}:accounthouder" camunda:formKey="voortgang"`],
    ['<bpmndi:BPMNShape id="melding_di"', '<bpmndi:BPMNShape id="extra_di" bpmnElement="extra"><dc:Bounds x="280" y="200" width="100" height="80" /></bpmndi:BPMNShape>\n      <bpmndi:BPMNEdge id="f2b_di" bpmnElement="f2b"><di:waypoint x="330" y="200" /><di:waypoint x="355" y="143" /></bpmndi:BPMNEdge>\n      <bpmndi:BPMNShape id="melding_di"'],
  ];
  let xml = flowModel(REGION_A);
  for (const [from, to] of edits) {
    expect(xml, `flow model contains ${from}`).toContain(from);
    xml = xml.replace(from, to);
  }
  return xml;
}

type Version = { version: number; engineVersion: number | null; processDefinitionKey: string | null; runningInstances: number };
const versions = async () => (await as.beleidsmedewerker!.json('GET', `/api/regions/${REGION_A}/models`)).body as Version[];
const engineCount = async () =>
  new Map((await api.ctx.engine.runningVersions(`doorzet-${REGION_A}`)).map((r) => [r.version, r.instances]));

async function uploadAndDeploy(xml: string, comment: string, deploy = true): Promise<Version> {
  const upload = await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION_A}/models`, { xml, comment });
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  if (!deploy) return upload.body;
  const deployed = await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION_A}/models/${upload.body.version}/deploy`);
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
  return deployed.body;
}

async function melding(name: string) {
  const r = await as.casusregisseur!.json('POST', `/api/regions/${REGION_A}/cases`, {
    domains: ['jeugd'],
    stuckReason: 'Partijen wijzen naar elkaar.',
    knelpunten: ['woonruimte'],
    organisations: ['Jeugdzorg Noord'],
    safety: false,
    entry: 'regulier',
    person: { name, bsn: '999990019', birthDate: '2011-04-02', address: 'Verzonnenlaan 7, Testdorp' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string };
}

const openTask = (caseId: string, form: string) =>
  eventually(async () => {
    const r = await as.accounthouder!.json('GET', `/api/tasks?caseId=${caseId}`);
    return (r.body as { caseId: string; form: string; key: string }[]).find((t) => t.caseId === caseId && t.form === form);
  }, `task ${form}`);

test('a new version goes live while a case waits on the old one: the diff names the changes, the count says how many stay, and the case finishes on its own version', async () => {
  const old = await uploadAndDeploy(flowModel(REGION_A), 'Versie waarop een casus blijft wachten');
  const waiting = await melding('Oud Versiemans');
  await openTask(waiting.id, 'beoordelen');
  const caseBefore = await as.accounthouder!.json('GET', `/api/cases/${waiting.id}`);
  expect(caseBefore.body.processDefinitionKey).toBe(old.processDefinitionKey);

  // The list reports what the engine runs per version.
  const onOld = (await engineCount()).get(old.engineVersion!) ?? 0;
  expect(onOld).toBeGreaterThanOrEqual(1);
  expect((await versions()).find((v) => v.version === old.version)?.runningInstances).toBe(onOld);

  const next = await uploadAndDeploy(nextModel(), 'Tweede blik en voortgang bij de accounthouder', false);
  const changes = await as.beleidsmedewerker!.json('GET', `/api/regions/${REGION_A}/models/${next.version}/changes`);
  expect(changes.status, JSON.stringify(changes.body)).toBe(200);
  expect(changes.body.liveVersion).toBe(old.version);
  expect(changes.body.added).toEqual([
    { id: 'extra', name: 'Tweede blik', type: 'bpmn:UserTask' },
    { id: 'f2b', name: null, type: 'bpmn:SequenceFlow' },
  ]);
  expect(changes.body.removed).toEqual([]);
  // The gateway's new incoming flow is told once, on the flow itself.
  const changed = Object.fromEntries((changes.body.changed as { id: string; changes: string[] }[]).map((c) => [c.id, c.changes]));
  expect(Object.keys(changed).sort()).toEqual(['f2', 'voortgang']);
  expect(changed.voortgang).toEqual(['Rol gewijzigd: was Casusregisseur (casusregisseur), wordt Accounthouder (accounthouder).']);
  expect(changed.f2).toEqual(['Verbinding verlegd: liep van "Los op of schaal op" naar "Uitkomst?", loopt nu van "Los op of schaal op" naar "Tweede blik".']);
  const total = [...(await engineCount()).values()].reduce((a, b) => a + b, 0);
  expect(changes.body.instancesOnOtherVersions).toBe(total);
  // Only policy staff see what is about to change.
  expect((await as.casusregisseur!.json('GET', `/api/regions/${REGION_A}/models/${next.version}/changes`)).status).toBe(403);

  const deployed = await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION_A}/models/${next.version}/deploy`);
  expect(deployed.status).toBe(200);
  expect(deployed.body.engineVersion).toBeGreaterThan(old.engineVersion!);
  const after = await versions();
  expect(after.find((v) => v.version === old.version)?.runningInstances).toBe(onOld);

  // A new case starts on the new version and meets the extra step.
  const fresh = await melding('Nieuw Versiemans');
  const freshTask = await openTask(fresh.id, 'beoordelen');
  expect((await as.accounthouder!.json('GET', `/api/cases/${fresh.id}`)).body.processDefinitionKey).toBe(deployed.body.processDefinitionKey);
  await as.accounthouder!.json('POST', `/api/tasks/${freshTask.key}/claim`);
  expect((await as.accounthouder!.json('POST', `/api/tasks/${freshTask.key}/complete`, { outcome: 'opgelost', toelichting: 'Opgelost op de nieuwe versie.' })).status).toBe(200);
  await openTask(fresh.id, 'voortgang');
  expect((await as.accounthouder!.json('GET', `/api/cases/${fresh.id}`)).body.position).toEqual(['extra']);

  // The waiting case finishes on its old version: no extra step, straight to the end.
  const task = await openTask(waiting.id, 'beoordelen');
  await as.accounthouder!.json('POST', `/api/tasks/${task.key}/claim`);
  expect((await as.accounthouder!.json('POST', `/api/tasks/${task.key}/complete`, { outcome: 'opgelost', toelichting: 'Opgelost op de oude versie.' })).status).toBe(200);
  const k = (await many(api.ctx.db, z.object({ k: z.string() }), 'SELECT process_instance_key AS k FROM "case" WHERE id = $1', [waiting.id]))[0]?.k;
  const instance = await eventually(async () => {
    const pi = await api.ctx.engine.getProcessInstance(k!);
    return pi?.state === 'COMPLETED' ? pi : undefined;
  }, 'old case completed');
  expect(instance.processDefinitionKey).toBe(old.processDefinitionKey);
  const path = (await api.ctx.engine.elementInstances(k!)).map((e) => e.elementId);
  expect(path).toContain('einde-opgelost');
  expect(path).not.toContain('extra');
  expect((await versions()).find((v) => v.version === old.version)?.runningInstances).toBe(onOld - 1);
});
