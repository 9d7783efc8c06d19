import { type RouteDef, defineRoute, reply } from '../http/route.js';
import {
  accepted,
  caseCreated,
  caseDetail,
  caseIdParams,
  caseList,
  comment,
  commentBody,
  commentList,
  caseListQuery,
  createCaseBody,
  decisionList,
  personOutput,
  regionParams,
  solvedBody,
  timeline,
} from './schemas.js';
import * as service from './service.js';

export const caseRoutes: RouteDef[] = [
  defineRoute({
    id: 'cases.create',
    method: 'post',
    path: '/api/regions/:region/cases',
    summary: 'Melding van een vastgelopen casus: start het model van de regio',
    tags: ['casus'],
    access: { kind: 'region', rule: 'caseWorker' },
    audit: 'case.create',
    params: regionParams,
    body: createCaseBody,
    response: { status: 201, schema: caseCreated },
    handle: async ({ ctx, params, body, auth, scope, res }) => {
      const created = await service.createCase(ctx, params.region, body, auth!.user.name);
      // The audit entry names the new case.
      Object.assign(scope, { caseId: created.id, caseReference: created.reference });
      res.location(`/api/cases/${created.id}`);
      return reply(201, created);
    },
  }),
  defineRoute({
    id: 'cases.list',
    method: 'get',
    path: '/api/regions/:region/cases',
    summary:
      'Casussen van een regio (zonder persoonsgegevens): zoeken op kenmerk, filteren op status, trede, te laat, wacht op mijn rol en veiligheid, sorteren en bladeren; het totaal staat in X-Total-Count',
    tags: ['casus'],
    access: { kind: 'region', rule: 'member' },
    audit: 'case.list',
    params: regionParams,
    query: caseListQuery,
    response: { status: 200, schema: caseList },
    handle: async ({ ctx, params, query, scope }) => {
      const { items, total } = await service.listCases(ctx, params.region, query, scope.roles);
      return reply(200, items, { headers: { 'X-Total-Count': String(total) } });
    },
  }),
  defineRoute({
    id: 'cases.get',
    method: 'get',
    path: '/api/cases/:id',
    summary: 'Een casus met de plek in het model waar hij nu wacht',
    tags: ['casus'],
    access: { kind: 'case', rule: 'member' },
    audit: 'case.read',
    params: caseIdParams,
    response: { status: 200, schema: caseDetail },
    handle: async ({ ctx, params }) => reply(200, await service.getCase(ctx, params.id)),
  }),
  defineRoute({
    id: 'cases.person',
    method: 'get',
    path: '/api/cases/:id/person',
    summary: 'Persoonsgegevens van de inwoner (alleen rollen met een taak of besluit in de casus, of met noodtoegang; elke inzage gelogd)',
    tags: ['casus'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'person.read',
    params: caseIdParams,
    response: { status: 200, schema: personOutput },
    handle: async ({ ctx, params }) => reply(200, await service.getPerson(ctx, params.id)),
  }),
  defineRoute({
    id: 'cases.timeline',
    method: 'get',
    path: '/api/cases/:id/timeline',
    summary: 'Tijdlijn: treden, taken, besluiten, e-mails, automatische opschalingen',
    tags: ['casus'],
    access: { kind: 'case', rule: 'member' },
    audit: 'case.timeline.read',
    params: caseIdParams,
    response: { status: 200, schema: timeline },
    handle: async ({ ctx, params }) => reply(200, await service.timeline(ctx, params.id)),
  }),
  defineRoute({
    id: 'cases.solved',
    method: 'post',
    path: '/api/cases/:id/solved',
    summary: 'Casus opgelost: beëindigt de escalatie op elke trede (bericht casus-opgelost)',
    tags: ['casus'],
    access: { kind: 'case', rule: 'caseWorker' },
    audit: 'case.solved',
    params: caseIdParams,
    body: solvedBody,
    response: { status: 202, schema: accepted },
    handle: async ({ ctx, params, body, auth }) => {
      await service.markSolved(ctx, params.id, body.toelichting, auth!.user.name);
      return reply(202, { status: 'accepted' });
    },
  }),
  defineRoute({
    id: 'cases.comments',
    method: 'get',
    path: '/api/cases/:id/comments',
    summary: 'Opmerkingen bij een casus (alleen de rollen die de casus behandelen)',
    tags: ['casus'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'case.comments.read',
    params: caseIdParams,
    response: { status: 200, schema: commentList },
    handle: async ({ ctx, params }) => reply(200, await service.comments(ctx, params.id)),
  }),
  defineRoute({
    id: 'cases.comment',
    method: 'post',
    path: '/api/cases/:id/comments',
    summary: 'Opmerking plaatsen bij een casus',
    tags: ['casus'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'case.comment',
    params: caseIdParams,
    body: commentBody,
    response: { status: 201, schema: comment },
    handle: async ({ ctx, params, body, auth, scope }) =>
      reply(201, await service.addComment(ctx, params.id, body.tekst, { id: auth!.user.id, name: auth!.user.name, roles: scope.roles })),
  }),
  defineRoute({
    id: 'cases.decisions',
    method: 'get',
    path: '/api/cases/:id/decisions',
    summary: 'Besluiten bij een casus: verantwoordelijke partij en onderbouwing',
    tags: ['casus'],
    access: { kind: 'case', rule: 'member' },
    audit: 'case.decisions.read',
    params: caseIdParams,
    response: { status: 200, schema: decisionList },
    handle: async ({ ctx, params }) => reply(200, await service.decisions(ctx, params.id)),
  }),
];
