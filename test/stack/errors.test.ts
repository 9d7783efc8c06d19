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

const jdk17 = fs.readdirSync('/usr/lib/jvm').map((d) => path.join('/usr/lib/jvm', d)).find((d) => /17/.test(d) && fs.existsSync(path.join(d, 'bin', 'javac')));

describe('npm start refuses clearly', () => {
  test('without a Java 21+ JDK', async () => {
    const dataDir = tempDir('nojava');
    const { code, output } = await failingStart({
      DOORZET_DATA_DIR: dataDir,
      JAVA_HOME: jdk17 ?? '/nonexistent-jdk',
      JVM_SEARCH_DIRS: tempDir('empty-jvm'),
    });
    expect(code).toBe(1);
    expect(output).toContain('(JAVA_NOT_FOUND)');
    expect(output).toContain('No Java 21+ JDK found');
    expect(output).toMatch(/Install a JDK 21 or newer/);
    if (jdk17) expect(output).toContain('(Java 17)');
    expect(processesUsing(dataDir)).toEqual([]);
  });

  test('without Maven when the engine is not downloaded yet', async () => {
    const dataDir = tempDir('nomaven');
    const { code, output } = await failingStart({
      DOORZET_DATA_DIR: dataDir,
      DOORZET_CACHE_DIR: tempDir('cache'),
      MAVEN_REPO_LOCAL: tempDir('m2'),
      MAVEN_CMD: '/nonexistent/mvn',
    });
    expect(code).toBe(1);
    expect(output).toContain('(MAVEN_NOT_FOUND)');
    expect(output).toContain('Install Maven');
  });

  test('when Maven cannot download the engine', async () => {
    const { code, output } = await failingStart({
      DOORZET_DATA_DIR: tempDir('nodownload'),
      DOORZET_CACHE_DIR: tempDir('cache'),
      MAVEN_REPO_LOCAL: tempDir('m2'),
      ENGINE_VERSION: '8.6.999',
    });
    expect(code).toBe(1);
    expect(output).toContain('(ENGINE_DOWNLOAD_FAILED)');
    expect(output).toContain('io.camunda:camunda-zeebe:8.6.999:tar.gz');
  }, 300_000);

  test('when a port is already in use', async () => {
    const blocker = net.createServer();
    // Rejects (rather than throwing outside the test) when something else already holds the port.
    await new Promise<void>((resolve, reject) => {
      blocker.once('error', reject);
      blocker.listen(Number(CHILD_PORTS.ENGINE_REST_PORT), resolve);
    });
    try {
      const dataDir = tempDir('port');
      const { code, output } = await failingStart({ DOORZET_DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(output).toContain('(PORT_IN_USE)');
      expect(output).toContain(`${CHILD_PORTS.ENGINE_REST_PORT} (engine REST, ENGINE_REST_PORT)`);
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

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
  });

  test('with an invalid environment variable', async () => {
    const { code, output } = await failingStart({ DOORZET_DATA_DIR: tempDir('config'), PG_PORT: 'abc' });
    expect(code).toBe(1);
    expect(output).toContain('PG_PORT');
  });
});
