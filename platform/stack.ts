import path from 'node:path';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { migrate } from './db/migrate.js';
import { createPool } from './db/pool.js';
import { deployModels } from './deploy.js';
import { syncRegions } from './regions.js';
import { createEngine } from './engine/client.js';
import { type EngineHandle, type PreparedEngine, basicAuth, endOrphanEngine, enginePassword, enginePorts, isNodeReady, prepareEngine, startEngine } from './engine/engine.js';
import { StartupError } from './errors.js';
import { step, warn } from './log.js';
import { assertPortsFree } from './ports.js';
import { type Databases, endOrphanServer, startEmbeddedPostgres, toJdbc, useExternalPostgres } from './postgres.js';

export type Service = { name: string; stop(): Promise<void> };

/** Longer than the engine's own graceful stop (30 s), so it never cuts that short. */
const STOP_STEP_TIMEOUT_MS = 35_000;
export type ServiceStarter = (ctx: AppContext) => Promise<Service>;

export type StackOptions = {
  /** Started last, in order, after the models are deployed (workers, API, ...). */
  services?: ServiceStarter[];
  /** Reuse an engine that already answers on the configured ports instead of failing on them. */
  reuseRunningEngine?: boolean;
  deploy?: boolean;
  /** Further ports the services will bind, checked before anything starts. */
  ports?: Record<string, number>;
};

export type Stack = {
  ctx: AppContext;
  databases: Databases;
  engine: EngineHandle | undefined;
  stop(): Promise<void>;
};

/**
 * Brings up PostgreSQL, the engine, the models and the services, in that order.
 * Whatever was started is stopped again, in reverse order, if a later step fails,
 * so a failed start leaves no process behind.
 */
export async function startStack(config: Config, options: StackOptions = {}): Promise<Stack> {
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      try {
        // Bounded: a client whose server is already gone (an engine that crashed) can wait
        // forever to close; the processes behind the later steps must still be stopped.
        const outcome = await Promise.race([
          stop().then(() => 'stopped' as const),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_STEP_TIMEOUT_MS).unref()),
        ]);
        if (outcome === 'timeout') warn(`stopping ${name} took over ${STOP_STEP_TIMEOUT_MS / 1000} s; going on`);
      } catch (error) {
        warn(`stopping ${name} failed: ${(error as Error).message}`);
      }
    }
    stops.length = 0;
  };

  try {
    const reuseEngine =
      config.localEngine &&
      options.reuseRunningEngine === true &&
      (await isNodeReady(config.engineRestUrls[0]!, basicAuth(config.ENGINE_USER, enginePassword(config))));
    let prepared: PreparedEngine | undefined;
    if (config.localEngine && !reuseEngine) {
      step('0/4 Preparing: Java 17+, the engine application (Operaton), free ports ...');
      prepared = await prepareEngine(config);
      // What a run killed hard left behind holds the ports; end it before checking them.
      await endOrphanEngine(config);
      if (!config.DATABASE_URL) await endOrphanServer(path.join(config.dataDir, 'postgres'));
      await assertPortsFree({
        ...(config.DATABASE_URL ? {} : { 'embedded PostgreSQL, PG_PORT': config.PG_PORT }),
        ...enginePorts(config),
        ...(options.ports ?? {}),
      });
    }

    step(config.DATABASE_URL ? '1/4 PostgreSQL: using DATABASE_URL' : `1/4 PostgreSQL: starting embedded server on port ${config.PG_PORT} ...`);
    const databases = config.DATABASE_URL ? await useExternalPostgres(config) : await startEmbeddedPostgres(config);
    stops.push({ name: 'PostgreSQL', stop: databases.stop });
    const db = createPool(databases.appUrl);
    stops.push({ name: 'database pool', stop: () => db.end() });
    const applied = await migrate(db);
    step(`    migrations: ${applied.length > 0 ? applied.join(', ') : 'up to date'}`);
    const seeded = await syncRegions(db);
    if (seeded.length > 0) step(`    regions: ${seeded.join(', ')} loaded from bpmn/`);

    let engine: EngineHandle | undefined;
    if (!config.localEngine) {
      step(`2/4 Engine: connecting to ${config.engineRestUrls.join(', ')}`);
    } else if (reuseEngine || !prepared) {
      step(`2/4 Engine: reusing the engine already running at ${config.engineRestUrls[0]}`);
    } else {
      const nodes = config.ENGINE_NODES === 1 ? '' : ` (${config.ENGINE_NODES} nodes)`;
      step(`2/4 Engine: starting Operaton${nodes} (log: ${config.dataDir}/logs/engine.log) ...`);
      const started = Date.now();
      engine = await startEngine(config, prepared, toJdbc(databases.engineUrl));
      stops.push({ name: 'engine', stop: () => (engine as EngineHandle).stop() });
      step(`    engine ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${engine.nodes.map((n) => n.pid).join(', ')})`);
    }
    const client = createEngine({ config, engineDatabaseUrl: databases.engineUrl });
    stops.push({ name: 'engine client', stop: () => client.close() });
    if (!(await client.ready())) {
      throw new StartupError('ENGINE_FAILED', `No engine answers at ${config.engineRestUrls.join(', ')} (check ENGINE_REST_URL, ENGINE_USER and ENGINE_PASSWORD).`);
    }

    const ctx: AppContext = { config, db, engine: client };
    if (options.deploy !== false) {
      step('3/4 Models: deploying bpmn/ ...');
      const results = await deployModels(client, db);
      const fresh = results.filter((r) => r.deployed);
      step(`    ${results.length} model(s), ${fresh.length} new version(s)${fresh.map((r) => ` ${r.bpmnProcessId} v${r.version}`).join(',')}`);
    }

    step('4/4 Services ...');
    for (const start of options.services ?? []) {
      const service = await start(ctx);
      stops.push(service);
      step(`    ${service.name} started`);
    }
    return { ctx, databases, engine, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
