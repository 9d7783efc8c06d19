import { z } from 'zod';
import { slug } from '../../domain/region.js';

export const regionParams = z.object({ region: slug });
export const incidentParams = z.object({ region: slug, id: z.string().regex(/^[0-9a-f-]{1,64}$/i, 'storing: een id van de procesengine') });

export const incident = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  caseReference: z.string().nullable(),
  elementId: z.string(),
  /** The element's name in the model the instance runs on. */
  elementName: z.string(),
  type: z.string(),
  /** What the worker reported when it gave up. */
  message: z.string().nullable(),
  created: z.string(),
  /** Only failed external tasks can be retried from here. */
  retryable: z.boolean(),
});
export const incidentList = z.array(incident);

export const retryBody = z.object({ toelichting: z.string().trim().min(1).max(1000) }).strict();
export const retried = z.object({ status: z.literal('retried'), incidentId: z.string() });

export const queue = z.object({ topic: z.string(), waiting: z.number(), locked: z.number(), failed: z.number(), oldestWaitingSince: z.string().nullable() });
export const queueList = z.array(queue);
