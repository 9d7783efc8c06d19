import { expect, test } from 'vitest';
import { type FormField, taskForms } from '../../domain/task-forms.js';

test('every form shows exactly the fields its schema accepts, and its choices are the schema\'s values', () => {
  for (const [name, form] of Object.entries(taskForms)) {
    expect(form.fields.map((f) => f.name).sort(), name).toEqual(Object.keys(form.schema.shape).sort());
    for (const field of (form.fields as FormField[]).filter((f) => f.options)) {
      for (const option of field.options ?? []) {
        const sample = field.type === 'multiselect' ? [option.value] : option.value;
        const issues = form.schema.safeParse({ [field.name]: sample }).error?.issues ?? [];
        expect(issues.filter((i) => i.path[0] === field.name), `${name}.${field.name}=${option.value}`).toEqual([]);
      }
    }
  }
});

test('the board records knelpunten from the fixed list, each once', () => {
  const besluit = taskForms.besluit.schema;
  const base = { responsibleParty: 'Gemeente Voorbeeld', rationale: 'Per direct.' };
  expect(besluit.safeParse(base).success).toBe(true);
  expect(besluit.safeParse({ ...base, knelpunten: ['wachtlijst', 'financiering'] }).success).toBe(true);
  expect(besluit.safeParse({ ...base, knelpunten: ['wachtlijst', 'wachtlijst'] }).success).toBe(false);
  expect(besluit.safeParse({ ...base, knelpunten: ['iets anders'] }).success).toBe(false);
});

test('a binding advice names who starts the help; passing the case up needs no party', () => {
  const advies = taskForms['bindend-advies'].schema;
  const rationale = 'Lvb-instelling start de begeleiding.';
  expect(advies.safeParse({ outcome: 'advies', responsibleParty: 'Lvb-instelling', rationale }).success).toBe(true);
  expect(advies.safeParse({ outcome: 'advies', rationale }).error?.issues.map((i) => i.path.join('.'))).toEqual(['responsibleParty']);
  expect(advies.safeParse({ outcome: 'opschalen', rationale }).success).toBe(true);
  expect(advies.safeParse({ outcome: 'afschalen', rationale }).success).toBe(false);
});
