import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { many } from '../../platform/db/pool.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_B, signIn, startTestApi } from './support.js';

let api: Api;
let policy: Client;

const counts = async () => ({
  versions: (await many(api.ctx.db, z.object({ n: z.coerce.number() }), 'SELECT count(*) AS n FROM model_version WHERE region_id = $1', [REGION_B]))[0]!.n,
  // Versions are numbered 1, 2, ... per process: the newest number counts the deployments.
  definitions: (await api.ctx.engine.newestDefinition(`doorzet-${REGION_B}`))?.version ?? 0,
});

beforeAll(async () => {
  api = await startTestApi();
  policy = await signIn(api, `beleidsmedewerker.${REGION_B}`);
});
afterAll(async () => api?.close());

const good = () => flowModel(REGION_B);
const cases: { name: string; xml: () => string; rule: string; elementId?: string }[] = [
  { name: 'malformed XML', xml: () => good().replace('</bpmn:process>', '</bpmn:proces>'), rule: 'xml-not-well-formed' },
  { name: 'not BPMN', xml: () => '<?xml version="1.0"?><html><body>geen model</body></html>', rule: 'not-bpmn' },
  { name: 'oversized', xml: () => good().replace('</bpmn:definitions>', `<!-- ${'x'.repeat(600 * 1024)} --></bpmn:definitions>`), rule: 'size-limit' },
  {
    name: 'DOCTYPE with entities (billion laughs)',
    xml: () => good().replace('<bpmn:definitions', '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<bpmn:definitions'),
    rule: 'xml-entities',
  },
  {
    name: 'unknown job type',
    xml: () =>
      good()
        .replace('<bpmn:userTask id="voortgang"', '<bpmn:serviceTask id="onbekend" name="Onbekend" camunda:type="external" camunda:topic="bestaat-niet" />\n    <bpmn:userTask id="voortgang"'),
    rule: 'unknown-job-type',
    elementId: 'onbekend',
  },
  {
    name: 'candidate group that is not a role of the region',
    xml: () => good().replace(`${REGION_B}:portefeuillehouder`, `${REGION_B}:wethouder`),
    rule: 'candidate-group',
    elementId: 'besluit',
  },
];

test.each(cases)('$name is refused with its finding, and nothing is stored or deployed', async ({ xml, rule, elementId }) => {
  const before = await counts();
  const validated = await policy.json('POST', `/api/regions/${REGION_B}/models/validate`, { xml: xml() });
  expect(validated.status).toBe(200);
  expect(validated.body.findings.map((f: { rule: string }) => f.rule)).toContain(rule);
  const upload = await policy.json('POST', `/api/regions/${REGION_B}/models`, { xml: xml(), comment: 'poging' });
  expect(upload.status).toBe(422);
  expect(upload.body.type).toBe('https://doorzet.example.org/problems/model-refused');
  const finding = upload.body.errors.find((f: { rule: string }) => f.rule === rule);
  expect(finding, JSON.stringify(upload.body.errors)).toBeDefined();
  if (elementId) expect(upload.body.errors.some((f: { rule: string; elementId: string }) => f.rule === rule && f.elementId === elementId)).toBe(true);
  expect(await counts()).toEqual(before);
});

test('a valid model is stored as a new version with author and comment, and deployed only on request', async () => {
  const before = await counts();
  const upload = await policy.json('POST', `/api/regions/${REGION_B}/models`, { xml: good(), comment: 'Eerste versie' });
  expect(upload.status).toBe(201);
  expect(upload.body).toMatchObject({ comment: 'Eerste versie', deployedAt: null, processDefinitionKey: null });
  expect(upload.body.author).not.toBe('');
  expect((await counts()).definitions).toBe(before.definitions);
  const deployed = await policy.json('POST', `/api/regions/${REGION_B}/models/${upload.body.version}/deploy`);
  expect(deployed.body.processDefinitionKey).toMatch(new RegExp(`^doorzet-${REGION_B}:\\d+:`));
  const list = await policy.json('GET', `/api/regions/${REGION_B}/models`);
  expect(list.body[0]).toMatchObject({ version: upload.body.version, engineVersion: deployed.body.engineVersion });
  const one = await policy.json('GET', `/api/regions/${REGION_B}/models/${upload.body.version}`);
  expect(one.body.xml).toBe(good());
});
