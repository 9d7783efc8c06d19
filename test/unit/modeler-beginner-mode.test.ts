import { expect, test, vi } from 'vitest';

// The panel's component libraries are browser ESM (extensionless imports); the provider's logic needs none of them.
vi.mock('bpmn-js-properties-panel', () => ({ useService: () => undefined }));
vi.mock('@bpmn-io/properties-panel', () => ({ SelectEntry: () => null }));
vi.mock('@bpmn-io/properties-panel/preact/jsx-runtime', () => ({ jsx: () => null }));
import DoorzetProperties, { ADVANCED_GROUPS } from '../../web-modeler/src/modeler/features/doorzet-properties/DoorzetProperties.js';

function provider() {
  const fired: string[] = [];
  const registered: unknown[] = [];
  const p = new DoorzetProperties({ registerProvider: (_priority, provider) => void registered.push(provider) }, { on: () => undefined, fire: (e: string) => void fired.push(e) });
  return { p, fired, registered };
}

const userTask = { type: 'bpmn:UserTask', businessObject: { get: () => 'r:casusregisseur' } };
const groups = () => [
  { id: 'general', entries: [] },
  { id: 'CamundaPlatform__UserAssignment', entries: ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate'].map((id) => ({ id, component: id })) },
  ...[...ADVANCED_GROUPS].map((id) => ({ id, entries: [] })),
];

test("beginner's mode hides listeners, extension properties and input/output; turning it off shows them again", () => {
  const { p, fired, registered } = provider();
  expect(registered).toEqual([p]);
  for (const id of ['CamundaPlatform__ExecutionListener', 'CamundaPlatform__ExtensionProperties', 'CamundaPlatform__Input', 'CamundaPlatform__Output']) expect(ADVANCED_GROUPS.has(id)).toBe(true);
  expect(p.getGroups(userTask)(groups()).map((g) => g.id)).toEqual(['general', 'CamundaPlatform__UserAssignment']);
  p.setBeginner(false);
  expect(fired).toEqual(['propertiesPanel.providersChanged']);
  expect(p.getGroups(userTask)(groups())).toHaveLength(groups().length);
});

test("a user task's candidate group entry is replaced by the role choice, and assignee and candidate users are gone", () => {
  const { p } = provider();
  p.setRoles('r', [{ id: 'casusregisseur', name: 'Casusregisseur' }]);
  const assignment = p.getGroups(userTask)(groups()).find((g) => g.id === 'CamundaPlatform__UserAssignment')!;
  expect(assignment.entries!.map((e) => e.id)).toEqual(['candidateGroups', 'dueDate']);
  expect(assignment.entries![0]!.component).not.toBe('candidateGroups');
  expect(typeof assignment.entries![0]!.component).toBe('function');
  // Other elements keep their groups' entries as they are.
  const task = { type: 'bpmn:ServiceTask', businessObject: { get: () => undefined } };
  const kept = p.getGroups(task)(groups()).find((g) => g.id === 'CamundaPlatform__UserAssignment')!;
  expect(kept.entries!.map((e) => e.id)).toEqual(['assignee', 'candidateGroups', 'candidateUsers', 'dueDate']);
});
