import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../platform/config.js';
import type { AppContext } from '../../platform/context.js';
import { createPool } from '../../platform/db/pool.js';
import { createEngine } from '../../platform/engine/client.js';

export type TestContext = AppContext & { close(): Promise<void> };

/** A context on the run's shared PostgreSQL and engine (see global-setup.ts). */
export function testContext(overrides: Record<string, string> = {}): TestContext {
  const config: Config = loadConfig({ ...inject('testEnv'), ...overrides });
  const db = createPool(config.DATABASE_URL as string, 5);
  const engine = createEngine({ config, engineDatabaseUrl: config.ENGINE_DATABASE_URL as string });
  return {
    config,
    db,
    engine,
    async close() {
      await Promise.all([db.end(), engine.close()]);
    },
  };
}

/** Polls until `probe` returns a value (for what workers and timers do in their own time). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Deploys a test model from a file (the engine keeps the newest version when the content is unchanged). */
export function deployFile(ctx: Pick<AppContext, 'engine'>, file: string) {
  return ctx.engine.deploy(path.basename(file), [{ name: path.basename(file), content: fs.readFileSync(file) }]);
}
