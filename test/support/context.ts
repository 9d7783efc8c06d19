import { inject } from 'vitest';
import { createCamunda } from '../../platform/camunda.js';
import { type Config, loadConfig } from '../../platform/config.js';
import type { AppContext } from '../../platform/context.js';
import { createPool } from '../../platform/db/pool.js';

export type TestContext = AppContext & { close(): Promise<void> };

/** A context on the run's shared PostgreSQL and engine (see global-setup.ts). */
export function testContext(overrides: Record<string, string> = {}): TestContext {
  const config: Config = loadConfig({ ...inject('testEnv'), ...overrides });
  const db = createPool(config.DATABASE_URL as string, 5);
  const engineDb = createPool(config.ENGINE_DATABASE_URL as string, 3);
  const camunda = createCamunda(config);
  return {
    config,
    db,
    engineDb,
    camunda,
    async close() {
      await camunda.closeAllClients();
      await Promise.all([db.end(), engineDb.end()]);
    },
  };
}

/** Polls until `probe` returns a value (secondary storage is eventually consistent). */
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
