import { caseIdParams } from '../cases/schemas.js';
import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { accessGrantList, breakGlassBody, breakGlassGranted } from './schemas.js';
import * as service from './service.js';

export const privacyRoutes: RouteDef[] = [
  defineRoute({
    id: 'privacy.breakGlass',
    method: 'post',
    path: '/api/cases/:id/break-glass',
    summary: 'Noodtoegang: persoonsgegevens van een casus zonder eigen taak, alleen met reden (gelogd, zichtbaar voor de casusrollen)',
    tags: ['privacy'],
    access: { kind: 'case', rule: 'caseWorker' },
    audit: 'person.break-glass',
    params: caseIdParams,
    body: breakGlassBody,
    response: { status: 201, schema: breakGlassGranted },
    handle: async ({ ctx, params, body, auth, scope }) =>
      reply(201, await service.breakGlass(ctx, ctx.db, { caseId: params.id, userId: auth!.user.id, userName: auth!.user.name, roles: scope.roles, reason: body.reden })),
  }),
  defineRoute({
    id: 'privacy.accessGrants',
    method: 'get',
    path: '/api/cases/:id/access-grants',
    summary: 'Wie met noodtoegang de persoonsgegevens van deze casus mocht inzien, en waarom',
    tags: ['privacy'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'person.break-glass.read',
    params: caseIdParams,
    response: { status: 200, schema: accessGrantList },
    handle: async ({ ctx, params }) => reply(200, await service.grants(ctx, params.id)),
  }),
];
