import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CHILD_PORTS, endStacks, processesUsing, spawnStack } from '../support/child-stack.js';

/**
 * Each way `npm start` can fail on a fresh machine gives a message that says what
 * to do, exits non-zero, and leaves nothing running. The ports are the child
 * stack's, so these runs never collide with the suite's shared engine.
 */
const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `doorzet-${prefix}-`));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of dirs) {
    await endStacks(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function failingStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const stack = spawnStack({ ...CHILD_PORTS, ...env });
  const code = await stack.exited;
  return { code, output: stack.output() };
}

/** A JDK that is too old: `java -version` says 11, as an old distribution package would. */
function fakeJdk11(): string {
  const home = tempDir('jdk11');
  fs.mkdirSync(path.join(home, 'bin'));
  for (const tool of ['java', 'javac']) {
    fs.writeFileSync(path.join(home, 'bin', tool), '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n', { mode: 0o755 });
  }
  return home;
}

describe('npm start refuses clearly', () => {
  test('without a Java 17+ JDK', async () => {
    const dataDir = tempDir('nojava');
    const { code, output } = await failingStart({
      DOORZET_DATA_DIR: dataDir,
      JAVA_HOME: fakeJdk11(),
      JVM_SEARCH_DIRS: tempDir('empty-jvm'),
    });
    expect(code).toBe(1);
    expect(output).toContain('(JAVA_NOT_FOUND)');
    expect(output).toContain('No Java 17+ JDK found');
    expect(output).toMatch(/Install a JDK 17 or newer/);
    expect(output).toContain('(Java 11)');
    expect(processesUsing(dataDir)).toEqual([]);
  }, 60_000);

  test('without Maven when the engine is not built yet', async () => {
    const dataDir = tempDir('nomaven');
    const { code, output } = await failingStart({
      DOORZET_DATA_DIR: dataDir,
      DOORZET_CACHE_DIR: tempDir('cache'),
      MAVEN_CMD: '/nonexistent/mvn',
    });
    expect(code).toBe(1);
    expect(output).toContain('(MAVEN_NOT_FOUND)');
    expect(output).toContain('Install Maven');
    expect(processesUsing(dataDir)).toEqual([]);
  }, 60_000);

  test('when Maven cannot build the engine', async () => {
    // A Maven that fails the way an offline first build does; the real one is not run, so the
    // shared engine/target stays as it is.
    const mvn = path.join(tempDir('mvn'), 'mvn');
    fs.writeFileSync(
      mvn,
      '#!/bin/sh\necho "[ERROR] Non-resolvable import POM: org.operaton.bpm:operaton-bom:pom:1.0.3 (simulated)"\nexit 1\n',
      { mode: 0o755 },
    );
    const dataDir = tempDir('nobuild');
    const { code, output } = await failingStart({ DOORZET_DATA_DIR: dataDir, DOORZET_CACHE_DIR: tempDir('cache'), MAVEN_CMD: mvn });
    expect(code).toBe(1);
    expect(output).toContain('(ENGINE_BUILD_FAILED)');
    expect(output).toContain('Maven could not build the engine');
    expect(output).toContain('(exit 1)');
    // Maven's own reason is passed on.
    expect(output).toContain('Non-resolvable import POM: org.operaton.bpm:operaton-bom:pom:1.0.3');
    expect(processesUsing(dataDir)).toEqual([]);
  }, 60_000);

  test('when a port is already in use, naming each engine node', async () => {
    const ports = [Number(CHILD_PORTS.ENGINE_PORT), Number(CHILD_PORTS.ENGINE_PORT) + 1];
    const blockers = ports.map(() => net.createServer());
    // Rejects (rather than throwing outside the test) when something else already holds the port.
    await Promise.all(
      blockers.map(
        (blocker, i) =>
          new Promise<void>((resolve, reject) => {
            blocker.once('error', reject);
            blocker.listen(ports[i], resolve);
          }),
      ),
    );
    try {
      const dataDir = tempDir('port');
      const { code, output } = await failingStart({ DOORZET_DATA_DIR: dataDir, ENGINE_NODES: '2' });
      expect(code).toBe(1);
      expect(output).toContain('(PORT_IN_USE)');
      expect(output).toContain(`${ports[0]} (engine node 1, ENGINE_PORT), ${ports[1]} (engine node 2, ENGINE_PORT + 1)`);
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      for (const blocker of blockers) blocker.close();
    }
  }, 60_000);

  test('when PostgreSQL refuses to start, with its own reason', async () => {
    const dataDir = tempDir('badpg');
    // A damaged data folder: PG_VERSION present, the rest (postgresql.conf, ...) gone.
    fs.mkdirSync(path.join(dataDir, 'postgres'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'postgres', 'PG_VERSION'), '9\n');
    const { code, output } = await failingStart({ DOORZET_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output).toContain('(POSTGRES_FAILED)');
    expect(output).toContain('PostgreSQL refused to start');
    // PostgreSQL's own reason is passed on, with the log file to read.
    expect(output).toContain('could not access the server configuration file');
    expect(output).toContain(path.join(dataDir, 'logs', 'postgres.log'));
    expect(processesUsing(dataDir)).toEqual([]);
  }, 60_000);

  test('with an invalid environment variable', async () => {
    const { code, output } = await failingStart({ DOORZET_DATA_DIR: tempDir('config'), PG_PORT: 'abc' });
    expect(code).toBe(1);
    expect(output).toContain('PG_PORT');
  }, 60_000);
});
