import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const productSources = tracked.filter((f) => /\.(ts|js)$/.test(f) && !/(^|\/)test\/|\.test\.ts$|^bench\//.test(f));

test('only the config module reads the environment', () => {
  const readers = productSources.filter((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    // Reading a key (process.env.X, process.env['X'], destructuring) — passing the whole
    // environment on to a child process (`...process.env`) is not reading a secret.
    return /process\.env\s*(\.|\[)|=\s*process\.env\b(?!\s*[,)])/.test(text);
  });
  expect(readers).toEqual([]);
  expect(fs.readFileSync(path.join(ROOT, 'platform/config.ts'), 'utf8')).toContain('env: NodeJS.ProcessEnv = process.env');
});

test('no private key or credential-bearing URL is committed', () => {
  const offending: string[] = [];
  for (const file of tracked) {
    if (/\.(png|jpg|ico|woff2?)$/.test(file)) continue;
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) offending.push(`${file}: private key`);
    // A URL with a password in it, other than the documented placeholders.
    for (const match of text.matchAll(/\b[a-z]+:\/\/[^\s:/@'"`]+:([^\s@'"`]+)@/g)) {
      if (!/^(\$\{|<|\*+$|password$|secret$|PASSWORD)/.test(match[1]!)) offending.push(`${file}: ${match[0]}`);
    }
  }
  expect(offending).toEqual([]);
});
