import { loadCaseWithRole } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { notifyRoleInput } from './schema.js';

const WORDING = {
  taak: { subject: 'er staat een taak voor u klaar', line: 'Er staat in Doorzet een taak voor u klaar bij deze casus.' },
  herinnering: {
    subject: 'herinnering, de termijn loopt af',
    line: 'Herinnering: de termijn voor uw taak bij deze casus loopt af. Zonder actie wordt de casus opgeschaald.',
  },
  melding: { subject: 'melding van een vastgelopen casus', line: 'Er is een vastgelopen casus gemeld die uw aandacht vraagt.' },
  // After a decision the one who has casusregie again reports how it goes (seed 000, stappen 3 and 4).
  voortgang: {
    subject: 'voortgang na het besluit',
    line: 'De hulp na het besluit over deze casus is gestart. Hoe het verder verloopt, staat in Doorzet.',
  },
} as const;

/** E-mails every contact of a role of the case's region; a role nobody holds is a business problem for policy staff. */
export const notifyRole = defineJob({
  label: 'Rol informeren',
  description: 'Stuurt alle contactpersonen van een rol een e-mail met het casusnummer en een link, zonder persoonsgegevens.',
  input: notifyRoleInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCaseWithRole(input, input.role, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { facts, role } = loaded;
    const wording = WORDING[input.reason];
    await queueForEach(deps, job, facts, role.contacts, {
      kind: `notify-role:${input.reason}:${role.id}`,
      subject: subjectFor(facts, wording.subject),
      text: composeBody(deps.config, facts, [`Beste ${role.name},`, '', wording.line]),
    });
    return complete();
  },
});
