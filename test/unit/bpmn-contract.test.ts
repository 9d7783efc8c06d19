import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateModel } from '../../bpmn/validate.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { readSeedSettings, regionDirs } from '../../platform/regions.js';
import { registry } from '../../workers/registry.js';

const SEED_REGIONS = ['almere', 'gooi-en-vechtstreek', 'template', 'twente', 'wijchen'];
const modelXml = (region: string) => fs.readFileSync(path.join(BPMN_DIR, region, 'model.bpmn'), 'utf8');
const jobTypesIn = (xml: string) => [...xml.matchAll(/<zeebe:taskDefinition\b[^>]*\btype="([^"]+)"/g)].map((m) => m[1]!);

test('every seed region has a model and settings', () => {
  expect(regionDirs()).toEqual(SEED_REGIONS);
});

test('the job types used in bpmn/ are exactly the keys of the workers registry', () => {
  const used = new Set(regionDirs().flatMap((region) => jobTypesIn(modelXml(region))));
  expect([...used].sort()).toEqual(Object.keys(registry).sort());
});

describe.each(SEED_REGIONS)('%s', (region) => {
  test('settings.json parses, with fictional example.org contacts and the tier-0 roles every region needs', () => {
    const settings = readSeedSettings(region);
    expect(settings.bpmnProcessId).toBe(`doorzet-${region}`);
    const emails = [
      ...settings.roles.flatMap((r) => r.contacts.map((c) => c.email)),
      ...settings.partners.map((p) => p.contact.email),
      settings.learningMeeting.contact.email,
      ...(settings.coordinator ? [settings.coordinator.contact.email] : []),
    ];
    expect(emails.filter((e) => !e.endsWith('@example.org'))).toEqual([]);
    for (const id of ['beleidsmedewerker', 'manager']) expect(settings.roles.find((r) => r.id === id)?.tier).toBe(0);
    for (const [key, deadline] of Object.entries(settings.deadlines)) expect(deadline.source, key).toMatch(/seed|aanname|RDM/);
  });

  test('the model passes validateModel with its settings and the registry', async () => {
    expect(await validateModel(modelXml(region), readSeedSettings(region), Object.keys(registry))).toEqual([]);
  });

  test('the model carries a diagram for the browser modeler, including the event sub-process', () => {
    const xml = modelXml(region);
    expect(xml).toContain('<bpmndi:BPMNShape id="CasusOpgelost_di" bpmnElement="CasusOpgelost">');
    expect(xml).toContain('<bpmndi:BPMNPlane id="BPMNPlane_CasusOpgelost" bpmnElement="CasusOpgelost">');
    const boundaries = [...xml.matchAll(/<bpmn:boundaryEvent id="([^"]+)"/g)].map((m) => m[1]!);
    expect(boundaries.length).toBeGreaterThan(0);
    for (const id of boundaries) expect(xml).toContain(`bpmnElement="${id}"`);
  });
});
