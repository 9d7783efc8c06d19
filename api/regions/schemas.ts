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
});
export const regionList = z.array(regionSummary);
export { regionSettings };
