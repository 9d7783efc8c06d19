import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { elementStatistics, meetings, metrics, metricsQuery, regionParams } from './schemas.js';
import * as service from './service.js';

export const metricsRoutes: RouteDef[] = [
  defineRoute({
    id: 'metrics.get',
    method: 'get',
    path: '/api/regions/:region/metrics',
    summary: 'Dashboard: open casussen per trede, doorlooptijden (mediaan, p90), automatische opschalingen, knelpunten; periode: meldingen van de laatste 30, 90 of 365 dagen of alles',
    tags: ['dashboard'],
    access: { kind: 'region', rule: 'member' },
    params: regionParams,
    query: metricsQuery,
    response: { status: 200, schema: metrics },
    handle: async ({ ctx, params, query }) => reply(200, await service.metrics(ctx, params.region, query)),
  }),
  defineRoute({
    id: 'metrics.csv',
    method: 'get',
    path: '/api/regions/:region/metrics.csv',
    summary: 'Dashboardcijfers als CSV (voor de evaluatie van de doorzettingsmacht)',
    tags: ['dashboard'],
    access: { kind: 'region', rule: 'member' },
    params: regionParams,
    query: metricsQuery,
    response: { status: 200, contentType: 'text/csv' },
    handle: async ({ ctx, params, query }) =>
      reply(200, await service.metricsCsv(ctx, params.region, query), { headers: { 'Content-Disposition': `attachment; filename="doorzet-${params.region}.csv"` } }),
  }),
  defineRoute({
    id: 'metrics.elements',
    method: 'get',
    path: '/api/regions/:region/element-statistics',
    summary: 'Per element van het uitgerolde model: hoeveel casussen er wachten en hoeveel over de termijn zijn',
    tags: ['dashboard'],
    access: { kind: 'region', rule: 'member' },
    params: regionParams,
    response: { status: 200, schema: elementStatistics },
    handle: async ({ ctx, params }) => reply(200, await service.elementStatistics(ctx, params.region)),
  }),
  defineRoute({
    id: 'meetings.list',
    method: 'get',
    path: '/api/regions/:region/meetings',
    summary: 'Bestuurlijk escalatie overleggen en hun uitkomst',
    tags: ['overleg'],
    access: { kind: 'region', rule: 'member' },
    audit: 'case.meetings.read',
    params: regionParams,
    response: { status: 200, schema: meetings },
    handle: async ({ ctx, params }) => reply(200, await service.meetings(ctx, params.region)),
  }),
];
