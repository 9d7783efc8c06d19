/**
 * `npm run lint:bpmn`: validates every region's model against its settings and the workers'
 * registry, the same check the API runs on upload: bpmnlint (recommended rules and the
 * camunda-compat `camunda-platform-7-24` preset, the closest upstream of Operaton 1.0, see
 * .bpmnlintrc) plus Doorzet's own rules in validate.ts. Exits non-zero with the findings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSeedSettings, regionDirs } from '../platform/regions.js';
import { registry } from '../workers/registry.js';
import { validateModel } from './validate.js';

let failed = 0;
for (const region of regionDirs()) {
  const findings = await validateModel(
    fs.readFileSync(path.join(import.meta.dirname, region, 'model.bpmn'), 'utf8'),
    readSeedSettings(region),
    Object.keys(registry),
  );
  for (const f of findings) process.stdout.write(`bpmn/${region}/model.bpmn ${f.elementId ?? '-'} ${f.rule}: ${f.message}\n`);
  process.stdout.write(`${region}: ${findings.length === 0 ? 'ok' : `${findings.length} finding(s)`}\n`);
  failed += findings.length;
}
process.exit(failed === 0 ? 0 : 1);
