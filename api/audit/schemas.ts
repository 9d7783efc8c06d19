import { z } from 'zod';

export const auditQuery = z.object({
  caseId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export const auditEntry = z.object({
  id: z.string(),
  occurredAt: z.string(),
  event: z.string(),
  caseId: z.string().nullable(),
  clientReference: z.string().nullable(),
  regionId: z.string().nullable(),
  userName: z.string(),
  responsibleRole: z.string().nullable(),
  route: z.string(),
  outcome: z.string(),
  status: z.number(),
});
export const auditList = z.array(auditEntry);
export const caseIdParams = z.object({ id: z.uuid() });
