import { expect, test } from 'vitest';
import { milestonesOf, unknownMilestones } from '../../domain/milestones.js';

const task = (id: string, body: string) => `<bpmn:userTask id="${id}" name="x" camunda:formKey="beoordelen">${body}</bpmn:userTask>`;
const prop = (name: string, value: string) =>
  `<bpmn:extensionElements><camunda:properties><camunda:property name="${name}" value="${value}" /></camunda:properties></bpmn:extensionElements>`;

test('milestones are read from the user tasks that carry a mijlpaal property, whatever else they carry', () => {
  const xml = [
    task('A', prop('mijlpaal', 'opgepakt')),
    task('B', `<bpmn:extensionElements><camunda:properties><camunda:property name="trede" value="2" /><camunda:property value="besluit" name="mijlpaal" /></camunda:properties></bpmn:extensionElements>`),
    task('C', prop('andere', 'hulp-ingezet')),
    '<bpmn:userTask id="D" name="leeg" />',
    `<bpmn:serviceTask id="E">${prop('mijlpaal', 'besluit')}</bpmn:serviceTask>`,
  ].join('\n');
  expect(Object.fromEntries(milestonesOf(xml))).toEqual({ A: 'opgepakt', B: 'besluit' });
  expect(unknownMilestones(xml)).toEqual([]);
});

test('an unknown milestone is named with its element and not counted', () => {
  const xml = task('A', prop('mijlpaal', 'opgepakt?'));
  expect(milestonesOf(xml).size).toBe(0);
  expect(unknownMilestones(xml)).toEqual([{ elementId: 'A', value: 'opgepakt?' }]);
});
