import type { Config } from './config.js';
import type { Pool } from './db/pool.js';
import type { Engine } from './engine/client.js';

/** What the API and the workers get to work with; built once by the stack, passed down explicitly. */
export type AppContext = {
  config: Config;
  /** Application database: domain data, outbox, audit. */
  db: Pool;
  /** The engine (Operaton), all of its nodes, behind one interface. */
  engine: Engine;
};
