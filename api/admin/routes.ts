import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { incidentList, incidentParams, queueList, regionParams, retried, retryBody } from './schemas.js';
import * as service from './service.js';

/** The functional administrator's view of what the engine and the workers got stuck on. */
export const adminRoutes: RouteDef[] = [
  defineRoute({
    id: 'admin.incidents',
    method: 'get',
    path: '/api/regions/:region/incidents',
    summary: 'Storingen in de regio (alle modelversies): bij welke casus en stap, en de fout van de worker',
    tags: ['beheer'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'incident.list',
    params: regionParams,
    response: { status: 200, schema: incidentList },
    handle: async ({ ctx, params }) => reply(200, await service.incidents(ctx, params.region)),
  }),
  defineRoute({
    id: 'admin.incidents.retry',
    method: 'post',
    path: '/api/regions/:region/incidents/:id/retry',
    summary: 'Mislukte worker-taak opnieuw proberen (vastgelegd in het logboek en de tijdlijn van de casus)',
    tags: ['beheer'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'incident.retry',
    params: incidentParams,
    body: retryBody,
    response: { status: 200, schema: retried },
    handle: async ({ ctx, params, body, auth, scope }) => {
      const { head, result } = await service.retry(ctx, params.region, params.id, body.toelichting, auth!.user.name);
      // The audit entry names the case the retry moves on.
      if (head) Object.assign(scope, { caseId: head.id, caseReference: head.reference });
      return reply(200, result);
    },
  }),
  defineRoute({
    id: 'admin.externalTasks',
    method: 'get',
    path: '/api/regions/:region/external-tasks',
    summary: 'Worker-taken per onderwerp (topic): wachtend, in behandeling, mislukt',
    tags: ['beheer'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    params: regionParams,
    response: { status: 200, schema: queueList },
    handle: async ({ ctx, params }) => reply(200, await service.queues(ctx, params.region)),
  }),
];
