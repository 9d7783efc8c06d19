import type { z } from 'zod';
import { slug } from '../../domain/region.js';
import { caseInput } from '../case-context.js';

/** `gemeente`: the case's own municipality, a start variable where the region lists its gemeenten (Twente). */
export const conveneEscalationMeetingInput = caseInput.extend({ gemeente: slug.optional() });
export type ConveneEscalationMeetingInput = z.infer<typeof conveneEscalationMeetingInput>;
