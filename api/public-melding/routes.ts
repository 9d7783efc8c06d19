import { caseIdParams } from '../cases/schemas.js';
import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { publicMeldingBody, publicMeldingCreated, publicRegion, publicRegionParams, reporterContact } from './schemas.js';
import * as service from './service.js';

export const publicMeldingRoutes: RouteDef[] = [
  defineRoute({
    id: 'public.region',
    method: 'get',
    path: '/api/public/regions/:region',
    summary: 'Naam van een regio, voor het meldformulier voor inwoners (zonder account)',
    tags: ['inwoner'],
    access: { kind: 'public' },
    params: publicRegionParams,
    response: { status: 200, schema: publicRegion },
    handle: async ({ ctx, params }) => reply(200, await service.publicRegion(ctx, params.region)),
  }),
  defineRoute({
    id: 'public.melding',
    method: 'post',
    path: '/api/public/regions/:region/meldingen',
    summary: 'Eigen melding van een inwoner of ouder (zonder account): wordt een melding voor de eerste trede; contactgegevens apart bewaard; beperkt per adres',
    tags: ['inwoner'],
    access: { kind: 'public' },
    params: publicRegionParams,
    body: publicMeldingBody,
    response: { status: 201, schema: publicMeldingCreated },
    handle: async ({ ctx, params, body, req }) => reply(201, await service.createPublicMelding(ctx, params.region, body, req.ip ?? 'onbekend')),
  }),
  defineRoute({
    id: 'cases.reporterContact',
    method: 'get',
    path: '/api/cases/:id/reporter-contact',
    summary: 'Contactgegevens van de inwoner of ouder die de casus zelf meldde (alleen rollen met een taak of besluit; gelogd)',
    tags: ['inwoner'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'reporter.read',
    params: caseIdParams,
    response: { status: 200, schema: reporterContact },
    handle: async ({ ctx, params }) => reply(200, await service.reporterContact(ctx, params.id)),
  }),
];
