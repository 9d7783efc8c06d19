import fs from 'node:fs';
import path from 'node:path';

const ROOT = import.meta.dirname;
const DIST_ENTRY = path.join(ROOT, 'dist', 'index.html');
/** Everything the bundle is made from; a newer file means the bundle is stale. */
const SOURCES = [path.join(ROOT, 'src'), path.join(ROOT, 'index.html'), path.join(ROOT, 'vite.config.ts'), path.join(ROOT, '..', 'domain'), path.join(ROOT, '..', 'package-lock.json')];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

export function webBuildIsStale(): boolean {
  if (!fs.existsSync(DIST_ENTRY)) return true;
  const built = fs.statSync(DIST_ENTRY).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

/**
 * Builds the browser app when dist/ is missing or older than its sources, so `npm start`
 * and the browser tests never serve yesterday's bundle. Vite is loaded only when needed.
 */
export async function ensureWebBuild(log: (line: string) => void = () => undefined): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  const started = Date.now();
  log('web app: building web-modeler/dist with Vite ...');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  log(`web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
