import type { ElementTemplate } from './types.js';

export type RegionChoices = { roles: Array<{ id: string; name: string }> };

/**
 * The workers' templates are the same for every region; their "role" input becomes a choice
 * between this region's roles, so a step never names a role by typing (a typo would only surface
 * as a finding, or worse, a mail to nobody). Deadlines are named in timers and due dates
 * (`termijn.verloopt`), not in a worker's input.
 */
export function withRegionChoices(templates: ElementTemplate[], region: RegionChoices): ElementTemplate[] {
  const roles = region.roles.map((r) => ({ name: `${r.name} (${r.id})`, value: r.id }));
  return templates.map((template) => ({
    ...template,
    properties: template.properties.map((property) => {
      const name = property.binding.type === 'camunda:inputParameter' ? property.binding.name : undefined;
      if (name !== 'role' || roles.length === 0) return property;
      const { constraints: _constraints, ...rest } = property;
      return { ...rest, type: 'Dropdown' as const, value: roles[0]!.value, choices: roles };
    }),
  }));
}
