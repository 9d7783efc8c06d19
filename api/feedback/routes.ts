import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { feedbackQuery, feedbackReports, regionParams } from './schemas.js';
import * as service from './service.js';

/**
 * Twente's fixed-format reports (seed 003, advies 2) are addressed to the regional
 * portefeuillehouder, the region's board role: only the board reads them. They name cases by
 * reference only, yet every read is in the NEN 7513 log, as their free text is written by people.
 */
export const feedbackRoutes: RouteDef[] = [
  defineRoute({
    id: 'feedback.list',
    method: 'get',
    path: '/api/regions/:region/feedback-reports',
    summary: 'Terugkoppelingen volgens vast format na het bestuurlijk escalatie overleg, nieuwste eerst; periode op de datum van de terugkoppeling',
    tags: ['overleg'],
    access: { kind: 'region', rule: 'board' },
    audit: 'feedback.read',
    params: regionParams,
    query: feedbackQuery,
    response: { status: 200, schema: feedbackReports },
    handle: async ({ ctx, params, query }) => reply(200, await service.feedbackReports(ctx, params.region, query)),
  }),
  defineRoute({
    id: 'feedback.csv',
    method: 'get',
    path: '/api/regions/:region/feedback-reports.csv',
    summary: 'Terugkoppelingen van de periode als CSV',
    tags: ['overleg'],
    access: { kind: 'region', rule: 'board' },
    audit: 'feedback.export',
    params: regionParams,
    query: feedbackQuery,
    response: { status: 200, contentType: 'text/csv' },
    handle: async ({ ctx, params, query }) =>
      reply(200, await service.feedbackCsv(ctx, params.region, query), {
        headers: { 'Content-Disposition': `attachment; filename="terugkoppelingen-${params.region}${query.van ? `-van-${query.van}` : ''}${query.tot ? `-tot-${query.tot}` : ''}.csv"` },
      }),
  }),
];
