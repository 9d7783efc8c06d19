import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_A, signIn, startTestApi } from './support.js';

/**
 * The case list a region's people search in: reference search, filters that need the engine's
 * open tasks (waiting for my role), paging with the total in X-Total-Count, and a fixed sort.
 */
let api: Api;
const as: Record<string, Client> = {};
const cases: Array<{ id: string; reference: string; safety: boolean }> = [];

type Item = { id: string; reference: string; safety: boolean; waitingFor: string[]; overdue: boolean; dueDate: string | null; currentTier: number };

async function list(client: Client, query: string): Promise<{ status: number; total: number; items: Item[] }> {
  const response = await client.request('GET', `/api/regions/${REGION_A}/cases?${query}`);
  const body = await response.json();
  return { status: response.status, total: Number(response.headers.get('x-total-count')), items: body as Item[] };
}

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['beleidsmedewerker', 'manager', 'casusregisseur', 'accounthouder']) as[role] = await signIn(api, `${role}.${REGION_A}`);
  const upload = await as['beleidsmedewerker']!.json('POST', `/api/regions/${REGION_A}/models`, { xml: flowModel(REGION_A), comment: 'Testladder' });
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  expect((await as['beleidsmedewerker']!.json('POST', `/api/regions/${REGION_A}/models/${upload.body.version}/deploy`)).status).toBe(200);
  for (const safety of [false, true, false]) {
    const r = await as['casusregisseur']!.json('POST', `/api/regions/${REGION_A}/cases`, {
      domains: ['wonen'],
      stuckReason: 'Testcasus voor de casuslijst.',
      organisations: ['Woningcorporatie Oost'],
      safety,
      entry: 'regulier',
      person: { name: 'Test Inwoner' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    cases.push({ ...r.body, safety });
  }
});
afterAll(async () => api?.close());

test('search by reference finds exactly that case, and the list shows for whom it waits', async () => {
  const target = cases[1]!;
  const found = await eventually(async () => {
    const r = await list(as['manager']!, `q=${encodeURIComponent(target.reference.slice(-6))}`);
    return r.items[0]?.waitingFor.length ? r : undefined;
  }, 'the case waiting for the accounthouder');
  expect(found.status).toBe(200);
  expect(found.total).toBe(1);
  expect(found.items.map((c) => c.id)).toEqual([target.id]);
  expect(found.items[0]!.waitingFor).toEqual(['accounthouder']);
  expect(found.items[0]!.overdue).toBe(false);
  expect(JSON.stringify(found.items)).not.toContain('Test Inwoner');
});

test('filters: waiting for my role holds for the accounthouder, not for the casusregisseur; safety keeps only safety cases', async () => {
  const ours = new Set(cases.map((c) => c.id));
  const mine = await list(as['accounthouder']!, 'waitingForMe=true&pageSize=200');
  expect(cases.every((c) => mine.items.some((i) => i.id === c.id))).toBe(true);
  const notMine = await list(as['casusregisseur']!, 'waitingForMe=true&pageSize=200');
  expect(notMine.items.filter((i) => ours.has(i.id))).toEqual([]);
  const safety = await list(as['manager']!, 'safety=true&pageSize=200');
  expect(safety.items.every((i) => i.safety)).toBe(true);
  expect(safety.items.filter((i) => ours.has(i.id)).map((i) => i.id)).toEqual([cases[1]!.id]);
  // The test model sets no due dates, so none of these cases is overdue.
  const overdue = await list(as['manager']!, 'overdue=true&pageSize=200');
  expect(overdue.items.filter((i) => ours.has(i.id))).toEqual([]);
  expect(overdue.items.every((i) => i.overdue)).toBe(true);
});

test('pages do not overlap, the total is the same on each page, and sorting by reference is ascending', async () => {
  const first = await list(as['manager']!, 'sort=reference&dir=asc&pageSize=2&page=1');
  const second = await list(as['manager']!, 'sort=reference&dir=asc&pageSize=2&page=2');
  expect(first.total).toBeGreaterThanOrEqual(3);
  expect(second.total).toBe(first.total);
  expect(first.items).toHaveLength(2);
  const refs = [...first.items, ...second.items].map((i) => i.reference);
  expect(new Set(refs).size).toBe(refs.length);
  expect(refs).toEqual([...refs].sort());
});

test('a bad filter is refused with problem details, and a wildcard in the search is taken literally', async () => {
  const bad = await as['manager']!.request('GET', `/api/regions/${REGION_A}/cases?sort=name`);
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toContain('application/problem+json');
  const wildcard = await list(as['manager']!, 'q=%25');
  expect(wildcard.total).toBe(0);
});

test('a crisis melding is stored as such, filtered by urgentie, and starts with its termijnen', async () => {
  const r = await as['casusregisseur']!.json('POST', `/api/regions/${REGION_A}/cases`, {
    domains: ['wonen'],
    stuckReason: 'Testcasus met crisiskarakter.',
    organisations: [],
    safety: false,
    entry: 'regulier',
    urgentie: 'crisis',
    person: { name: 'Test Inwoner' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const crisis = await list(as['manager']!, 'urgentie=crisis&pageSize=200');
  expect(crisis.items.map((c) => c.id)).toContain(r.body.id);
  expect(crisis.items.every((c) => !cases.some((x) => x.id === c.id))).toBe(true);
  expect((await list(as['manager']!, 'urgentie=regulier&pageSize=200')).items.map((c) => c.id)).not.toContain(r.body.id);
  expect((await list(as['manager']!, 'urgentie=spoed')).status).toBe(400);
  const detail = await as['manager']!.json('GET', `/api/cases/${r.body.id}`);
  expect(detail.body.urgentie).toBe('crisis');
  const variables = await api.ctx.engine.variablesOf([detail.body.processInstanceKey]);
  const termijnen = JSON.parse(String(variables.find((v) => v.name === 'termijnen')?.value));
  expect(Object.keys(termijnen).length).toBeGreaterThan(0);
  expect(variables.find((v) => v.name === 'contactOntbreekt')?.value).toBe(false);
});
