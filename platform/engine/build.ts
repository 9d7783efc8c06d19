import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../errors.js';
import { step } from '../log.js';
import type { Jdk } from './java.js';

export const ENGINE_PROJECT = path.resolve(import.meta.dirname, '..', '..', 'engine');

export type BuildOptions = { jdk: Jdk; cacheDir: string; mavenCmd: string; mavenRepoLocal: string | undefined };

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.startsWith('target') && fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/** One hash over pom.xml and src/: the jar is rebuilt when, and only when, the engine's sources change. */
export function engineSourceHash(dir = ENGINE_PROJECT): string {
  const hash = crypto.createHash('sha256');
  for (const file of sourceFiles(dir)) hash.update(file).update('\0').update(fs.readFileSync(path.join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The jars that running processes were started with (`java … -jar <file>`), read from /proc. */
function runningJars(): Set<string> {
  const jars = new Set<string>();
  if (!fs.existsSync('/proc')) return jars;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended meanwhile, or not ours to read
    }
    const at = args.indexOf('-jar');
    if (at >= 0 && args[at + 1]) jars.add(args[at + 1]!);
  }
  return jars;
}

/**
 * Returns the engine jar for the current sources, building it with Maven when it is not in the
 * cache yet. The jar is copied out of engine/target under a name with the source hash and a
 * rename, so an interrupted build never leaves a jar that looks complete.
 */
export async function ensureEngineJar(options: BuildOptions): Promise<string> {
  const jar = path.join(options.cacheDir, 'engine', `doorzet-engine-${engineSourceHash()}.jar`);
  if (fs.existsSync(jar)) return jar;
  step('Building the engine (Operaton) with Maven; the first build downloads its libraries into ~/.m2 ...');
  const args = ['-B', '-q', '-f', path.join(ENGINE_PROJECT, 'pom.xml'), 'package', '-DskipTests'];
  if (options.mavenRepoLocal) args.push(`-Dmaven.repo.local=${options.mavenRepoLocal}`);
  let result: { code: number; output: string };
  try {
    result = await run(options.mavenCmd, args, { ...process.env, JAVA_HOME: options.jdk.home });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StartupError(
        'MAVEN_NOT_FOUND',
        `Maven (\`${options.mavenCmd}\`) was not found; it builds the engine application in engine/.\n` +
          '  Install Maven (e.g. `apt-get install -y maven`) or set MAVEN_CMD to its path.',
      );
    }
    throw error;
  }
  const built = path.join(ENGINE_PROJECT, 'target', 'doorzet-engine.jar');
  if (result.code !== 0 || !fs.existsSync(built)) {
    const tail = result.output.trim().split('\n').slice(-12).join('\n    ');
    throw new StartupError(
      'ENGINE_BUILD_FAILED',
      `Maven could not build the engine in ${ENGINE_PROJECT} (exit ${result.code}).\n    ${tail}\n` +
        '  Check the network to Maven Central (the first build downloads about 100 MB) and the output above.',
    );
  }
  fs.mkdirSync(path.dirname(jar), { recursive: true });
  // Older jars go, except one that a running engine still uses: Spring Boot reads its own jar again
  // while it runs, and an engine whose jar vanished answers every call with a 500.
  const inUse = runningJars();
  for (const old of fs.readdirSync(path.dirname(jar))) {
    const file = path.join(path.dirname(jar), old);
    if (!inUse.has(file)) fs.rmSync(file, { force: true });
  }
  fs.copyFileSync(built, `${jar}.tmp`);
  fs.renameSync(`${jar}.tmp`, jar);
  return jar;
}
