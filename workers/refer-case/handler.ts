import { loadCaseWithRole } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { referCaseInput } from './schema.js';

/**
 * Hands the case over to another route (Wijchen's safety route: the regional aanpak
 * Escalatie). The escalation here ends with status `referred`, so the case no longer
 * counts as open on this region's dashboard, and the receiving route gets the reference.
 */
export const referCase = defineJob({
  label: 'Casus overdragen',
  description: 'Draagt de casus over aan een andere aanpak (status doorverwezen), legt dit vast in de tijdlijn en mailt de rol die hem overneemt.',
  input: referCaseInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCaseWithRole(input, input.role, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { facts, role } = loaded;
    await deps.cases.refer(facts.id, {
      caseId: facts.id,
      idempotencyKey: job.key,
      kind: 'referred',
      tier: facts.currentTier,
      summary: `Overgedragen aan ${role.name}`,
      details: { role: role.id },
    });
    await queueForEach(deps, job, facts, role.contacts, {
      kind: `refer:${role.id}`,
      subject: subjectFor(facts, 'casus aan u overgedragen'),
      text: composeBody(deps.config, facts, [
        `Beste ${role.name},`,
        '',
        'Deze casus is aan u overgedragen: de veiligheid van de inwoner of de samenleving is in het geding.',
        'De escalatie binnen het sociaal domein is hiermee beëindigd.',
      ]),
    });
    return complete();
  },
});
