import { ERROR_CODES } from '../../domain/process.js';
import type { Contact, RegionSettings } from '../../domain/region.js';
import type { CaseFacts } from '../deps.js';
import { loadCase } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { bpmnError, complete, incident } from '../outcome.js';
import { informPartiesInput } from './schema.js';

/**
 * Who hears of the decision: the region's partners involved in the case (matched by
 * id or name against the case's organisations) and everyone holding a role on the ladder.
 */
export function partiesOf(settings: RegionSettings, facts: CaseFacts): Contact[] {
  const involved = new Set(facts.organisations.map((o) => o.trim().toLowerCase()));
  const partners = settings.partners.filter((p) => involved.has(p.id) || involved.has(p.name.trim().toLowerCase())).map((p) => p.contact);
  const ladder = settings.roles.filter((r) => r.tier > 0).flatMap((r) => r.contacts);
  return [...partners, ...ladder];
}

export const informParties = defineJob({
  label: 'Alle partijen informeren',
  description: 'Informeert de betrokken partners en de rollen van de escalatieladder over het besluit en de verantwoordelijke partij.',
  input: informPartiesInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCase(input, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { settings, facts } = loaded;
    const responsible = input.responsibleParty ?? facts.responsibleParty;
    if (!responsible) {
      return incident(`Voor casus ${facts.reference} is nog geen verantwoordelijke partij vastgelegd; het model informeert partijen vóór het besluit.`);
    }
    const parties = partiesOf(settings, facts);
    if (parties.length === 0) {
      return bpmnError(ERROR_CODES.noContact, `Regio '${settings.id}' heeft geen partners of ladderrollen met een contactpersoon.`, {
        missingRole: 'partijen',
      });
    }
    await queueForEach(deps, job, facts, parties, {
      kind: 'inform-parties',
      subject: subjectFor(facts, 'besluit over de verantwoordelijke partij'),
      text: composeBody(deps.config, facts, [
        'Beste betrokkene,',
        '',
        'Over deze casus is besloten welke partij verantwoordelijk is.',
        `Verantwoordelijke partij: ${responsible}`,
        '',
        'De verantwoordelijke partij neemt de casus op zich; het besluit en de toelichting staan in Doorzet.',
      ]),
    });
    await deps.cases.addEvent({
      caseId: facts.id,
      idempotencyKey: job.key,
      kind: 'parties-informed',
      tier: facts.currentTier,
      summary: `Partijen geïnformeerd over het besluit: ${responsible} is verantwoordelijk`,
      details: { responsibleParty: responsible, recipients: parties.length },
    });
    return complete();
  },
});
