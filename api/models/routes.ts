import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { templateModelFor } from '../regions/create.js';
import { elementTemplates, versionChanges, modelVersion, modelVersionList, modelVersionWithXml, regionParams, templateXml, uploadBody, validation, versionParams, xmlBody } from './schemas.js';
import * as service from './service.js';

export const modelRoutes: RouteDef[] = [
  defineRoute({
    id: 'models.list',
    method: 'get',
    path: '/api/regions/:region/models',
    summary: 'Modelversies van een regio, met uitrol en het aantal lopende casussen per versie',
    tags: ['model'],
    access: { kind: 'region', rule: 'member' },
    params: regionParams,
    response: { status: 200, schema: modelVersionList },
    handle: async ({ ctx, params }) => reply(200, await service.listVersions(ctx, params.region)),
  }),
  defineRoute({
    id: 'models.template',
    method: 'get',
    path: '/api/regions/:region/models/template',
    summary: 'Het sjabloonmodel omgezet naar deze regio (proces-id, kandidaatgroepen, namen van de banen), om het model mee te beginnen',
    tags: ['model'],
    access: { kind: 'region', rule: 'policy' },
    params: regionParams,
    response: { status: 200, schema: templateXml },
    handle: async ({ ctx, params }) => reply(200, { xml: await templateModelFor(ctx, params.region) }),
  }),
  defineRoute({
    id: 'models.get',
    method: 'get',
    path: '/api/regions/:region/models/:version',
    summary: 'Eén modelversie met de BPMN-XML',
    tags: ['model'],
    access: { kind: 'region', rule: 'member' },
    params: versionParams,
    response: { status: 200, schema: modelVersionWithXml },
    handle: async ({ ctx, params }) => reply(200, await service.getVersion(ctx, params.region, params.version)),
  }),
  defineRoute({
    id: 'models.changes',
    method: 'get',
    path: '/api/regions/:region/models/:version/changes',
    summary: 'Wat verandert als deze versie live gaat: elementen erbij, eruit en gewijzigd tegenover de live versie, en hoeveel casussen op andere versies doorlopen',
    tags: ['model'],
    access: { kind: 'region', rule: 'policy' },
    params: versionParams,
    response: { status: 200, schema: versionChanges },
    handle: async ({ ctx, params }) => reply(200, await service.changes(ctx, params.region, params.version)),
  }),
  defineRoute({
    id: 'models.validate',
    method: 'post',
    path: '/api/regions/:region/models/validate',
    summary: 'Model controleren zonder op te slaan: bevindingen per element',
    tags: ['model'],
    access: { kind: 'region', rule: 'policy' },
    params: regionParams,
    body: xmlBody,
    response: { status: 200, schema: validation },
    handle: async ({ ctx, params, body }) => reply(200, { findings: await service.validate(ctx, params.region, body.xml) }),
  }),
  defineRoute({
    id: 'models.upload',
    method: 'post',
    path: '/api/regions/:region/models',
    summary: 'Nieuwe modelversie opslaan (422 met bevindingen: niets opgeslagen)',
    tags: ['model'],
    access: { kind: 'region', rule: 'policy' },
    audit: 'model.upload',
    params: regionParams,
    body: uploadBody,
    response: { status: 201, schema: modelVersion },
    handle: async ({ ctx, params, body, auth }) => {
      const { xml: _xml, ...version } = await service.upload(ctx, params.region, body.xml, body.comment, auth!.user.name);
      return reply(201, version);
    },
  }),
  defineRoute({
    id: 'models.deploy',
    method: 'post',
    path: '/api/regions/:region/models/:version/deploy',
    summary: 'Modelversie uitrollen naar de procesengine; nieuwe casussen starten erop',
    tags: ['model'],
    access: { kind: 'region', rule: 'policy' },
    audit: 'model.deploy',
    params: versionParams,
    response: { status: 200, schema: modelVersion },
    handle: async ({ ctx, params, auth }) => {
      const { xml: _xml, ...version } = await service.deploy(ctx, params.region, params.version, auth!.user.name);
      return reply(200, version);
    },
  }),
  defineRoute({
    id: 'models.elementTemplates',
    method: 'get',
    path: '/api/element-templates',
    summary: 'Camunda element templates voor de taaktypen die de workers uitvoeren',
    tags: ['model'],
    access: { kind: 'signedIn' },
    response: { status: 200, schema: elementTemplates },
    handle: async () => reply(200, service.elementTemplates()),
  }),
];
