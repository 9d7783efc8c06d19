import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isAlive, stopChild } from '../child.js';
import type { Config } from '../config.js';
import { StartupError } from '../errors.js';
import { assertPortsFree } from '../ports.js';
import { readOrCreateSecret } from '../secret.js';
import { ensureEngineJar } from './build.js';
import { type Jdk, findJdk } from './java.js';

export type EngineDatabase = { jdbcUrl: string; user: string; password: string };

/** One engine process of the local cluster. */
export type EngineNode = { index: number; pid: number; url: string; logFile: string; stop(): Promise<void> };

export type EngineHandle = { nodes: EngineNode[]; stop(): Promise<void> };

export function enginePorts(config: Config): Record<string, number> {
  return Object.fromEntries(
    Array.from({ length: config.ENGINE_NODES }, (_, i) => [`engine node ${i + 1}, ENGINE_PORT${i > 0 ? ` + ${i}` : ''}`, config.ENGINE_PORT + i]),
  );
}

/**
 * The local engine's password: ENGINE_PASSWORD, or one generated at the first start and kept
 * (0600) in the data folder, so the engine's admin user (created once) keeps matching it.
 */
export function enginePassword(config: Config): string {
  return config.ENGINE_PASSWORD ?? readOrCreateSecret(path.join(config.dataDir, 'engine-password'));
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** True when the engine at `url` (…/engine-rest) answers with its version for our user. */
export async function isNodeReady(url: string, authorization: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/version`, { headers: { authorization }, signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

const pidFile = (config: Config, index: number) => path.join(config.dataDir, index === 0 ? 'engine.pid' : `engine-${index + 1}.pid`);
const logFileOf = (config: Config, index: number) => path.join(config.dataDir, 'logs', index === 0 ? 'engine.log' : `engine-${index + 1}.log`);

/**
 * A previous run that was killed hard (SIGKILL, a closed terminal) can leave its
 * engine nodes running. Their pid files let the next start end them instead of failing on
 * busy ports.
 */
export async function endOrphanEngine(config: Config): Promise<void> {
  const files = fs.existsSync(config.dataDir) ? fs.readdirSync(config.dataDir).filter((f) => /^engine(-\d+)?\.pid$/.test(f)) : [];
  for (const name of files) {
    const file = path.join(config.dataDir, name);
    const pid = Number(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file);
    if (!Number.isInteger(pid) || !isAlive(pid)) continue;
    const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (!cmdline.includes('doorzet-engine')) continue;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
}

export type PreparedEngine = { jdk: Jdk; jar: string };

/**
 * Everything that can fail before a process is started: a JDK and the engine jar (built
 * once per version of engine/). Run first, so a missing Java or Maven is reported before
 * PostgreSQL is started and has to be stopped again.
 */
export async function prepareEngine(config: Config): Promise<PreparedEngine> {
  const jdk = await findJdk(config.JAVA_HOME, config.JVM_SEARCH_DIRS.split(':').filter(Boolean));
  const jar = await ensureEngineJar({ jdk, cacheDir: config.cacheDir, mavenCmd: config.MAVEN_CMD, mavenRepoLocal: config.MAVEN_REPO_LOCAL });
  return { jdk, jar };
}

function spawnNode(config: Config, prepared: PreparedEngine, database: EngineDatabase, index: number): { child: ChildProcess; node: EngineNode } {
  const logFile = logFileOf(config, index);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const port = config.ENGINE_PORT + index;
  const child = spawn(
    path.join(prepared.jdk.home, 'bin', 'java'),
    [`-Xmx${config.ENGINE_HEAP}`, '-Xss512k', '-XX:+UseSerialGC', '-XX:MaxMetaspaceSize=192m', '-jar', prepared.jar],
    {
      cwd: config.dataDir,
      env: {
        ...process.env,
        // The REST API and Cockpit listen on loopback only; production puts a proxy with TLS in front.
        DOORZET_ENGINE_ADDRESS: '127.0.0.1',
        DOORZET_ENGINE_PORT: String(port),
        DOORZET_ENGINE_JDBC_URL: database.jdbcUrl,
        DOORZET_ENGINE_DB_USER: database.user,
        DOORZET_ENGINE_DB_PASSWORD: database.password,
        DOORZET_ENGINE_USER: config.ENGINE_USER,
        DOORZET_ENGINE_PASSWORD: enginePassword(config),
      },
      // Own process group: Ctrl-C reaches Doorzet, which then stops the engine before PostgreSQL.
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  if (child.pid === undefined) throw new StartupError('ENGINE_FAILED', `Could not start ${prepared.jdk.home}/bin/java`);
  const pid = child.pid;
  fs.writeFileSync(pidFile(config, index), String(pid));
  const node: EngineNode = {
    index,
    pid,
    url: config.engineRestUrls[index]!,
    logFile,
    async stop() {
      await stopChild(child, 30_000);
      fs.rmSync(pidFile(config, index), { force: true });
    },
  };
  return { child, node };
}

/**
 * Starts ENGINE_NODES engine processes on one database. The first creates or upgrades the
 * schema alone; the others start together once it answers.
 */
export async function startEngine(config: Config, prepared: PreparedEngine, database: EngineDatabase): Promise<EngineHandle> {
  await endOrphanEngine(config);
  await assertPortsFree(enginePorts(config));
  const nodes: EngineNode[] = [];
  const handle: EngineHandle = {
    nodes,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
  const authorization = basicAuth(config.ENGINE_USER, enginePassword(config));
  const launch = async (index: number) => {
    const { child, node } = spawnNode(config, prepared, database, index);
    nodes.push(node);
    await waitReady(config, child, node, authorization);
  };
  try {
    await launch(0);
    await Promise.all(Array.from({ length: config.ENGINE_NODES - 1 }, (_, i) => launch(i + 1)));
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

async function waitReady(config: Config, child: ChildProcess, node: EngineNode, authorization: string): Promise<void> {
  const deadline = Date.now() + config.ENGINE_READY_TIMEOUT_S * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new StartupError(
        'ENGINE_FAILED',
        `Engine node ${node.index + 1} exited during start-up (${child.exitCode ?? child.signalCode}). See its log: ${node.logFile}\n${tail(node.logFile)}`,
      );
    }
    if (await isNodeReady(node.url, authorization)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StartupError(
    'ENGINE_TIMEOUT',
    `Engine node ${node.index + 1} did not answer within ${config.ENGINE_READY_TIMEOUT_S} s (ENGINE_READY_TIMEOUT_S). See its log: ${node.logFile}`,
  );
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
