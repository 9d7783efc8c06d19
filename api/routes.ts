import type { RouteDef } from './http/route.js';
import { sessionRoutes } from './session/routes.js';

/** Every route of the API: mounted by server.ts, documented by openapi.ts, enumerated by the authorisation matrix test. */
export const routes: RouteDef[] = [...sessionRoutes];
