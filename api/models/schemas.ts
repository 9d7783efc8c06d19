import { z } from 'zod';
import { slug } from '../../domain/region.js';

export const regionParams = z.object({ region: slug });
export const versionParams = z.object({ region: slug, version: z.coerce.number().int().positive().max(1_000_000) });

export const modelVersion = z.object({
  version: z.number(),
  author: z.string(),
  comment: z.string(),
  createdAt: z.string(),
  deployedAt: z.string().nullable(),
  processDefinitionKey: z.string().nullable(),
  engineVersion: z.number().nullable(),
  /** Open cases running on this version (by engine version). */
  runningCases: z.number(),
  /** Process instances the engine still runs on this version: they finish on it, whatever goes live later. */
  runningInstances: z.number(),
});
export const modelVersionList = z.array(modelVersion);
export const modelVersionWithXml = modelVersion.extend({ xml: z.string() });

// The size limit itself is a validation finding (bpmn/validate.ts), so the body may be somewhat larger.
export const xmlBody = z.object({ xml: z.string().max(3 * 1024 * 1024) }).strict();
export const uploadBody = z.object({ xml: z.string().max(3 * 1024 * 1024), comment: z.string().trim().min(1).max(1000) }).strict();

export const finding = z.object({ elementId: z.string().nullable(), rule: z.string(), message: z.string() });
export const validation = z.object({ findings: z.array(finding) });
export const templateXml = z.object({ xml: z.string() });
export const elementTemplates = z.array(z.record(z.string(), z.unknown()));

const diffElement = z.object({ id: z.string(), name: z.string().nullable(), type: z.string() });
export const versionChanges = z.object({
  /** The version live now (newest deployed), compared against; null when none is live yet. */
  liveVersion: z.number().nullable(),
  added: z.array(diffElement),
  removed: z.array(diffElement),
  /** Changed elements, each change in Dutch words (roles and deadlines by their names in the settings). */
  changed: z.array(diffElement.extend({ changes: z.array(z.string()) })),
  /** Process instances on deployed versions other than this one: they stay on their version when this one goes live. */
  instancesOnOtherVersions: z.number(),
});
