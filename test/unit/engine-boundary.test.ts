import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
// Product code: what `npm start` runs. Tests and the benchmark (whose bare fetchAndLock loop is the peer it is compared with) are not.
const product = tracked.filter((f) => f.endsWith('.ts') && !/(^|\/)test\/|\.test\.ts$|^bench\//.test(f));

test('only platform/engine/ talks to the engine or reads its tables', () => {
  const offending = product.filter((file) => {
    if (file.startsWith('platform/engine/') || file === 'platform/config.ts') return false;
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    return /\bact_(ru|hi|re|ge)_\w+|\/engine-rest\b|\/external-task\/|\/process-definition\//i.test(text);
  });
  expect(offending).toEqual([]);
});
