import type { z } from 'zod';
import { type FormField, isFormName, taskForms } from '../../domain/task-forms.js';
import { h } from './ui.js';
import { type FieldSpec, renderForm } from './zod-form.js';

/** A property the schema lets go missing is marked optional in the form. */
function isOptional(schema: z.ZodType | undefined): boolean {
  return schema ? schema.safeParse(undefined).success : false;
}

function toSpec(field: FormField, shape: Record<string, z.ZodType>): FieldSpec {
  const kind = field.type === 'select' ? 'choice' : field.type === 'multiselect' ? 'choices' : field.type;
  return { name: field.name, label: field.label, kind, options: field.options, required: field.type !== 'boolean' && !isOptional(shape[field.name]) };
}

/**
 * The form for a task's `formKey`, rendered from the field list in domain/task-forms.ts and
 * checked with the same zod schema the API applies to the completion.
 */
export function renderTaskForm(host: HTMLElement, form: string, onSubmit: (values: unknown) => Promise<void>): void {
  if (!isFormName(form)) {
    host.replaceChildren(h('p', { class: 'notice' }, `Voor deze taak bestaat geen formulier (${form}). Meld dit bij de beleidsmedewerker van de regio.`));
    return;
  }
  const definition = taskForms[form];
  const shape = definition.schema.shape as Record<string, z.ZodType>;
  renderForm(host, {
    id: `form-${form}`,
    title: definition.label,
    fields: definition.fields.map((field) => toSpec(field, shape)),
    schema: definition.schema,
    submitLabel: 'Taak afronden',
    onSubmit,
  });
}
