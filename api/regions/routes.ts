import { defineRoute, reply, type RouteDef } from '../http/route.js';
import { regionList, regionParams, regionSettings } from './schemas.js';
import { changeRegion, getRegion, listRegions } from './service.js';

export const regionRoutes: RouteDef[] = [
  defineRoute({
    id: 'regions.list',
    method: 'get',
    path: '/api/regions',
    summary: 'De regio’s van de ingelogde gebruiker, met zijn rollen daarin',
    tags: ['regio'],
    access: { kind: 'signedIn' },
    response: { status: 200, schema: regionList },
    handle: async ({ ctx, auth }) => reply(200, await listRegions(ctx, auth!.user.memberships)),
  }),
  defineRoute({
    id: 'regions.get',
    method: 'get',
    path: '/api/regions/:region',
    summary: 'Instellingen van een regio: rollen, contacten, partners, termijnen, overleggen',
    tags: ['regio'],
    access: { kind: 'region', rule: 'member' },
    params: regionParams,
    response: { status: 200, schema: regionSettings },
    handle: async ({ ctx, params }) => reply(200, await getRegion(ctx, params.region)),
  }),
  defineRoute({
    id: 'regions.update',
    method: 'put',
    path: '/api/regions/:region',
    summary: 'Instellingen wijzigen (beleidsmedewerker); termijnen gelden direct, zonder nieuw model',
    tags: ['regio'],
    access: { kind: 'region', rule: 'policy' },
    audit: 'region.settings.change',
    params: regionParams,
    body: regionSettings,
    response: { status: 200, schema: regionSettings },
    handle: async ({ ctx, params, body, auth }) => reply(200, await changeRegion(ctx, params.region, body, auth!.user.name)),
  }),
];
