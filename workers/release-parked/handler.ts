import { releaseParkedInput } from './schema.js';
import { defineJob } from '../job.js';
import { complete } from '../outcome.js';

/**
 * The end of the model's "Contactgegevens ontbreken" sub-process: the steps that waited for a
 * contact run again, now with the completed settings. What they already sent is keyed by their
 * own task id, so nobody is mailed twice (docs/ladder-conventions.md §3).
 */
export const releaseParked = defineJob({
  label: 'Wachtende stappen vrijgeven',
  description:
    'Zet de stappen van de casus die wachtten op een ontbrekende contactpersoon weer in gang, nadat de contactgegevens zijn aangevuld. Stuurt zelf geen bericht.',
  input: releaseParkedInput,
  handle: async (_input, job, deps) => {
    await deps.parked.release(job.processInstanceKey);
    return complete();
  },
});
