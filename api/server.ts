import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import type { AppContext } from '../platform/context.js';
import type { Service } from '../platform/stack.js';

const WEB_DIST = path.resolve(import.meta.dirname, '..', 'web-modeler', 'dist');

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/health', async (_req, res) => {
    const [db, engineDb] = await Promise.all([ping(ctx.db), ping(ctx.engineDb)]);
    const ok = db && engineDb;
    res.status(ok ? 200 : 503).json({ status: ok ? 'UP' : 'DOWN', database: db, engineStorage: engineDb });
  });
  if (fs.existsSync(WEB_DIST)) app.use(express.static(WEB_DIST));
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

export async function startApi(ctx: AppContext): Promise<Service> {
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
