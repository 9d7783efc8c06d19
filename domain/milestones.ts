/**
 * Where a region's model says the seed's figures are measured (seed 001 §6.5–6.6): a user task
 * carries the extension property `mijlpaal`. The definitions of the figures built on them are
 * in docs/figures.md; the deploy validation refuses a model that lacks one.
 */
export const MILESTONES = ['opgepakt', 'besluit', 'hulp-ingezet'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_LABELS: Record<Milestone, string> = {
  opgepakt: 'opgepakt (de eerste handeling van wie de melding oppakt, niet van de melder)',
  besluit: 'besluit (het besluit waarmee de benodigde hulp in gang wordt gezet)',
  'hulp-ingezet': 'hulp ingezet (de controle dat de hulp echt is gestart)',
};

const USER_TASK = /<(?:bpmn:)?userTask\b([^>]*?)(\/>|>([\s\S]*?)<\/(?:bpmn:)?userTask>)/g;
const PROPERTY = /<camunda:property\b[^>]*>/g;

const isMilestone = (value: string | undefined): value is Milestone => (MILESTONES as readonly string[]).includes(value ?? '');

/** The milestone of every user task that has one, by element id. Unknown values are left out (validation names them). */
export function milestonesOf(xml: string): Map<string, Milestone> {
  const found = new Map<string, Milestone>();
  for (const [, attributes, , body] of xml.matchAll(USER_TASK)) {
    const id = /\sid="([^"]+)"/.exec(attributes ?? '')?.[1];
    if (!id || !body) continue;
    for (const [tag] of body.matchAll(PROPERTY)) {
      if (/\sname="mijlpaal"/.test(tag)) {
        const value = /\svalue="([^"]*)"/.exec(tag)?.[1];
        if (isMilestone(value)) found.set(id, value);
      }
    }
  }
  return found;
}

/** `mijlpaal` values that are not a known milestone, with their element, for the deploy validation. */
export function unknownMilestones(xml: string): Array<{ elementId: string; value: string }> {
  const unknown: Array<{ elementId: string; value: string }> = [];
  for (const [, attributes, , body] of xml.matchAll(USER_TASK)) {
    const id = /\sid="([^"]+)"/.exec(attributes ?? '')?.[1] ?? '?';
    for (const [tag] of (body ?? '').matchAll(PROPERTY)) {
      const value = /\svalue="([^"]*)"/.exec(tag)?.[1] ?? '';
      if (/\sname="mijlpaal"/.test(tag) && !isMilestone(value)) unknown.push({ elementId: id, value });
    }
  }
  return unknown;
}
