import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_B, signIn, startTestApi } from './support.js';

/**
 * The dashboard's heat map over model versions: cases still running on an older version count at
 * their step too, drawn on the newest model where the step still exists and listed apart where it does not.
 */
let api: Api;
const as: Record<string, Client> = {};

type Statistics = {
  elements: Array<{ elementId: string; name: string; active: number; onlyInOlderVersions: boolean }>;
  versions: Array<{ version: number; active: number }>;
};

async function deploy(xml: string): Promise<number> {
  const upload = await as['beleidsmedewerker']!.json('POST', `/api/regions/${REGION_B}/models`, { xml, comment: 'Testladder' });
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  const deployed = await as['beleidsmedewerker']!.json('POST', `/api/regions/${REGION_B}/models/${upload.body.version}/deploy`);
  expect(deployed.status).toBe(200);
  return deployed.body.engineVersion as number;
}

async function melding(): Promise<void> {
  const r = await as['casusregisseur']!.json('POST', `/api/regions/${REGION_B}/cases`, {
    domains: ['ggz'],
    stuckReason: 'Test voor de heatmap over versies.',
    organisations: [],
    safety: false,
    entry: 'regulier',
    person: { name: 'Test Inwoner' },
  });
  expect(r.status).toBe(201);
}

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['beleidsmedewerker', 'casusregisseur', 'manager']) as[role] = await signIn(api, `${role}.${REGION_B}`);
});
afterAll(async () => api?.close());

test('cases on an older version are counted at their step, and a step the newest model no longer has is named and marked', async () => {
  await deploy(flowModel(REGION_B));
  await melding();
  // The next version renames the first step (a new id), so the case above stays on a step only the old version has.
  const next = flowModel(REGION_B)
    .replace(/(id|bpmnElement|sourceRef|targetRef)="beoordelen"/g, '$1="beoordelen-nieuw"')
    .replace(/<bpmn:(incoming|outgoing)>beoordelen<\//g, '<bpmn:$1>beoordelen-nieuw</')
    .replace('name="Los op of schaal op"', 'name="Beoordelen in de nieuwe versie"');
  await deploy(next);
  await melding();
  const statistics = await eventually(async () => {
    const r = await as['manager']!.json('GET', `/api/regions/${REGION_B}/element-statistics`);
    const s = r.body as Statistics;
    const both = s.elements.find((e) => e.elementId === 'beoordelen' && e.active > 0) && s.elements.find((e) => e.elementId === 'beoordelen-nieuw' && e.active > 0);
    return both ? s : undefined;
  }, 'both cases at their first step');
  expect(statistics.elements.find((e) => e.elementId === 'beoordelen')).toMatchObject({ name: 'Los op of schaal op', onlyInOlderVersions: true });
  expect(statistics.elements.find((e) => e.elementId === 'beoordelen-nieuw')).toMatchObject({ name: 'Beoordelen in de nieuwe versie', onlyInOlderVersions: false });
  expect(statistics.versions.length).toBeGreaterThanOrEqual(2);
  expect(statistics.versions[0]!.version).toBeGreaterThan(statistics.versions[1]!.version);
});
