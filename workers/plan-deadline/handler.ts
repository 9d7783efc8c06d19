import { deadlineVariables } from '../../domain/process.js';
import { planReminder, planSpan } from '../../domain/workdays.js';
import type { WorkerDeps } from '../deps.js';
import { defineJob } from '../job.js';
import { complete, incident } from '../outcome.js';
import { planDeadlineInput } from './schema.js';

/**
 * Turns a region deadline into timer durations and a due date. The engine has no
 * business calendar, so working days are resolved here, at the moment the task starts.
 */
export const planDeadline = defineJob({
  label: 'Termijn plannen',
  description: 'Berekent uit de regio-instellingen (kalendertijd of werkdagen) wanneer herinnerd en opgeschaald wordt.',
  input: planDeadlineInput,
  handle: async (input, _job, deps: WorkerDeps) => {
    const settings = await deps.regions.get(input.region);
    if (!settings) return incident(`Regio '${input.region}' staat niet in de tabel region; laad de regio-instellingen.`);
    const setting = settings.deadlines[input.deadline];
    if (!setting) {
      const known = Object.keys(settings.deadlines).join(', ') || '(geen)';
      return incident(`Termijn '${input.deadline}' ontbreekt in de instellingen van regio '${input.region}' (bekend: ${known}).`);
    }
    const now = deps.now();
    const escalate = planSpan(setting.escalateAfter, now);
    const remind = planReminder(escalate, setting.remindAfter, now);
    const names = deadlineVariables(input.deadline);
    return complete({
      [names.escalate]: escalate.duration,
      [names.remind]: remind.duration,
      [names.due]: escalate.due.toISOString(),
    });
  },
});
