import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { evaluation, evaluationQuery, regionParams } from './schemas.js';
import * as service from './service.js';

export const evaluationRoutes: RouteDef[] = [
  defineRoute({
    id: 'evaluation.get',
    method: 'get',
    path: '/api/regions/:region/evaluation',
    summary: 'Jaarevaluatie: meldingen, uitkomst per trede, hoogste trede, doorloop- en wachttijden, knelpunten, uitkomsten van de leeragenda en cliëntervaringen van één jaar',
    tags: ['evaluatie'],
    access: { kind: 'region', rule: 'learning' },
    audit: 'evaluation.read',
    params: regionParams,
    query: evaluationQuery,
    response: { status: 200, schema: evaluation },
    handle: async ({ ctx, params, query }) => reply(200, await service.evaluation(ctx, params.region, query.jaar)),
  }),
  defineRoute({
    id: 'evaluation.csv',
    method: 'get',
    path: '/api/regions/:region/evaluation.csv',
    summary: 'Jaarevaluatie als CSV',
    tags: ['evaluatie'],
    access: { kind: 'region', rule: 'learning' },
    audit: 'evaluation.read',
    params: regionParams,
    query: evaluationQuery,
    response: { status: 200, contentType: 'text/csv' },
    handle: async ({ ctx, params, query }) =>
      reply(200, await service.evaluationCsv(ctx, params.region, query.jaar), {
        headers: { 'Content-Disposition': `attachment; filename="doorzet-${params.region}-jaarevaluatie-${query.jaar}.csv"` },
      }),
  }),
];
