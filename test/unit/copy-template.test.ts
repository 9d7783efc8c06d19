import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { copyTemplateModel } from '../../bpmn/copy.js';
import { validateModel } from '../../bpmn/validate.js';
import type { RegionSettings } from '../../domain/region.js';
import { readSeedSettings } from '../../platform/regions.js';
import { registry } from '../../workers/registry.js';

const BPMN = path.resolve(import.meta.dirname, '..', '..', 'bpmn');
const template = readSeedSettings('template');

function target(overrides: Partial<RegionSettings> = {}): RegionSettings {
  return {
    ...structuredClone(template),
    id: 'proefregio',
    name: 'Proefregio Noord',
    bpmnProcessId: 'doorzet-proefregio',
    tiers: template.tiers.map((t) => ({ number: t.number, name: `Niveau ${t.number}` })),
    ...overrides,
  };
}

test('the template model, copied, is a valid model of the new region and names nothing of the template', async () => {
  const source = fs.readFileSync(path.join(BPMN, 'template', 'model.bpmn'), 'utf8');
  const xml = await copyTemplateModel(source, template, target());
  // Its lanes carry the new region's tier names wherever they carried the template's.
  for (const [, name] of source.matchAll(/<bpmn:lane id="[^"]*" name="([^"]*)"/g)) {
    const tier = template.tiers.find((t) => name!.includes(t.name));
    if (tier) expect(xml).toContain(`name="${name!.replace(tier.name, `Niveau ${tier.number}`)}"`);
  }
  expect(await validateModel(xml, target(), Object.keys(registry))).toEqual([]);
  expect(xml).toContain('id="doorzet-proefregio"');
  expect(xml).toMatch(/candidateGroups="proefregio:/);
  expect(xml).not.toMatch(/template:|doorzet-template/);
});

test('a lane named with the template’s tier name gets the new region’s; other lanes keep theirs', async () => {
  const lane = (id: string, name: string, trede: number) =>
    `<bpmn:lane id="${id}" name="${name}"><bpmn:extensionElements><camunda:properties><camunda:property name="trede" value="${trede}" /></camunda:properties></bpmn:extensionElements><bpmn:flowNodeRef>t${trede}</bpmn:flowNodeRef></bpmn:lane>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://doorzet.example.org">
  <bpmn:collaboration id="c"><bpmn:participant id="p" name="Sjabloon" processRef="doorzet-template" /></bpmn:collaboration>
  <bpmn:process id="doorzet-template" isExecutable="true">
    <bpmn:laneSet id="ls">${lane('l0', 'Melding en regie', 0)}${lane('l1', `Trede 1 – ${template.tiers[0]!.name}`, 1)}${lane('l2', `Trede 2 – ${template.tiers[1]!.name}`, 2)}</bpmn:laneSet>
    <bpmn:userTask id="t0" camunda:candidateGroups="template:beleidsmedewerker" />
    <bpmn:userTask id="t1" camunda:candidateGroups="template:uitvoerder, template:procesregisseur" />
    <bpmn:userTask id="t2" camunda:candidateGroups="template:middenmanager" />
  </bpmn:process>
</bpmn:definitions>`;
  const copied = await copyTemplateModel(xml, template, target());
  expect(copied).toContain('name="Trede 1 – Niveau 1"');
  expect(copied).toContain('name="Trede 2 – Niveau 2"');
  expect(copied).toContain('name="Melding en regie"');
  expect(copied).toContain('camunda:candidateGroups="proefregio:uitvoerder,proefregio:procesregisseur"');
  expect(copied).toContain('<bpmn:participant id="p" name="Proefregio Noord" processRef="doorzet-proefregio" />');
});
