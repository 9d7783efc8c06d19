import { loadConfig } from './config.js';
import { createPool } from './db/pool.js';
import { createEngine } from './engine/client.js';
import { step } from './log.js';
import { runningDatabaseUrls } from './postgres.js';
import { startWorkers } from '../workers/service.js';

/**
 * `npm run workers`: the job workers alone, against a stack that is already running
 * (`npm start` with WORKERS=separate, or engines at ENGINE_REST_URL and DATABASE_URL). Run as
 * many as the load needs; a process that dies gives its tasks back after JOB_TIMEOUT_S.
 * Exit codes: 0 after a clean stop, 1 when it cannot start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const urls = runningDatabaseUrls(config);
  const db = createPool(urls.appUrl);
  // Fail now, with a readable message, rather than on the first job.
  await db.query('SELECT 1');
  const engine = createEngine({ config, engineDatabaseUrl: urls.engineUrl });
  if (!(await engine.ready())) throw new Error(`No engine answers at ${config.engineRestUrls.join(', ')}`);
  const workers = await startWorkers({ config, db, engine });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    step(`${signal}: stopping ${workers.name} ...`);
    await workers.stop();
    await Promise.all([db.end(), engine.close()]);
    step('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  step(`${workers.name} started against ${config.engineRestUrls.join(', ')} (pid ${process.pid})`);
}

main().catch((error: unknown) => {
  const err = error as Error & { code?: string };
  process.stderr.write(`\n[doorzet] workers failed to start${err.code ? ` (${err.code})` : ''}: ${err.message}\n`);
  process.exit(1);
});
