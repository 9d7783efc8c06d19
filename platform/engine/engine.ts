import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isAlive, stopChild } from '../child.js';
import type { Config } from '../config.js';
import { StartupError } from '../errors.js';
import { assertPortsFree } from '../ports.js';
import { ensureDistribution, ensureExporterJar } from './distribution.js';
import { type Jdk, findJdk } from './java.js';

export type EngineDatabase = { jdbcUrl: string; user: string; password: string };

export type EngineHandle = {
  pid: number;
  logFile: string;
  stop(): Promise<void>;
};

export function enginePorts(config: Config): Record<string, number> {
  return {
    'engine gRPC, ENGINE_GRPC_PORT': config.ENGINE_GRPC_PORT,
    'engine REST, ENGINE_REST_PORT': config.ENGINE_REST_PORT,
    'engine management, ENGINE_MANAGEMENT_PORT': config.ENGINE_MANAGEMENT_PORT,
    'engine commands, ENGINE_COMMAND_PORT': config.ENGINE_COMMAND_PORT,
    'engine internal, ENGINE_INTERNAL_PORT': config.ENGINE_INTERNAL_PORT,
  };
}

/** True when an engine answers ready on the configured management port. */
export async function isEngineReady(config: Config): Promise<boolean> {
  try {
    const response = await fetch(`${config.engineManagementUrl}/actuator/health/readiness`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A previous run that was killed hard (SIGKILL, a closed terminal) can leave its
 * engine running. Its pid file lets the next start end it instead of failing on
 * busy ports.
 */
export async function endOrphanEngine(config: Config): Promise<void> {
  const pidFile = path.join(config.dataDir, 'engine.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  fs.rmSync(pidFile);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('StandaloneBroker')) return;
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export type PreparedEngine = { jdk: Jdk; distribution: string; exporterJar: string };

/**
 * Everything that can fail before a process is started: a JDK, the distribution
 * (downloaded once), the exporter. Run first, so a missing Java or Maven is reported
 * before PostgreSQL is started and has to be stopped again.
 */
export async function prepareEngine(config: Config): Promise<PreparedEngine> {
  const jdk = await findJdk(config.JAVA_HOME, config.JVM_SEARCH_DIRS.split(':').filter(Boolean));
  const distribution = await ensureDistribution({
    version: config.ENGINE_VERSION,
    cacheDir: config.cacheDir,
    mavenCmd: config.MAVEN_CMD,
    mavenRepoLocal: config.MAVEN_REPO_LOCAL,
  });
  const exporterJar = await ensureExporterJar(distribution, jdk.home, config.cacheDir);
  return { jdk, distribution, exporterJar };
}

export async function startEngine(config: Config, prepared: PreparedEngine, database: EngineDatabase): Promise<EngineHandle> {
  const { jdk, distribution, exporterJar } = prepared;
  const engineDir = path.join(config.dataDir, 'engine');
  const logDir = path.join(config.dataDir, 'logs');
  fs.mkdirSync(engineDir, { recursive: true });
  fs.mkdirSync(logDir, { recursive: true });
  const pidFile = path.join(config.dataDir, 'engine.pid');
  await endOrphanEngine(config);
  await assertPortsFree(enginePorts(config));

  const logFile = path.join(logDir, 'engine.log');
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JAVA_HOME: jdk.home,
    // Heap only; RocksDB's memory is off-heap and bounded by the engine itself.
    JAVA_OPTS: `-Xms256m -Xmx${config.ENGINE_HEAP} -XX:+UseG1GC`,
    CLASSPATH_PREFIX: exporterJar,
    ZEEBE_BROKER_DATA_DIRECTORY: path.join(engineDir, 'data'),
    ZEEBE_BROKER_GATEWAY_ENABLE: 'true',
    ZEEBE_BROKER_GATEWAY_NETWORK_PORT: String(config.ENGINE_GRPC_PORT),
    ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT: String(config.ENGINE_COMMAND_PORT),
    ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT: String(config.ENGINE_INTERNAL_PORT),
    // The local engine's API is unprotected (no users in this mode), so it listens on loopback only.
    ZEEBE_BROKER_NETWORK_HOST: '127.0.0.1',
    ZEEBE_BROKER_GATEWAY_NETWORK_HOST: '127.0.0.1',
    SERVER_ADDRESS: '127.0.0.1',
    MANAGEMENT_SERVER_ADDRESS: '127.0.0.1',
    SERVER_PORT: String(config.ENGINE_REST_PORT),
    MANAGEMENT_SERVER_PORT: String(config.ENGINE_MANAGEMENT_PORT),
    // Two cores on the reference machine: one processing and one I/O thread leave a core for Node and PostgreSQL.
    ZEEBE_BROKER_THREADS_CPUTHREADCOUNT: '1',
    ZEEBE_BROKER_THREADS_IOTHREADCOUNT: '1',
    ZEEBE_BROKER_EXPORTERS_DOORZET_CLASSNAME: 'nl.doorzet.exporter.PostgresExporter',
    ZEEBE_BROKER_EXPORTERS_DOORZET_ARGS_URL: database.jdbcUrl,
    ZEEBE_BROKER_EXPORTERS_DOORZET_ARGS_USERNAME: database.user,
    ZEEBE_BROKER_EXPORTERS_DOORZET_ARGS_PASSWORD: database.password,
  };
  const child: ChildProcess = spawn(path.join(distribution, 'bin', 'broker'), [], {
    cwd: engineDir,
    env,
    // Own process group: Ctrl-C reaches Doorzet, which then stops the engine before PostgreSQL.
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  if (child.pid === undefined) throw new StartupError('ENGINE_FAILED', `Could not start ${distribution}/bin/broker`);
  fs.writeFileSync(pidFile, String(child.pid));

  const handle: EngineHandle = {
    pid: child.pid,
    logFile,
    async stop() {
      await stopChild(child, 30_000);
      fs.rmSync(pidFile, { force: true });
    },
  };
  try {
    await waitReady(config, child, logFile);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

async function waitReady(config: Config, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + config.ENGINE_READY_TIMEOUT_S * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new StartupError(
        'ENGINE_FAILED',
        `The engine exited during start-up (${child.exitCode ?? child.signalCode}). See its log: ${logFile}\n${tail(logFile)}`,
      );
    }
    if (await isEngineReady(config)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StartupError(
    'ENGINE_TIMEOUT',
    `The engine did not report ready within ${config.ENGINE_READY_TIMEOUT_S} s (ENGINE_READY_TIMEOUT_S). See its log: ${logFile}`,
  );
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
