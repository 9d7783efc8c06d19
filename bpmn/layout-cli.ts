/**
 * `npm run layout:bpmn -- bpmn/<region>/model.bpmn [--out <file>] [--dry-run]`: redraws the
 * model's diagram from its lanes, steps and flows (layout.ts), writes it back (or to --out), and
 * prints the readability figures of the result with what is still past the bounds.
 */
import fs from 'node:fs';
import { layoutXml } from './layout.js';
import { measureReadability, readabilityProblems, readabilityTable } from './readability.js';

const args = process.argv.slice(2);
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
const dryRun = args.includes('--dry-run');
const unknown = args.filter((a) => a.startsWith('--') && !['--out', '--dry-run'].includes(a));
if (files.length !== 1 || unknown.length > 0 || (outIndex >= 0 && !out)) {
  process.stderr.write('Usage: npm run layout:bpmn -- bpmn/<region>/model.bpmn [--out <file>] [--dry-run]\n');
  process.exit(2);
}
const file = files[0]!;
const before = await measureReadability(fs.readFileSync(file, 'utf8'));
const xml = await layoutXml(fs.readFileSync(file, 'utf8'));
const after = await measureReadability(xml);
if (!dryRun) fs.writeFileSync(out ?? file, xml);
process.stdout.write(`${readabilityTable([{ model: `${file} (before)`, figures: before }, { model: `${dryRun ? 'laid out (not written)' : (out ?? file)}`, figures: after }], 'text')}\n`);
for (const problem of readabilityProblems(after)) process.stdout.write(`leesbaarheid: ${problem}\n`);
process.exit(readabilityProblems(after).length === 0 ? 0 : 1);
