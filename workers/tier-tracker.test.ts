import { expect, test } from 'vitest';
import type { Engine, EngineElementInstance, UserTaskStart } from '../platform/engine/client.js';
import { ladderOf } from '../platform/engine/client.js';
import { fakeDeps, testCase, testRegion } from '../test/support/fake-deps.js';
import { followInstance, tierTracker } from './tier-tracker.js';

const LANES = `
<bpmn:laneSet>
  <bpmn:lane id="L0"><bpmn:extensionElements><camunda:properties><camunda:property name="trede" value="0" /></camunda:properties></bpmn:extensionElements>
    <bpmn:flowNodeRef>Regie</bpmn:flowNodeRef></bpmn:lane>
  <bpmn:lane id="L1"><bpmn:extensionElements><camunda:properties><camunda:property name="trede" value="1" /></camunda:properties></bpmn:extensionElements>
    <bpmn:flowNodeRef>T1</bpmn:flowNodeRef><bpmn:flowNodeRef>T1_Verlopen</bpmn:flowNodeRef><bpmn:flowNodeRef>T1_Herinnering</bpmn:flowNodeRef></bpmn:lane>
  <bpmn:lane id="L2"><bpmn:extensionElements><camunda:properties><camunda:property name="trede" value="2" /></camunda:properties></bpmn:extensionElements>
    <bpmn:flowNodeRef>T2</bpmn:flowNodeRef></bpmn:lane>
  <bpmn:lane id="L3"><bpmn:extensionElements><camunda:properties><camunda:property name="trede" value="3" /></camunda:properties></bpmn:extensionElements>
    <bpmn:flowNodeRef>T3</bpmn:flowNodeRef></bpmn:lane>
</bpmn:laneSet>
<bpmn:boundaryEvent id="T1_Verlopen" attachedToRef="T1"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
<bpmn:boundaryEvent id="T1_Herinnering" cancelActivity="false" attachedToRef="T1"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>`;

let clock = Date.parse('2026-11-30T09:00:00Z');
function step(elementId: string, elementType: string, state: EngineElementInstance['state'] = 'COMPLETED'): EngineElementInstance {
  clock += 1000;
  return { key: `ai-${elementId}-${clock}`, elementId, elementType, state, startDate: new Date(clock), endDate: null };
}

/** An engine that knows one definition and the paths of its instances, as the tracker reads them. */
function fakeEngine(xml: string, paths: Record<string, EngineElementInstance[]>, starts: UserTaskStart[] = []) {
  const ladder = ladderOf(xml);
  return {
    ladder: async () => ladder,
    elementInstances: async (key: string) => paths[key] ?? [],
    userTaskStartsSince: async (since: Date) => starts.filter((s) => s.startDate >= since),
  } as unknown as Engine;
}

const start = (caseId: string) => ({ processInstanceKey: 'pi-1', processDefinitionKey: 'def-1', businessKey: caseId });

test('each step into another lane is a tier change, in order; a timer that ended the task makes it automatic', async () => {
  const facts = testCase({ currentTier: 1 });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const path = [step('T1', 'userTask', 'TERMINATED'), step('T1_Verlopen', 'boundaryTimer'), step('T2', 'userTask'), step('Regie', 'userTask'), step('T1', 'userTask'), step('T3', 'userTask', 'ACTIVE')];
  const engine = fakeEngine(LANES, { 'pi-1': path });
  await followInstance(engine, fake.deps, start(facts.id));
  // Read again (a second read, a second worker process): nothing new.
  await followInstance(engine, fake.deps, start(facts.id));
  expect(fake.events().map((e) => [e.kind, e.tier, e.summary, e.idempotencyKey])).toEqual([
    ['automatic-escalation', 2, 'Automatisch opgeschaald na verlopen termijn naar trede 2 (Bovenregionaal)', `tier:${path[2]!.key}`],
    ['tier-change', 1, 'Afgeschaald naar trede 1 (Regionaal)', `tier:${path[4]!.key}`],
    ['tier-change', 3, 'Opgeschaald naar trede 3 (Bestuurlijk)', `tier:${path[5]!.key}`],
  ]);
  expect(fake.events()[0]!.details).toEqual({ from: 1, to: 2, direction: 'op', automatic: true, elementId: 'T2' });
  expect(fake.caseRow(facts.id)?.currentTier).toBe(3);
});

test('a reminder timer, a person completing the task, or a model without lanes is no automatic escalation', async () => {
  const facts = testCase({ currentTier: 1 });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const path = [step('T1', 'userTask'), step('T1_Herinnering', 'boundaryTimer'), step('T2', 'userTask', 'ACTIVE')];
  await followInstance(fakeEngine(LANES, { 'pi-1': path }), fake.deps, start(facts.id));
  expect(fake.events().map((e) => e.kind)).toEqual(['tier-change']);

  const other = testCase({ currentTier: 1 });
  const unlaned = fakeDeps({ regions: [testRegion()], cases: [other] });
  await followInstance(fakeEngine('<bpmn:process />', { 'pi-1': path }), unlaned.deps, start(other.id));
  expect(unlaned.events()).toEqual([]);
});

test('the tracker follows each instance with new tasks once per read and moves its cursor to the newest', async () => {
  const facts = testCase({ currentTier: 1 });
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const path = [step('T1', 'userTask'), step('T2', 'userTask', 'ACTIVE')];
  const starts = path.map((p) => ({ activityInstanceId: p.key, processInstanceKey: 'pi-1', processDefinitionKey: 'def-1', businessKey: facts.id, startDate: p.startDate }));
  const trackOnce = tierTracker(fakeEngine(LANES, { 'pi-1': path }, starts), fake.deps);
  expect(await trackOnce()).toBe(1);
  expect(await fake.deps.cursors.get('tier-tracker')).toEqual(path[1]!.startDate);
  // The same tasks again, within the overlap: already seen, nobody followed.
  expect(await trackOnce()).toBe(0);
  expect(fake.events().map((e) => e.tier)).toEqual([2]);
});
