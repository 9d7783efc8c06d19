/**
 * `npm run lint:bpmn`: validates every region's model against its settings and the workers'
 * registry, the same check the API runs on upload: bpmnlint (recommended rules and the
 * camunda-compat `camunda-platform-7-24` preset, the closest upstream of Operaton 1.0, see
 * .bpmnlintrc) plus Doorzet's own rules in validate.ts. Then it measures each diagram's
 * readability (readability.ts: lanes, crossings, overlaps, fit-to-screen scale) and prints the
 * figures as a table. Exits non-zero with the findings, or when a diagram is past the bounds.
 *
 *   --markdown     print the readability table as Markdown
 *   --write-docs   also write that table into docs/regions.md (between the readability markers)
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSeedSettings, regionDirs } from '../platform/regions.js';
import { modelJobTypes } from '../workers/registry.js';
import { measureReadability, readabilityProblems, readabilityTable, type Readability } from './readability.js';
import { validateModel } from './validate.js';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !['--markdown', '--write-docs'].includes(a));
if (unknown.length > 0) {
  process.stderr.write(`Unknown option(s): ${unknown.join(' ')}. Use --markdown and/or --write-docs.\n`);
  process.exit(2);
}

const DOCS = path.join(import.meta.dirname, '..', 'docs', 'regions.md');
const TABLE_START = '<!-- readability-table:start (npm run lint:bpmn -- --write-docs) -->';
const TABLE_END = '<!-- readability-table:end -->';

let failed = 0;
const rows: { model: string; figures: Readability }[] = [];
for (const region of regionDirs()) {
  const file = `bpmn/${region}/model.bpmn`;
  const xml = fs.readFileSync(path.join(import.meta.dirname, region, 'model.bpmn'), 'utf8');
  const findings = await validateModel(xml, readSeedSettings(region), modelJobTypes);
  for (const f of findings) process.stdout.write(`${file} ${f.elementId ?? '-'} ${f.rule}: ${f.message}\n`);
  const figures = await measureReadability(xml);
  const problems = readabilityProblems(figures);
  for (const p of problems) process.stdout.write(`${file} leesbaarheid: ${p}\n`);
  process.stdout.write(`${region}: ${findings.length === 0 ? 'valid' : `${findings.length} finding(s)`}, ${problems.length === 0 ? 'readable' : `${problems.length} readability problem(s)`}\n`);
  failed += findings.length + problems.length;
  rows.push({ model: region, figures });
}

const markdown = readabilityTable(rows, 'markdown');
process.stdout.write(`\n${args.has('--markdown') ? markdown : readabilityTable(rows, 'text')}\n`);
if (args.has('--write-docs')) {
  const docs = fs.readFileSync(DOCS, 'utf8');
  const start = docs.indexOf(TABLE_START);
  const end = docs.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    process.stderr.write(`docs/regions.md has no readability table markers (${TABLE_START} … ${TABLE_END}).\n`);
    process.exit(2);
  }
  fs.writeFileSync(DOCS, `${docs.slice(0, start + TABLE_START.length)}\n${markdown}\n${docs.slice(end)}`);
  process.stdout.write('Wrote the table into docs/regions.md.\n');
}
process.exit(failed === 0 ? 0 : 1);
