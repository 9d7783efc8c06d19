import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { registry } from '../../workers/registry.js';

const WORKERS = path.resolve(import.meta.dirname, '..', '..', 'workers');
const FORBIDDEN = /from '(pg|express|[./]+platform\/engine\/[^']*|[./]+platform\/db\/[^']*|[./]+repositories\.js)'/;

/** Runtime imports of a module (type-only imports vanish at compile time and are allowed). */
function runtimeImports(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^import (?!type )/.test(line));
}

test('handlers reach PostgreSQL, HTTP and the engine only through their deps and the adapter', () => {
  const handlerFiles = Object.keys(registry).flatMap((type) =>
    ['schema.ts', 'handler.ts'].map((name) => path.join(WORKERS, type, name)),
  );
  const shared = ['mail.ts', 'case-context.ts', 'outcome.ts', 'job.ts'].map((name) => path.join(WORKERS, name));
  for (const file of [...handlerFiles, ...shared]) {
    expect(fs.existsSync(file), file).toBe(true);
    expect(runtimeImports(file).filter((line) => FORBIDDEN.test(line)), path.relative(WORKERS, file)).toEqual([]);
  }
});

test('one folder per job type, each in the registry', () => {
  const folders = fs
    .readdirSync(WORKERS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  expect(folders).toEqual(Object.keys(registry).sort());
});
