import { z } from 'zod';
import type { JobDefinition } from '../workers/job.js';
import { ELEMENT_TEMPLATE_SCHEMA, EXTERNAL_TASK } from './src/modeler/camunda.js';
import type { ElementTemplate, TemplateProperty } from './src/modeler/types.js';

/** Inputs every worker reads from the process instance itself; a step never sets them. */
const PROCESS_INPUTS = new Set(['caseId', 'region']);

/** Dutch labels for the worker inputs a model sets per step; an input missing here shows its name. */
const INPUT_LABELS: Record<string, string> = {
  role: 'Rol (id uit de regio-instellingen)',
  reason: 'Aanleiding',
  deadline: 'Termijn (naam uit de regio-instellingen)',
  tier: 'Trede',
  direction: 'Richting',
  automatic: 'Automatisch (termijn verstreken)',
};

/**
 * One input as a template property that writes a `camunda:inputParameter`. A literal text is
 * a String in Camunda 7; numbers and booleans are JUEL expressions (`${2}`, `${true}`) so the
 * worker receives a Long or a Boolean, as it did from the FEEL literals before.
 */
function inputProperty(name: string, schema: z.ZodType): TemplateProperty {
  const base = { label: INPUT_LABELS[name] ?? name, description: `Invoer "${name}" van de werkstap.`, binding: { type: 'camunda:inputParameter', name } };
  if (schema instanceof z.ZodEnum) {
    const options = (schema.options as Array<string | number>).map(String);
    return { ...base, type: 'Dropdown', value: options[0], choices: options.map((option) => ({ name: option, value: option })) };
  }
  if (schema instanceof z.ZodBoolean) {
    return { ...base, type: 'Dropdown', value: '${false}', choices: [{ name: 'nee', value: '${false}' }, { name: 'ja', value: '${true}' }] };
  }
  if (schema instanceof z.ZodNumber) {
    return {
      ...base,
      type: 'String',
      constraints: { notEmpty: true, pattern: { value: '^\\$\\{-?\\d+(\\.\\d+)?\\}$', message: 'Een getal tussen ${ en }, bijvoorbeeld ${2}.' } },
    };
  }
  return { ...base, type: 'String', constraints: { notEmpty: true } };
}

/**
 * Camunda 7 element templates, one per worker in the registry, so the modeler offers exactly
 * the external tasks the workers fetch: `camunda:type="external"` and `camunda:topic` = the
 * registry key, with the worker's Dutch label and description.
 *
 * Only required inputs become template properties. An optional input (say `responsibleParty`,
 * set by a form) must stay out: an input parameter, even an empty one, would create a local
 * variable that hides the process variable of the same name from the worker.
 */
export function workerElementTemplates(registry: Record<string, Pick<JobDefinition, 'label' | 'description' | 'input'>>): ElementTemplate[] {
  return Object.entries(registry)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, job]) => {
      const shape = job.input instanceof z.ZodObject ? (job.input.shape as Record<string, z.ZodType>) : {};
      const inputs = Object.entries(shape).filter(([name, schema]) => !PROCESS_INPUTS.has(name) && !schema.safeParse(undefined).success);
      return {
        $schema: ELEMENT_TEMPLATE_SCHEMA,
        name: job.label,
        id: `nl.doorzet.${topic}`,
        description: job.description,
        version: 1,
        appliesTo: ['bpmn:ServiceTask'],
        properties: [
          { type: 'Hidden', value: EXTERNAL_TASK, binding: { type: 'property', name: 'camunda:type' } },
          { type: 'Hidden', value: topic, binding: { type: 'property', name: 'camunda:topic' } },
          ...inputs.map(([name, schema]) => inputProperty(name, schema)),
        ],
      };
    });
}
