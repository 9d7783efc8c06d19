import fs from 'node:fs';
import path from 'node:path';

/** The test ladder (beoordelen → besluit → voortgang, plus "casus opgelost" from anywhere) for one test region. */
export function flowModel(region: string): string {
  return fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'flow.bpmn'), 'utf8').replaceAll('REGION', region);
}
