import { createCamunda } from './camunda.js';
import { loadConfig } from './config.js';
import { createPool } from './db/pool.js';
import { step } from './log.js';
import { runningAppDatabaseUrl } from './postgres.js';
import { startWorkers } from '../workers/service.js';

/**
 * `npm run workers`: the job workers alone, against a stack that is already running
 * (`npm start` with WORKERS=separate, or a remote cluster and DATABASE_URL). Run as many
 * as the load needs; a process that dies gives its jobs back after JOB_TIMEOUT_S.
 * Exit codes: 0 after a clean stop, 1 when it cannot start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = createPool(runningAppDatabaseUrl(config));
  // Fail now, with a readable message, rather than on the first job.
  await db.query('SELECT 1');
  const camunda = createCamunda(config);
  const workers = await startWorkers({ config, db, camunda });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    step(`${signal}: stopping ${workers.name} ...`);
    await workers.stop();
    await Promise.all([db.end(), camunda.closeAllClients()]);
    step('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  step(`${workers.name} started against ${config.engineGrpcAddress} (pid ${process.pid})`);
}

main().catch((error: unknown) => {
  const err = error as Error & { code?: string };
  process.stderr.write(`\n[doorzet] workers failed to start${err.code ? ` (${err.code})` : ''}: ${err.message}\n`);
  process.exit(1);
});
