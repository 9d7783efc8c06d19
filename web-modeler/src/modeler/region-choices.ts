import type { ElementTemplate } from './types.js';

export type RegionChoices = { roles: Array<{ id: string; name: string }>; deadlines: Record<string, { label: string }> };

/**
 * The workers' templates are the same for every region; their "role" and "deadline" inputs
 * become choices between this region's roles and deadlines, so a step never names a role or
 * deadline by typing (a typo would only surface as a finding, or worse, a mail to nobody).
 */
export function withRegionChoices(templates: ElementTemplate[], region: RegionChoices): ElementTemplate[] {
  const roles = region.roles.map((r) => ({ name: `${r.name} (${r.id})`, value: r.id }));
  const deadlines = Object.entries(region.deadlines).map(([key, d]) => ({ name: `${d.label} (${key})`, value: key }));
  return templates.map((template) => ({
    ...template,
    properties: template.properties.map((property) => {
      const name = property.binding.type === 'camunda:inputParameter' ? property.binding.name : undefined;
      const choices = name === 'role' ? roles : name === 'deadline' ? deadlines : undefined;
      if (!choices || choices.length === 0) return property;
      const { constraints: _constraints, ...rest } = property;
      return { ...rest, type: 'Dropdown' as const, value: choices[0]!.value, choices };
    }),
  }));
}
