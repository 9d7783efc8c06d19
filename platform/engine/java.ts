import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { StartupError } from '../errors.js';

const run = promisify(execFile);

export const MIN_JAVA = 17;

export type Jdk = { home: string; major: number };

/** `java -version` prints e.g. `openjdk version "25.0.3" 2026-04-21` or `"1.8.0_392"` on stderr. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

async function probe(home: string): Promise<Jdk | undefined> {
  const java = path.join(home, 'bin', 'java');
  if (!fs.existsSync(java) || !fs.existsSync(path.join(home, 'bin', 'javac'))) return undefined;
  try {
    const { stdout, stderr } = await run(java, ['-version']);
    const major = parseJavaMajor(stderr + stdout);
    return major === undefined ? undefined : { home, major };
  } catch {
    return undefined;
  }
}

/**
 * JAVA_HOME first, then every JDK in the search folders, newest first. A JDK needs
 * javac too: Maven builds the engine application on the machine.
 */
export async function findJdk(javaHome: string | undefined, searchDirs: string[]): Promise<Jdk> {
  const seen: string[] = [];
  const candidates: string[] = [];
  if (javaHome) candidates.push(javaHome);
  for (const dir of searchDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir).sort().reverse()) candidates.push(path.join(dir, entry));
  }
  let best: Jdk | undefined;
  for (const home of candidates) {
    const jdk = await probe(home);
    if (!jdk) continue;
    seen.push(`${home} (Java ${jdk.major})`);
    if (jdk.major >= MIN_JAVA && (!best || jdk.major > best.major)) best = jdk;
    if (home === javaHome && jdk.major >= MIN_JAVA) return jdk;
  }
  if (best) return best;
  throw new StartupError(
    'JAVA_NOT_FOUND',
    `No Java ${MIN_JAVA}+ JDK found; the engine needs one.\n` +
      `  Looked at: ${seen.length > 0 ? seen.join(', ') : 'nothing usable'} ` +
      `(JAVA_HOME=${javaHome ?? 'unset'}, JVM_SEARCH_DIRS=${searchDirs.join(':')}).\n` +
      `  Install a JDK ${MIN_JAVA} or newer (e.g. openjdk-17-jdk from Debian) and set JAVA_HOME to it.`,
  );
}
