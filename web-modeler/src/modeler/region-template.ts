/**
 * The template model (bpmn/template) made into a region's own first version: its process id
 * `doorzet-<source>` and the region part of each candidate group
 * (`camunda:candidateGroups="<region>:<role>, …"`) are renamed to the target region. Other
 * text that happens to contain the source region's name stays as it is.
 */
export function adaptTemplateToRegion(xml: string, region: string): string {
  const sourceRegion = /id="doorzet-([a-z0-9-]+)"/.exec(xml)?.[1];
  if (!sourceRegion || sourceRegion === region) return xml;
  const groupPrefix = new RegExp(`^(\\s*)${sourceRegion}:`);
  return xml
    .replaceAll(`doorzet-${sourceRegion}`, `doorzet-${region}`)
    .replace(/(camunda:candidateGroups=")([^"]*)"/g, (_all, attribute: string, groups: string) =>
      `${attribute}${groups.split(',').map((group) => group.replace(groupPrefix, `$1${region}:`)).join(',')}"`,
    );
}
