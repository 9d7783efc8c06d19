import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm run licenses` as a user runs it: every production npm package and every compile/runtime
 * Maven dependency of engine/ is under an allowed (OSI-approved) licence. Exit 1 lists the
 * offending packages, exit 2 says Maven is missing; both fail here with the script's own words.
 */
test('npm run licenses passes: every dependency is under an OSI-approved licence', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('npm', ['run', '--silent', 'licenses'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err });
    });
  });
  expect(code, `exit ${code}\n${stderr}\n${stdout.split('\n').slice(-5).join('\n')}`).toBe(0);
  const report = readFileSync(path.join(root, '.cache/licenses/report.txt'), 'utf8');
  expect(report).toMatch(/licences: \d+ dependencies \(\d+ npm production, \d+ Maven engine\/ compile\+runtime\).*all allowed\./);
  expect(report).toMatch(/^maven\s+org\.operaton\.bpm:operaton-engine\s/m);
  expect(report).toMatch(/^npm\s+express\s/m);
}, 300_000);
