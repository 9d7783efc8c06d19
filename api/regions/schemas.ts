import { z } from 'zod';
import { regionSettings, slug } from '../../domain/region.js';

export const regionParams = z.object({ region: slug });
export const regionSummary = z.object({
  id: slug,
  name: z.string(),
  /** The signed-in user's roles in this region. */
  roles: z.array(z.string()),
  /** Roles that prepare the learning meeting besides policy staff: the app shows them the Leeragenda. */
  learningOrganisers: z.array(z.string()),
  /** The region's board roles (the 'board' access rule): the app shows them the Terugkoppelingen. */
  boardRoles: z.array(z.string()),
});
export const regionList = z.array(regionSummary);
export { regionSettings };

/** A new region: the template's settings as the policy officer filled them in; the process id follows from the id. */
export const newRegionBody = regionSettings.omit({ bpmnProcessId: true }).strict();
export const newRegionCreated = z.object({ settings: regionSettings, version: z.number() });
export const regionTemplate = z.object({ settings: regionSettings });
