import { loadCase } from '../case-context.js';
import { defineJob } from '../job.js';
import { complete } from '../outcome.js';
import { recordTierChangeInput } from './schema.js';

/** Keeps the case row's tier in step with the model and writes the step on the timeline. */
export const recordTierChange = defineJob({
  label: 'Trede vastleggen',
  description: 'Legt op- of afschalen (ook automatisch na een verlopen termijn) vast in de casus en de tijdlijn.',
  input: recordTierChangeInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCase(input, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { settings, facts } = loaded;
    const tierName = settings.tiers.find((t) => t.number === input.tier)?.name;
    const label = `trede ${input.tier}${tierName ? ` (${tierName})` : ''}`;
    const summary =
      input.direction === 'op'
        ? `${input.automatic ? 'Automatisch opgeschaald na verlopen termijn' : 'Opgeschaald'} naar ${label}`
        : `${input.automatic ? 'Automatisch afgeschaald' : 'Afgeschaald'} naar ${label}`;
    await deps.cases.changeTier(facts.id, input.tier, {
      caseId: facts.id,
      idempotencyKey: job.key,
      kind: input.automatic ? 'automatic-escalation' : 'tier-change',
      tier: input.tier,
      summary,
      details: { from: facts.currentTier, to: input.tier, direction: input.direction, automatic: input.automatic, elementId: job.elementId },
    });
    return complete({ tier: input.tier });
  },
});
