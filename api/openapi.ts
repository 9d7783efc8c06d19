import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { problemSchema } from './http/problems.js';
import type { RouteDef } from './http/route.js';

type AnyObject = z.ZodObject;

/** The OpenAPI 3.1 document, generated from the same route table and zod schemas the server runs. */
export function buildOpenApi(routes: RouteDef[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'dz_session' });
  registry.registerComponent('securitySchemes', 'csrf', { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
  const problem = { description: 'Probleem (RFC 9457)', content: { 'application/problem+json': { schema: problemSchema } } };
  for (const route of routes) {
    const contentType = route.response.contentType ?? 'application/json';
    registry.registerPath({
      operationId: route.id,
      method: route.method,
      path: route.path.replace(/:([A-Za-z]+)/g, '{$1}'),
      summary: route.summary,
      tags: route.tags,
      description: `Toegang: ${describeAccess(route)}${route.audit ? `; audit: ${route.audit}` : ''}`,
      security: route.access.kind === 'public' ? [] : route.method === 'get' ? [{ session: [] }] : [{ session: [], csrf: [] }],
      request: {
        ...(route.params ? { params: route.params as AnyObject } : {}),
        ...(route.query ? { query: route.query as AnyObject } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [route.response.status]: {
          description: 'OK',
          ...(route.response.schema ? { content: { [contentType]: { schema: route.response.schema } } } : {}),
          ...(contentType === 'text/csv' ? { content: { 'text/csv': { schema: { type: 'string' } } } } : {}),
        },
        default: problem,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Doorzet API',
      version: '1.0.0',
      description: 'Escalatiemodellen voor vastgelopen casussen in het sociaal domein. Fouten zijn application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/' }],
  });
}

function describeAccess(route: RouteDef): string {
  const a = route.access;
  switch (a.kind) {
    case 'public':
      return 'iedereen';
    case 'signedIn':
      return 'ingelogd';
    case 'task':
      return 'kandidaatgroep van de taak';
    default:
      return `${a.kind}:${a.rule}`;
  }
}
