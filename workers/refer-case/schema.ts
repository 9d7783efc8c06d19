import { z } from 'zod';
import { slug } from '../../domain/region.js';
import { caseInput } from '../case-context.js';

export const referCaseInput = caseInput.extend({
  /** The role of the route that takes the case over, e.g. `regionale-aanpak-escalatie`. */
  role: slug,
});
export type ReferCaseInput = z.infer<typeof referCaseInput>;
