import fs from 'node:fs';
import path from 'node:path';
import { buildOpenApi } from './openapi.js';
import { routes } from './routes.js';

/** `npm run openapi`: writes api/openapi.json; a test fails when the committed file differs. */
export const OPENAPI_FILE = path.join(import.meta.dirname, 'openapi.json');
export const openApiText = () => `${JSON.stringify(buildOpenApi(routes), null, 2)}\n`;

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(OPENAPI_FILE, openApiText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)} (${routes.length} routes)\n`);
}
