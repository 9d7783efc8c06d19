import { z } from 'zod';
import { auditRow } from './repository.js';

export const auditQuery = z.object({
  caseId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export const auditList = z.array(auditRow);
export const caseIdParams = z.object({ id: z.uuid() });
