import type { Camunda8 } from '@camunda8/sdk';
import type { Config } from './config.js';
import type { Pool } from './db/pool.js';

/** What the API and the workers get to work with; built once by the stack, passed down explicitly. */
export type AppContext = {
  config: Config;
  /** Application database: domain data, outbox, audit. */
  db: Pool;
  /** The engine's secondary storage, written by its PostgreSQL exporter; read-only for Doorzet. */
  engineDb: Pool;
  camunda: Camunda8;
};
