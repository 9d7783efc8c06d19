import { fail } from '../http/problems.js';
import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { auditList, auditQuery, caseIdParams } from './schemas.js';
import { auditRegions, caseAuditCsv, queryAudit } from './service.js';

export const auditRoutes: RouteDef[] = [
  defineRoute({
    id: 'audit.query',
    method: 'get',
    path: '/api/audit',
    summary: 'Toegangslog (NEN 7513) van de regio’s waar de gebruiker beleidsmedewerker of manager is',
    tags: ['audit'],
    access: { kind: 'anyRegion', rule: 'policyOrManager' },
    audit: 'audit.read',
    query: auditQuery,
    response: { status: 200, schema: auditList },
    handle: async ({ ctx, query, auth }) => {
      if (auditRegions(auth!.user.memberships).length === 0) throw fail.forbidden();
      return reply(200, await queryAudit(ctx, auth!.user.memberships, query));
    },
  }),
  defineRoute({
    id: 'audit.caseCsv',
    method: 'get',
    path: '/api/cases/:id/audit.csv',
    summary: 'Wie heeft deze casus ingezien of gewijzigd (CSV, voor een inwoner die daarom vraagt)',
    tags: ['audit'],
    access: { kind: 'case', rule: 'policyOrManager' },
    audit: 'audit.export',
    params: caseIdParams,
    response: { status: 200, contentType: 'text/csv' },
    handle: async ({ ctx, params, scope }) =>
      reply(200, await caseAuditCsv(ctx, params.id, scope.region!), {
        headers: { 'Content-Disposition': `attachment; filename="toegangslog-${scope.caseReference}.csv"` },
      }),
  }),
];
