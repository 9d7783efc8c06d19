import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { adaptTemplateToRegion } from '../../web-modeler/src/modeler/region-template.js';
import { BPMN_DIR } from '../../platform/deploy.js';

const groupsIn = (xml: string) => [...xml.matchAll(/camunda:candidateGroups="([^"]*)"/g)].flatMap((m) => m[1]!.split(',').map((g) => g.trim()));

test('the template model becomes the region its first version is for: process id and every candidate group', () => {
  const template = fs.readFileSync(path.join(BPMN_DIR, 'template', 'model.bpmn'), 'utf8');
  const groups = groupsIn(template);
  expect(groups.length, 'the template model has user tasks with camunda:candidateGroups').toBeGreaterThan(0);

  const adapted = adaptTemplateToRegion(template, 'wijchen');
  expect(adapted).toContain('<bpmn:process id="doorzet-wijchen"');
  expect(adapted).not.toContain('"doorzet-template"');
  expect(groupsIn(adapted)).toEqual(groups.map((g) => g.replace(/^template:/, 'wijchen:')));
});

test('only the region part of a candidate group changes, in every group of a list', () => {
  const xml =
    '<bpmn:process id="doorzet-twente"><bpmn:userTask id="T" name="twente: overleg" camunda:candidateGroups="twente:consulent, twente:manager,almere:twente" /></bpmn:process>';
  expect(adaptTemplateToRegion(xml, 'almere')).toBe(
    '<bpmn:process id="doorzet-almere"><bpmn:userTask id="T" name="twente: overleg" camunda:candidateGroups="almere:consulent, almere:manager,almere:twente" /></bpmn:process>',
  );
  expect(adaptTemplateToRegion(xml, 'twente')).toBe(xml);
});
