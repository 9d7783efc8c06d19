import { expect, test } from 'vitest';
import { EngineError, formKeysOf, fromTypedVariables, toTypedVariables } from '../../platform/engine/client.js';

test('variables travel typed; arrays and objects as JSON text, since the engine has no JSON type without Spin', () => {
  const typed = toTypedVariables({ s: 'a', n: 2, d: 1.5, b: true, z: null, u: undefined, list: ['x'], obj: { a: 1 } });
  expect(typed).toEqual({
    s: { value: 'a', type: 'String' },
    n: { value: 2, type: 'Long' },
    d: { value: 1.5, type: 'Double' },
    b: { value: true, type: 'Boolean' },
    z: { value: null, type: 'Null' },
    list: { value: '["x"]', type: 'String' },
    obj: { value: '{"a":1}', type: 'String' },
  });
  expect(fromTypedVariables({ s: { value: 'a', type: 'String' }, n: { value: 2, type: 'Long' } })).toEqual({ s: 'a', n: 2 });
});

test('form keys are read per user task, whatever the attribute order', () => {
  const xml = `<bpmn:userTask id="a" camunda:formKey="besluit" name="A">
    <bpmn:userTask camunda:candidateGroups="x:y" camunda:formKey="voortgang" id="b" />
    <bpmn:userTask id="c" name="geen formulier" />`;
  expect([...formKeysOf(xml)]).toEqual([
    ['a', 'besluit'],
    ['b', 'voortgang'],
  ]);
});

test('conflicts (claimed, gone, nothing waits) are told apart from other engine errors', () => {
  expect(new EngineError(500, 'TaskAlreadyClaimedException', "Task 'x' is already claimed by someone else.").isConflict).toBe(true);
  expect(new EngineError(404, 'InvalidRequestException', 'Cannot find task with id x').isConflict).toBe(true);
  expect(new EngineError(500, 'RestException', 'Cannot complete task x: Cannot find task with id x: task is null').isConflict).toBe(true);
  expect(new EngineError(500, 'ProcessEngineException', 'database down').isConflict).toBe(false);
});
