import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../errors.js';
import { step } from '../log.js';

const GROUP = 'io.camunda';
const ARTIFACT = 'camunda-zeebe';
/** Pinned so that the fetch does not depend on whichever plugin version Maven defaults to. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export type DistributionOptions = {
  version: string;
  cacheDir: string;
  mavenCmd: string;
  mavenRepoLocal: string | undefined;
};

function mavenRepo(options: DistributionOptions): string {
  return options.mavenRepoLocal ?? path.join(os.homedir(), '.m2', 'repository');
}

export function archivePath(options: DistributionOptions): string {
  const { version } = options;
  return path.join(mavenRepo(options), ...GROUP.split('.'), ARTIFACT, version, `${ARTIFACT}-${version}.tar.gz`);
}

function runQuiet(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function fetchWithMaven(options: DistributionOptions): Promise<void> {
  const coordinates = `${GROUP}:${ARTIFACT}:${options.version}:tar.gz`;
  step(`Downloading engine ${coordinates} with Maven (first run only, ~300 MB) ...`);
  const args = ['-B', '-q', `${DEPENDENCY_PLUGIN}:get`, `-Dartifact=${coordinates}`, '-Dtransitive=false'];
  if (options.mavenRepoLocal) args.push(`-Dmaven.repo.local=${options.mavenRepoLocal}`);
  let result: { code: number; output: string };
  try {
    result = await runQuiet(options.mavenCmd, args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StartupError(
        'MAVEN_NOT_FOUND',
        `Maven (\`${options.mavenCmd}\`) was not found, and the engine distribution is not in the local Maven repository yet.\n` +
          '  Install Maven (e.g. `apt-get install -y maven`) or set MAVEN_CMD to its path.',
      );
    }
    throw error;
  }
  if (result.code !== 0 || !fs.existsSync(archivePath(options))) {
    const tail = result.output.trim().split('\n').slice(-6).join('\n    ');
    throw new StartupError(
      'ENGINE_DOWNLOAD_FAILED',
      `Maven could not fetch ${coordinates} (exit ${result.code}).\n    ${tail}\n` +
        '  Check the network to Maven Central and that ENGINE_VERSION names a published version.',
    );
  }
}

/**
 * Returns the folder of the unpacked distribution, fetching and unpacking it when
 * needed. Unpacking goes to a temporary folder that is renamed at the end, so an
 * interrupted first start never leaves a half distribution that looks complete.
 */
export async function ensureDistribution(options: DistributionOptions): Promise<string> {
  const target = path.join(options.cacheDir, `${ARTIFACT}-${options.version}`);
  if (fs.existsSync(path.join(target, 'bin', 'broker'))) return target;
  if (!fs.existsSync(archivePath(options))) await fetchWithMaven(options);
  step(`Unpacking engine ${options.version} ...`);
  fs.mkdirSync(options.cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(options.cacheDir, '.unpack-'));
  const untar = await runQuiet('tar', ['xzf', archivePath(options), '-C', staging]);
  if (untar.code !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new StartupError('ENGINE_DOWNLOAD_FAILED', `Could not unpack ${archivePath(options)}:\n${untar.output}`);
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(path.join(staging, `${ARTIFACT}-${options.version}`), target);
  fs.rmSync(staging, { recursive: true, force: true });
  return target;
}

const EXPORTER_SOURCE = path.join(import.meta.dirname, 'exporter', 'src', 'nl', 'doorzet', 'exporter', 'PostgresExporter.java');

/**
 * Compiles the PostgreSQL exporter against the distribution's own jars (they ship
 * the exporter API and the PostgreSQL driver), so no build plugin is needed. The
 * jar is keyed by source and engine version and rebuilt only when either changes.
 */
export async function ensureExporterJar(distribution: string, javaHome: string, cacheDir: string): Promise<string> {
  const source = fs.readFileSync(EXPORTER_SOURCE);
  const hash = crypto.createHash('sha256').update(source).update(distribution).digest('hex').slice(0, 12);
  const jar = path.join(cacheDir, `doorzet-exporter-${hash}.jar`);
  if (fs.existsSync(jar)) return jar;
  step('Compiling the PostgreSQL exporter for the engine ...');
  const classes = fs.mkdtempSync(path.join(cacheDir, '.exporter-'));
  try {
    const javac = await runQuiet(path.join(javaHome, 'bin', 'javac'), [
      '--release', '21', '-nowarn', '-cp', path.join(distribution, 'lib', '*'), '-d', classes, EXPORTER_SOURCE,
    ]);
    if (javac.code !== 0) throw new StartupError('ENGINE_FAILED', `Compiling the exporter failed:\n${javac.output}`);
    const pack = await runQuiet(path.join(javaHome, 'bin', 'jar'), ['cf', `${jar}.tmp`, '-C', classes, '.']);
    if (pack.code !== 0) throw new StartupError('ENGINE_FAILED', `Packing the exporter failed:\n${pack.output}`);
    fs.renameSync(`${jar}.tmp`, jar);
  } finally {
    fs.rmSync(classes, { recursive: true, force: true });
  }
  return jar;
}
