import { describe, expect, test } from 'vitest';
import { taskName } from '../../api/tasks/service.js';
import type { RegionSettings } from '../../domain/region.js';

const settings = { id: 'wijchen', roles: [{ id: 'accounthouder', name: 'Accounthouder', tier: 2 }] } as unknown as RegionSettings;
const base = { formReference: 'beoordelen', elementId: 'Accounthouder_Taak', candidateGroups: ['wijchen:accounthouder'] };

describe('task title', () => {
  test('is the task name from the region model, not the label every task with that form shares', () => {
    expect(taskName(settings, { ...base, name: 'Consulteren en in gesprek met directies en besturen van partners' })).toBe(
      'Consulteren en in gesprek met directies en besturen van partners',
    );
  });

  test('falls back to the form label and the role name when the model leaves the name empty', () => {
    expect(taskName(settings, { ...base, name: '  ' })).toBe('Los op of schaal op — Accounthouder');
    expect(taskName(settings, { ...base, name: null, formReference: null })).toBe('Accounthouder_Taak — Accounthouder');
  });
});
