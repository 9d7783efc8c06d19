import { expect, test } from 'vitest';
import { deadlineReferences } from '../../bpmn/validate.js';

/** One step of a ladder with its deadline in `due` (user task), `remind` and `escalate` (its two timers), and an optional plan-deadline step before it. */
function ladderStep(refs: { due: string; remind: string; escalate: string; planned?: string }, timerKind = 'timeDate'): string {
  const timer = (id: string, name: string, body: string) =>
    `<bpmn:boundaryEvent id="${id}" name="${name}" attachedToRef="Taak"><bpmn:timerEventDefinition><bpmn:${timerKind} xsi:type="bpmn:tFormalExpression">${body}</bpmn:${timerKind}></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://doorzet.example.org/test">
  <bpmn:process id="doorzet-test" isExecutable="true">
    ${
      refs.planned
        ? `<bpmn:serviceTask id="Plannen" name="Termijn plannen" camunda:type="external" camunda:topic="plan-deadline"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="deadline">${refs.planned}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>`
        : ''
    }
    <bpmn:userTask id="Taak" name="Los op of schaal op" camunda:candidateGroups="test:accounthouder" camunda:formKey="beoordelen" camunda:dueDate="${refs.due}" />
    ${timer('Herinnering', 'Herinnering', refs.remind)}
    ${timer('Verlopen', 'Termijn verlopen', refs.escalate)}
  </bpmn:process>
</bpmn:definitions>`;
}

const ids = (uses: Map<string, Array<{ id: string }>>, key: string) => (uses.get(key) ?? []).map((e) => e.id).sort();

test("the bean form: the user task's due date and both timers name the key", async () => {
  const xml = ladderStep({
    due: "${termijn.verloopt(execution, 'fase-2')}",
    remind: "${termijn.herinnering(execution, 'fase-2')}",
    escalate: "${termijn.verloopt(execution, 'hulp-gestart')}",
  });
  const uses = await deadlineReferences(xml, ['fase-2', 'hulp-gestart', 'niet-genoemd']);
  expect(ids(uses, 'fase-2')).toEqual(['Herinnering', 'Taak']);
  expect(ids(uses, 'hulp-gestart')).toEqual(['Verlopen']);
  expect(uses.has('niet-genoemd')).toBe(false);
  expect(uses.get('fase-2')).toContainEqual({ id: 'Taak', name: 'Los op of schaal op' });
});

test('models not yet redrawn: plan-deadline and the variables it sets (dashes as underscores) name the key', async () => {
  const xml = ladderStep({ planned: 'coordinator-idt', due: '${due_coordinator_idt}', remind: '${reminder_coordinator_idt}', escalate: '${deadline_coordinator_idt}' }, 'timeDuration');
  const uses = await deadlineReferences(xml, ['coordinator-idt', 'coordinator']);
  expect(ids(uses, 'coordinator-idt')).toEqual(['Herinnering', 'Plannen', 'Taak', 'Verlopen']);
  expect(uses.has('coordinator')).toBe(false);
});

test('only the keys asked about are looked for', async () => {
  const xml = ladderStep({ due: "${termijn.verloopt(execution, 'fase-3')}", remind: "${termijn.herinnering(execution, 'fase-4')}", escalate: "${termijn.verloopt(execution, 'fase-3')}" });
  expect([...(await deadlineReferences(xml, ['fase-3'])).keys()]).toEqual(['fase-3']);
});
