import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { learningAgenda, meetingBody, meetingCreated, outcomeBody, outcomeParams, regionParams } from './schemas.js';
import * as service from './service.js';

export const learningAgendaRoutes: RouteDef[] = [
  defineRoute({
    id: 'learningAgenda.list',
    method: 'get',
    path: '/api/regions/:region/learning-agenda',
    summary: 'Leeragenda: de leeroverleggen met hun agendapunten (casus alleen op kenmerk), de uitkomsten, wat open staat voor het volgende overleg en terugkerende knelpunten',
    tags: ['leeragenda'],
    access: { kind: 'region', rule: 'learning' },
    audit: 'learning-agenda.read',
    params: regionParams,
    response: { status: 200, schema: learningAgenda },
    handle: async ({ ctx, params }) => reply(200, await service.learningAgenda(ctx, params.region)),
  }),
  defineRoute({
    id: 'learningAgenda.planMeeting',
    method: 'post',
    path: '/api/regions/:region/learning-meetings',
    summary: 'Een leeroverleg plannen: datum en de rollen aan tafel; een tweede overleg op dezelfde datum geeft 409',
    tags: ['leeragenda'],
    access: { kind: 'region', rule: 'learningOrganiser' },
    audit: 'learning-meeting.create',
    params: regionParams,
    body: meetingBody,
    response: { status: 201, schema: meetingCreated },
    handle: async ({ ctx, params, body, auth }) => reply(201, await service.planMeeting(ctx, params.region, body, auth!.user.name)),
  }),
  defineRoute({
    id: 'learningAgenda.recordOutcome',
    method: 'put',
    path: '/api/regions/:region/learning-meetings/:meetingId/outcomes/:itemId',
    summary: 'De uitkomst van een agendapunt in een leeroverleg: maatregel, eigenaar (rol) en eventueel een datum waarop het terugkomt',
    tags: ['leeragenda'],
    access: { kind: 'region', rule: 'learningOrganiser' },
    audit: 'learning-outcome.record',
    params: outcomeParams,
    body: outcomeBody,
    response: { status: 204 },
    handle: async ({ ctx, params, body, auth }) => {
      await service.recordOutcome(ctx, params.region, params.meetingId, params.itemId, body, auth!.user.name);
      return reply(204, undefined);
    },
  }),
];
