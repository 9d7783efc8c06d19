import fs from 'node:fs';
import { expect, test } from 'vitest';
import { routes } from './routes.js';
import { OPENAPI_FILE, openApiText } from './write-openapi.js';

test('the committed api/openapi.json is what the route table generates (run `npm run openapi`)', () => {
  expect(fs.readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
});

test('every route is in the document with its method, and every error is a problem document', () => {
  const doc = JSON.parse(openApiText()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  expect(doc.openapi).toBe('3.1.0');
  for (const route of routes) {
    const op = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method];
    expect(op, `${route.method} ${route.path}`).toBeDefined();
    expect(JSON.stringify(op!.responses.default)).toContain('application/problem+json');
  }
});
