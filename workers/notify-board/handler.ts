import { loadCase, reachableRole } from '../case-context.js';
import { defineJob } from '../job.js';
import { composeBody, queueForEach, subjectFor } from '../mail.js';
import { complete } from '../outcome.js';
import { notifyBoardInput } from './schema.js';

export const BOARD_ROLE = 'portefeuillehouder';
/** Public order and safety at stake (case.safety): the burgemeester is informed too. */
export const SAFETY_ROLE = 'burgemeester';

/**
 * Bestuurlijke opschaling: the portefeuillehouder, the burgemeester when public order and safety
 * is at stake, and the role the model names besides (Wijchen informs its burgemeester always).
 */
export const notifyBoard = defineJob({
  label: 'Bestuur informeren',
  description:
    'Bestuurlijke opschaling: e-mail aan de portefeuillehouder en, bij openbare orde en veiligheid, de burgemeester; met invoer "role" ook altijd aan die rol.',
  input: notifyBoardInput,
  handle: async (input, job, deps) => {
    const loaded = await loadCase(input, deps);
    if ('outcome' in loaded) return loaded.outcome;
    const { settings, facts } = loaded;
    const roleIds = [...new Set([BOARD_ROLE, ...(facts.safety ? [SAFETY_ROLE] : []), ...(input.role ? [input.role] : [])])];
    const roles = [];
    for (const id of roleIds) {
      const reachable = reachableRole(settings, id);
      if ('outcome' in reachable) return reachable.outcome;
      roles.push({ id, role: reachable.role });
    }
    for (const { id, role } of roles) {
      await queueForEach(deps, job, facts, role.contacts, {
        kind: `notify-board:${id}`,
        subject: subjectFor(facts, 'bestuurlijke opschaling'),
        text: composeBody(deps.config, facts, [
          `Beste ${role?.name ?? id},`,
          '',
          `Deze casus is bestuurlijk opgeschaald${facts.safety ? '; de openbare orde en veiligheid is in het geding' : ''}.`,
          'U wordt gevraagd te bepalen welke partij verantwoordelijk is. De taak staat voor u klaar in Doorzet.',
        ]),
      });
    }
    return complete();
  },
});
