import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../platform/config.js';
import type { AppContext } from '../../platform/context.js';
import { createPool } from '../../platform/db/pool.js';
import { createEngine } from '../../platform/engine/client.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Ports for a second stack beside the run's shared one, so stack tests can start,
 * kill and restart a whole Doorzet without disturbing the other tests.
 */
export const CHILD_PORTS = {
  PG_PORT: '54339',
  // Node N of a child cluster listens on 8180 + N - 1.
  ENGINE_PORT: '8180',
  PORT: '3200',
  SMTP_PORT: '2535',
};

export type ChildStack = {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
};

const spawned: ChildStack[] = [];

/**
 * Runs `npm start`'s entry point (or another one, e.g. `npm run workers`') as a separate
 * process group, the way a terminal would.
 */
export function spawnStack(env: Record<string, string>, entry = 'platform/start.ts'): ChildStack {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stack = { child, output: () => output, exited };
  spawned.push(stack);
  return stack;
}

/**
 * Ends whatever a test file started, in whatever state a failed or timed-out test left it:
 * Ctrl-C first, then SIGKILL for anything still running in the data folder. Without this a
 * stack left running holds the child ports and every later stack test fails on them.
 */
export async function endStacks(dataDir: string): Promise<void> {
  for (const stack of spawned.splice(0)) {
    if (stack.child.exitCode !== null || stack.child.signalCode !== null) continue;
    process.kill(-stack.child.pid!, 'SIGINT');
    const timer = setTimeout(() => process.kill(-stack.child.pid!, 'SIGKILL'), 45_000);
    await stack.exited;
    clearTimeout(timer);
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const left = pidsUsing(dataDir);
    if (left.length === 0) return;
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts `npm start`'s entry point and waits until it reports ready. */
export async function startReadyStack(env: Record<string, string>, timeoutMs = 180_000): Promise<ChildStack> {
  const stack = spawnStack(env);
  await waitForOutput(stack, 'Doorzet is ready', timeoutMs);
  return stack;
}

export async function waitForOutput(stack: ChildStack, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!stack.output().includes(text)) {
    if (stack.child.exitCode !== null) throw new Error(`stack exited (${stack.child.exitCode}):\n${stack.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${stack.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Processes whose command line or working directory lies in the given data folder. */
export function processesUsing(dataDir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (cmdline.includes(dataDir) || cwd.startsWith(dataDir)) found.push(`${pid}: ${cmdline.slice(0, 120)}`);
    } catch {
      // The process ended while we looked, or is not ours to inspect.
    }
  }
  return found;
}

function pidsUsing(dataDir: string): number[] {
  return processesUsing(dataDir).map((line) => Number(line.split(':')[0]));
}

export function childDatabaseUrl(dataDir: string, database: string): string {
  const secret = fs.readFileSync(path.join(dataDir, 'postgres.secret'), 'utf8').trim();
  return `postgres://doorzet:${encodeURIComponent(secret)}@localhost:${CHILD_PORTS.PG_PORT}/${database}`;
}

export type ChildContext = AppContext & { close(): Promise<void> };

/**
 * The test's own view of a running child stack: its application database and an Engine on
 * every node of its cluster (with its generated engine password), as testContext() gives
 * for the shared stack. Call it only once the stack has started.
 */
export function childContext(env: Record<string, string>): ChildContext {
  const config = loadConfig(env);
  const db = createPool(childDatabaseUrl(config.dataDir, 'doorzet'), 4);
  const engine = createEngine({ config, engineDatabaseUrl: childDatabaseUrl(config.dataDir, 'doorzet_engine') });
  return {
    config,
    db,
    engine,
    async close() {
      await Promise.all([db.end(), engine.close()]);
    },
  };
}
