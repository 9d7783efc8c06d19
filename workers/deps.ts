import type { Config } from '../platform/config.js';
import type { Pool } from '../platform/db/pool.js';

/** Everything a handler may reach; built once per worker process in service.ts. */
export type WorkerDeps = {
  config: Config;
  db: Pool;
  now(): Date;
};
