import { expect, test } from 'vitest';
import { takenFlows } from '../../web-modeler/src/modeler/features/case-path/taken.js';

// melding → oppakken (timer fired) → opschalen; the gateway chose "opschalen" over "opgelost".
const flows = [
  { id: 'f-start', source: 'start', target: 'oppakken' },
  { id: 'f-done', source: 'oppakken', target: 'keuze' },
  { id: 'f-timer', source: 'timer', target: 'opschalen' },
  { id: 'f-up', source: 'keuze', target: 'opschalen' },
  { id: 'f-solved', source: 'keuze', target: 'einde' },
];

test('a timer escalation takes the boundary event’s flow, not the interrupted task’s own', () => {
  const steps = [
    { elementId: 'start', state: 'COMPLETED' as const },
    { elementId: 'oppakken', state: 'TERMINATED' as const },
    { elementId: 'timer', state: 'COMPLETED' as const },
    { elementId: 'opschalen', state: 'ACTIVE' as const },
  ];
  expect(takenFlows(steps, flows)).toEqual(['f-start', 'f-timer']);
});

test('a gateway’s flow counts only toward the branch that started after it', () => {
  const steps = [
    { elementId: 'start', state: 'COMPLETED' as const },
    { elementId: 'oppakken', state: 'COMPLETED' as const },
    { elementId: 'keuze', state: 'COMPLETED' as const },
    { elementId: 'opschalen', state: 'ACTIVE' as const },
  ];
  expect(takenFlows(steps, flows)).toEqual(['f-start', 'f-done', 'f-up']);
});

test('a target visited only before its source completed is not reached by that flow', () => {
  const steps = [
    { elementId: 'opschalen', state: 'COMPLETED' as const },
    { elementId: 'keuze', state: 'COMPLETED' as const },
  ];
  expect(takenFlows(steps, flows)).toEqual([]);
});
