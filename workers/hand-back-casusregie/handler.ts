import { loadCaseWithRole } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { handBackCasusregieInput } from './schema.js';

/** Ends the escalation: the case is solved or decided, and casusregie returns to the professional who had it. */
export const handBackCasusregie = defineJob({
  label: 'Casusregie teruggeven',
  description: 'Sluit de escalatie af (opgelost of besloten), legt dit vast in de tijdlijn en mailt de rol die de casusregie terugkrijgt.',
  input: handBackCasusregieInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCaseWithRole(input, input.role, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { facts, role } = loaded;
    const status = await deps.cases.closeEscalation(facts.id, {
      caseId: facts.id,
      idempotencyKey: job.key,
      kind: 'casusregie-returned',
      tier: facts.currentTier,
      summary: `Escalatie afgesloten; casusregie terug bij ${role.name}`,
      details: { role: role.id },
    });
    await queueForEach(deps, job, facts, role.contacts, {
      kind: `hand-back:${role.id}`,
      subject: subjectFor(facts, 'casusregie terug bij u'),
      text: composeBody(deps.config, facts, [
        `Beste ${role.name},`,
        '',
        `De escalatie van deze casus is afgesloten (${status === 'decided' ? 'er is besloten wie verantwoordelijk is' : 'opgelost'}).`,
        // No request for a progress report: where the model checks that the help started, that
        // check comes before the hand-back (the escalation closes once the help runs).
        'De casusregie ligt weer bij u. Het verloop van de escalatie staat in Doorzet.',
      ]),
    });
    return complete();
  },
});
