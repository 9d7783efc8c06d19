import type { z } from 'zod';
import { ApiError } from './api.js';
import { DUTCH_DATE_HINT, toIsoDate } from './dates.js';
import { attempt, h, showError } from './ui.js';

export type FieldSpec = {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'choice' | 'choices' | 'boolean' | 'date';
  options?: Array<{ value: string; label: string }>;
  required: boolean;
  hint?: string;
};

const MESSAGES: Record<string, string> = {
  invalid_type: 'Vul dit veld in.',
  too_small: 'Vul dit veld in.',
  invalid_value: 'Kies een van de mogelijkheden.',
  invalid_format: 'Dit formaat klopt niet.',
};

/** Dutch text for a zod issue: the schema's own message when it was written in Dutch, else a plain one. */
function dutchIssue(issue: z.core.$ZodIssue): string {
  const own = issue.message;
  if (own && !/^(Invalid|Too|Expected|Required)/i.test(own)) return own;
  return MESSAGES[issue.code] ?? 'Deze waarde is niet geldig.';
}

/**
 * Renders a task's form from its field list and checks it with the task's zod schema
 * before anything is sent; the API checks it again with the same schema.
 */
export function renderForm(host: HTMLElement, options: { id: string; title: string; fields: FieldSpec[]; schema: z.ZodType; submitLabel: string; onSubmit(values: unknown): Promise<void> }): void {
  const controls = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLInputElement[]>();
  const errorFor = (name: string) => h('p', { id: `${options.id}-${name}-error`, class: 'field-error' });
  const blocks = options.fields.map((field) => {
    const id = `${options.id}-${field.name}`;
    // A date field always says the Dutch format it expects.
    const hintText = field.kind === 'date' ? [field.hint, DUTCH_DATE_HINT].filter(Boolean).join(' ') : field.hint;
    const described = [hintText ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
    const label = `${field.label}${field.required ? '' : ' (optioneel)'}`;
    const hint = hintText ? h('p', { id: `${id}-hint`, class: 'hint' }, hintText) : null;
    if (field.kind === 'choice' || field.kind === 'choices') {
      const type = field.kind === 'choice' ? 'radio' : 'checkbox';
      const radios = (field.options ?? []).map((o) => h('input', { type, name: field.name, id: `${id}-${o.value}`, value: o.value, 'aria-describedby': described }));
      controls.set(field.name, radios);
      return h(
        'fieldset',
        { 'data-field': field.name },
        h('legend', {}, label),
        hint,
        ...(field.options ?? []).map((o, i) => h('div', { class: 'check' }, radios[i] as HTMLInputElement, h('label', { for: `${id}-${o.value}` }, o.label))),
        errorFor(field.name),
      );
    }
    if (field.kind === 'boolean') {
      const box = h('input', { type: 'checkbox', id, name: field.name, 'aria-describedby': described });
      controls.set(field.name, box);
      return h('div', { 'data-field': field.name }, h('div', { class: 'check' }, box, h('label', { for: id }, field.label)), hint, errorFor(field.name));
    }
    const control =
      field.kind === 'textarea'
        ? h('textarea', { id, name: field.name, rows: 4, 'aria-describedby': described, 'aria-required': field.required ? 'true' : null })
        : h('input', {
            id,
            name: field.name,
            type: 'text',
            'data-date': field.kind === 'date' ? 'dd-mm-jjjj' : null,
            inputmode: field.kind === 'date' ? 'numeric' : null,
            autocomplete: field.kind === 'date' ? 'off' : null,
            'aria-describedby': described,
            'aria-required': field.required ? 'true' : null,
          });
    controls.set(field.name, control);
    return h('div', { class: 'field', 'data-field': field.name }, h('label', { for: id }, label), hint, control, errorFor(field.name));
  });

  const read = (): Record<string, unknown> => {
    const values: Record<string, unknown> = {};
    for (const field of options.fields) {
      const control = controls.get(field.name);
      if (Array.isArray(control) && field.kind === 'choices') {
        const checked = control.filter((box) => box.checked).map((box) => box.value);
        if (checked.length > 0 || field.required) values[field.name] = checked;
      } else if (Array.isArray(control)) {
        const checked = control.find((r) => r.checked);
        if (checked) values[field.name] = checked.value;
      } else if (control instanceof HTMLInputElement && control.type === 'checkbox') {
        values[field.name] = control.checked;
      } else if (control) {
        const raw = control.value.trim();
        // An empty optional field is left out; an empty required one goes to the schema, which says what is missing.
        if (raw === '' && !field.required) continue;
        // dd-mm-jjjj in the field, ISO for the schema; what cannot be read goes as typed, so the schema names it.
        values[field.name] = field.kind === 'date' ? (toIsoDate(raw) ?? raw) : raw;
      }
    }
    return values;
  };

  const showErrors = (errors: Record<string, string>) => {
    for (const field of options.fields) {
      const target = document.getElementById(`${options.id}-${field.name}-error`);
      if (target) target.textContent = errors[field.name] ?? '';
      const control = controls.get(field.name);
      for (const el of Array.isArray(control) ? control : control ? [control] : []) el.setAttribute('aria-invalid', errors[field.name] ? 'true' : 'false');
    }
    const first = options.fields.find((f) => errors[f.name]);
    if (first) {
      const control = controls.get(first.name);
      (Array.isArray(control) ? control[0] : control)?.focus();
    }
  };

  const form = h(
    'form',
    {
      id: options.id,
      class: 'card',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const parsed = options.schema.safeParse(read());
        if (!parsed.success) {
          const errors: Record<string, string> = {};
          for (const issue of parsed.error.issues) {
            const key = String(issue.path[0] ?? '');
            errors[key] ??= dutchIssue(issue);
          }
          showErrors(errors);
          showError(new Error(`Het formulier is nog niet compleet: ${Object.keys(errors).length} veld(en) met een fout.`));
          return;
        }
        showErrors({});
        await attempt(async () => {
          try {
            await options.onSubmit(parsed.data);
          } catch (error) {
            if (error instanceof ApiError && error.status === 422 && error.problem.errors && typeof error.problem.errors === 'object') {
              const errors: Record<string, string> = {};
              for (const [key, value] of Object.entries(error.problem.errors as Record<string, unknown>)) errors[key] = Array.isArray(value) ? value.join(' ') : String(value);
              showErrors(errors);
            }
            throw error;
          }
        });
      },
    },
    h('h2', {}, options.title),
    ...blocks,
    h('button', { type: 'submit' }, options.submitLabel),
  );
  host.replaceChildren(form);
}
