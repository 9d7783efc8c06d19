import { adminRoutes } from './admin/routes.js';
import { auditRoutes } from './audit/routes.js';
import { caseRoutes } from './cases/routes.js';
import { clientFeedbackRoutes } from './client-feedback/routes.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { feedbackRoutes } from './feedback/routes.js';
import type { RouteDef } from './http/route.js';
import { learningAgendaRoutes } from './learning-agenda/routes.js';
import { metricsRoutes } from './metrics/routes.js';
import { modelRoutes } from './models/routes.js';
import { privacyAdminRoutes, privacyRoutes } from './privacy/routes.js';
import { publicMeldingRoutes } from './public-melding/routes.js';
import { regionRoutes } from './regions/routes.js';
import { sessionRoutes } from './session/routes.js';
import { taskRoutes } from './tasks/routes.js';

/** Every route of the API: mounted by server.ts, documented by openapi.ts, enumerated by the authorisation matrix test. */
export const routes: RouteDef[] = [...sessionRoutes, ...regionRoutes, ...modelRoutes, ...caseRoutes, ...taskRoutes, ...metricsRoutes, ...learningAgendaRoutes, ...evaluationRoutes, ...feedbackRoutes, ...auditRoutes, ...privacyRoutes, ...privacyAdminRoutes, ...publicMeldingRoutes, ...clientFeedbackRoutes, ...adminRoutes];
