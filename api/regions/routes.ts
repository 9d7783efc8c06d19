import { defineRoute, reply, type RouteDef } from '../http/route.js';
import { createRegion, templateSettings } from './create.js';
import { newRegionBody, newRegionCreated, regionList, regionParams, regionSettings, regionTemplate } from './schemas.js';
import { changeRegion, getRegion, listRegions } from './service.js';

export const regionRoutes: RouteDef[] = [
  defineRoute({
    id: 'regions.template',
    method: 'get',
    path: '/api/region-template',
    summary: 'De instellingen van het sjabloon, om een nieuwe regio mee te beginnen (beleidsmedewerker van een regio)',
    tags: ['regio'],
    access: { kind: 'anyRegion', rule: 'policy' },
    response: { status: 200, schema: regionTemplate },
    handle: async () => reply(200, { settings: templateSettings() }),
  }),
  defineRoute({
    id: 'regions.create',
    method: 'post',
    path: '/api/regions',
    summary:
      'Nieuwe regio op basis van het sjabloon: instellingen, het sjabloonmodel omgezet naar de regio, gecontroleerd en live gezet, alles of niets; de maker wordt er beleidsmedewerker',
    tags: ['regio'],
    access: { kind: 'anyRegion', rule: 'policy' },
    audit: 'region.create',
    body: newRegionBody,
    response: { status: 201, schema: newRegionCreated },
    handle: async ({ ctx, body, auth, scope, res }) => {
      const created = await createRegion(ctx, body, auth!.user);
      // The audit entry belongs to the new region: its own policy staff read it there.
      Object.assign(scope, { region: created.settings.id });
      res.location(`/api/regions/${created.settings.id}`);
      return reply(201, created);
    },
  }),
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
