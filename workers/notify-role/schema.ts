import { z } from 'zod';
import { slug } from '../../domain/region.js';
import { caseInput } from '../case-context.js';

export const notifyReason = z.enum(['taak', 'herinnering', 'melding', 'voortgang']);

export const notifyRoleInput = caseInput.extend({
  /** A role id from the region's settings. */
  role: slug,
  reason: notifyReason,
});
export type NotifyRoleInput = z.infer<typeof notifyRoleInput>;
