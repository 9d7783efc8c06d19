import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../platform/config.js';
import { startMailDispatcher } from '../../platform/mail/dispatcher.js';
import { startSmtp } from '../../platform/mail/smtp-server.js';
import { enginePassword } from '../../platform/engine/engine.js';
import { type Stack, startStack } from '../../platform/stack.js';
import { ensureWebBuild } from '../../web-modeler/build.js';
import { TEST_ENV_DEFAULTS } from './env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}

let stack: Stack | undefined;

/**
 * Starts PostgreSQL and the engine once per test run, in a data folder of their
 * own, wiped first so every run starts from the same state. An engine that
 * already answers on the configured ports, with DATABASE_URL pointing at its
 * database, is reused instead.
 */
export async function setup(project: TestProject): Promise<void> {
  const env = { ...TEST_ENV_DEFAULTS, ...process.env } as Record<string, string>;
  const config = loadConfig(env);
  if (!config.DATABASE_URL) fs.rmSync(path.join(config.dataDir), { recursive: true, force: true });
  // The browser tests load the app the API serves from web-modeler/dist.
  await ensureWebBuild((line) => process.stdout.write(`[test] ${line}\n`));
  const started = Date.now();
  // Mail is sent and received for real, so tests assert on what reached the SMTP server (table mailbox).
  stack = await startStack(config, { reuseRunningEngine: Boolean(config.DATABASE_URL), deploy: true, services: [startSmtp, startMailDispatcher] });
  process.stdout.write(`[test] stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  project.provide('testEnv', {
    ...env,
    DATABASE_URL: stack.databases.appUrl,
    ENGINE_DATABASE_URL: stack.databases.engineUrl,
    ENGINE_PASSWORD: enginePassword(config),
  });
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
