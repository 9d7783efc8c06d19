import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { RegionSettings } from '../../domain/region.js';
import { createApp, prepareApi } from '../../api/server.js';
import { type TestContext, testContext } from '../support/context.js';

/** Two fictional regions of our own, so API tests do not depend on (or disturb) the seed regions. */
export function testRegion(id: string): RegionSettings {
  const contact = (who: string) => ({ name: `Contact ${who}`, email: `${who}.${id}@example.org` });
  return {
    id,
    name: `Testregio ${id}`,
    bpmnProcessId: `doorzet-${id}`,
    tiers: [
      { number: 1, name: 'Casusregie' },
      { number: 2, name: 'Accounthouder' },
      { number: 3, name: 'Bestuurlijk' },
    ],
    roles: [
      { id: 'beleidsmedewerker', name: 'Beleidsmedewerker', tier: 0, contacts: [contact('beleid')] },
      { id: 'manager', name: 'Manager', tier: 0, contacts: [contact('manager')] },
      { id: 'casusregisseur', name: 'Casusregisseur', tier: 1, contacts: [contact('regie')] },
      { id: 'accounthouder', name: 'Accounthouder', tier: 2, contacts: [contact('account')] },
      { id: 'portefeuillehouder', name: 'Portefeuillehouder', tier: 3, contacts: [contact('pfh')] },
      { id: 'functioneel-beheerder', name: 'Functioneel beheerder', tier: 0, contacts: [contact('beheer')] },
    ],
    partners: [{ id: 'ggz-oost', name: 'GGZ Oost', mandate: true, contact: contact('ggz') }],
    deadlines: { accounthouder: { label: 'Accounthouder lost op', escalateAfter: { werkdagen: 5 } } },
    learningMeeting: { name: 'Leertafel', weekday: 3, everyWeeks: 4, contact: contact('leer') },
  };
}

export const REGION_A = 'api-test-a';
export const REGION_B = 'api-test-b';
export const ROLES = ['beleidsmedewerker', 'manager', 'casusregisseur', 'accounthouder', 'portefeuillehouder', 'functioneel-beheerder'] as const;

export type Api = { url: string; ctx: TestContext; close(): Promise<void> };

export async function startTestApi(env: Record<string, string> = {}): Promise<Api> {
  const ctx = testContext(env);
  for (const id of [REGION_A, REGION_B]) {
    const settings = testRegion(id);
    await ctx.db.query(
      `INSERT INTO region (id, name, settings, updated_by) VALUES ($1, $2, $3, 'test')
       ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, name = EXCLUDED.name`,
      [id, settings.name, JSON.stringify(settings)],
    );
  }
  await prepareApi(ctx);
  const server: Server = await new Promise((resolve) => {
    const s = createApp(ctx).listen(0, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await ctx.close();
    },
  };
}

export type Client = {
  csrfToken: string;
  userId: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
};

/** A signed-in browser: keeps the session cookie and sends the CSRF token on mutations. */
export async function signIn(api: Api, username: string, password = 'doorzet-demo'): Promise<Client> {
  const response = await fetch(`${api.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} gave ${response.status}: ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const session = (await response.json()) as { csrfToken: string; user: { id: string } };
  const client: Client = {
    csrfToken: session.csrfToken,
    userId: session.user.id,
    request: (method, path, body, headers = {}) =>
      fetch(`${api.url}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          cookie,
          ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async json(method, path, body) {
      const r = await client.request(method, path, body);
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    },
  };
  return client;
}
