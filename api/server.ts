import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import type { AppContext } from '../platform/context.js';
import type { Service } from '../platform/stack.js';
import { mountRoute, sessionMiddleware } from './http/mount.js';
import { fail, problemHandler } from './http/problems.js';
import { buildOpenApi } from './openapi.js';
import { routes } from './routes.js';
import { seedModelVersions } from './models/service.js';
import { seedDemoUsers } from './session/service.js';

const WEB_DIST = path.resolve(import.meta.dirname, '..', 'web-modeler', 'dist');

/** Large enough for a model upload, whose own limit (a validation finding) is smaller. */
export const JSON_BODY_LIMIT = '4mb';

function securityHeaders(): express.RequestHandler {
  return (_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    next();
  };
}

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  app.get('/api/health', async (_req, res) => {
    const [db, engine] = await Promise.all([ping(ctx.db), ctx.engine.ready()]);
    const ok = db && engine;
    res.status(ok ? 200 : 503).json({ status: ok ? 'UP' : 'DOWN', database: db, engine });
  });
  const openapi = buildOpenApi(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  const api = express.Router();
  api.use(express.json({ limit: JSON_BODY_LIMIT, strict: true }));
  api.use((_req, res, next) => {
    // Case data must not linger in browser or proxy caches.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(sessionMiddleware(ctx));
  for (const route of routes) mountRoute(ctx, api, route);
  api.use('/api', () => {
    throw fail.notFound('Deze route bestaat niet.');
  });
  app.use(api);
  if (fs.existsSync(WEB_DIST)) app.use(express.static(WEB_DIST));
  app.use(problemHandler((error) => process.stderr.write(`[api] ${(error as Error)?.stack ?? String(error)}\n`)));
  return app;
}

async function ping(pool: AppContext['db']): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Work the API needs before it serves: demo accounts and model history for every region loaded so far. */
export async function prepareApi(ctx: AppContext): Promise<void> {
  await seedDemoUsers(ctx);
  await seedModelVersions(ctx);
}

export async function startApi(ctx: AppContext): Promise<Service> {
  await prepareApi(ctx);
  const app = createApp(ctx);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(ctx.config.PORT, () => resolve(s));
    s.once('error', reject);
  });
  return {
    name: `API on http://localhost:${ctx.config.PORT}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
