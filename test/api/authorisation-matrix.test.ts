import { afterAll, beforeAll, expect, test } from 'vitest';
import { routes } from '../../api/routes.js';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_A, REGION_B, ROLES, signIn, startTestApi } from './support.js';

/**
 * Every route × every role in two regions (+ anonymous), against a case, a task and a
 * model of region A. The expectations are written here, in the users' terms, and must name
 * every route in api/routes.ts: a new route without an entry fails this test.
 */
type Role = (typeof ROLES)[number];
type Who = { role: Role; inA: boolean };
const CASE_WORKERS: Role[] = ['casusregisseur', 'accounthouder', 'portefeuillehouder'];

const anyone = () => true;
const memberOfA = (w: Who) => w.inA;
const caseWorkerOfA = (w: Who) => w.inA && CASE_WORKERS.includes(w.role);
const policyOfA = (w: Who) => w.inA && w.role === 'beleidsmedewerker';
const policyOrManagerOfA = (w: Who) => w.inA && (w.role === 'beleidsmedewerker' || w.role === 'manager');
const functionalAdminOfA = (w: Who) => w.inA && w.role === 'functioneel-beheerder';
const policyOrManagerAnywhere = (w: Who) => w.role === 'beleidsmedewerker' || w.role === 'manager';
// A new region starts from the template: any region's policy officer may start one.
const policyAnywhere = (w: Who) => w.role === 'beleidsmedewerker';
// The region's top of the ladder: the fixed-format reports after the bestuurlijk overleg are addressed to it.
const boardOfA = (w: Who) => w.inA && w.role === 'portefeuillehouder';
// The test task is the accounthouder's `beoordelen` in region A (candidate group api-test-a:accounthouder).
const taskGroupOfA = (w: Who) => w.inA && w.role === 'accounthouder';
// Need-to-know: the casusregisseur made the melding, the accounthouder has its task; the
// portefeuillehouder of the same region has neither (until breaking the glass, tested below).
const caseRoleOfA = (w: Who) => w.inA && (w.role === 'casusregisseur' || w.role === 'accounthouder');

const expectations: Record<string, 'public' | ((w: Who) => boolean)> = {
  'session.create': 'public',
  'session.get': anyone,
  'session.delete': anyone,
  'session.methods': 'public',
  'session.oidc.start': 'public',
  'session.oidc.callback': 'public',
  'regions.list': anyone,
  'regions.get': memberOfA,
  'regions.update': policyOfA,
  'regions.template': policyAnywhere,
  'regions.create': policyAnywhere,
  'models.list': memberOfA,
  'models.template': policyOfA,
  'models.get': memberOfA,
  'models.changes': policyOfA,
  'models.validate': policyOfA,
  'models.upload': policyOfA,
  'models.deploy': policyOfA,
  'models.elementTemplates': anyone,
  'cases.create': caseWorkerOfA,
  'cases.meldingOptions': caseWorkerOfA,
  'cases.list': memberOfA,
  'cases.get': memberOfA,
  'cases.person': caseRoleOfA,
  'cases.comments': caseRoleOfA,
  'cases.comment': caseRoleOfA,
  'cases.timeline': memberOfA,
  'cases.path': memberOfA,
  'cases.solved': caseWorkerOfA,
  'cases.decisions': memberOfA,
  'tasks.list': anyone,
  'tasks.count': anyone,
  'tasks.get': taskGroupOfA,
  'tasks.claim': taskGroupOfA,
  'tasks.release': taskGroupOfA,
  'tasks.complete': taskGroupOfA,
  'tasks.followUp': taskGroupOfA,
  'metrics.get': memberOfA,
  'metrics.csv': memberOfA,
  'metrics.elements': memberOfA,
  'meetings.list': memberOfA,
  'learningAgenda.list': policyOrManagerOfA,
  'learningAgenda.planMeeting': policyOfA,
  'learningAgenda.recordOutcome': policyOfA,
  'evaluation.get': policyOrManagerOfA,
  'evaluation.csv': policyOrManagerOfA,
  'clientFeedback.status': caseRoleOfA,
  'clientFeedback.link': caseRoleOfA,
  'public.clientFeedback.lookup': 'public',
  'public.clientFeedback.answer': 'public',
  'feedback.list': boardOfA,
  'feedback.csv': boardOfA,
  'audit.query': policyOrManagerAnywhere,
  'audit.caseCsv': policyOrManagerOfA,
  'privacy.breakGlass': caseWorkerOfA,
  'privacy.accessGrants': caseRoleOfA,
  'privacy.consentRecord': caseRoleOfA,
  'privacy.consent': memberOfA,
  'public.region': 'public',
  'public.melding': 'public',
  'cases.reporterContact': caseRoleOfA,
  'privacy.personExport': functionalAdminOfA,
  'privacy.personErase': functionalAdminOfA,
  'privacy.reporterExport': functionalAdminOfA,
  'privacy.reporterErase': functionalAdminOfA,
  'privacy.retentionRun': functionalAdminOfA,
  'privacy.retentionRuns': functionalAdminOfA,
  'admin.incidents': functionalAdminOfA,
  'admin.incidents.retry': functionalAdminOfA,
  'admin.externalTasks': functionalAdminOfA,
};

let api: Api;
const clients = new Map<string, Client>();
let caseId: string;
let taskKey: string;
let modelVersion: number;
let settingsA: unknown;

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ROLES) for (const region of [REGION_A, REGION_B]) clients.set(`${role}.${region}`, await signIn(api, `${role}.${region}`));
  const policy = clients.get(`beleidsmedewerker.${REGION_A}`)!;
  const uploaded = await policy.json('POST', `/api/regions/${REGION_A}/models`, { xml: flowModel(REGION_A), comment: 'matrix' });
  modelVersion = uploaded.body.version;
  expect((await policy.json('POST', `/api/regions/${REGION_A}/models/${modelVersion}/deploy`)).status).toBe(200);
  const created = await clients.get(`casusregisseur.${REGION_A}`)!.json('POST', `/api/regions/${REGION_A}/cases`, {
    domains: ['schulden'],
    stuckReason: 'Matrixtest',
    organisations: [],
    safety: false,
    entry: 'regulier',
    person: { name: 'Mira Matrix' },
  });
  caseId = created.body.id;
  taskKey = await eventually(async () => {
    const tasks = (await clients.get(`accounthouder.${REGION_A}`)!.json('GET', `/api/tasks?caseId=${caseId}`)).body as { caseId: string; key: string }[];
    return tasks.find((t) => t.caseId === caseId)?.key;
  }, 'the matrix task');
  settingsA = (await policy.json('GET', `/api/regions/${REGION_A}`)).body;
});
afterAll(async () => api?.close());

/** A request that reaches the handler only when allowed, and changes nothing when it does. */
function call(id: string): { method: string; path: string; body?: unknown } {
  const route = routes.find((r) => r.id === id)!;
  const path = route.path
    .replace(':region', REGION_A)
    .replace(':id', caseId)
    .replace(':key', taskKey)
    // An overleg and an item that do not exist: allowed callers get 400 (empty body) before that matters.
    .replace(':meetingId', '00000000-0000-4000-8000-000000000000')
    .replace(':itemId', '1')
    .replace(':version', id === 'models.deploy' ? '999999' : String(modelVersion));
  const bodies: Record<string, unknown> = {
    'regions.update': settingsA,
    // An empty new region: refused by validation, so the matrix run creates nothing.
    'regions.create': {},
    'models.validate': { xml: '<niet-bpmn/>' },
    'models.upload': { xml: '<niet-bpmn/>', comment: 'matrix' },
    'cases.create': { domains: [] },
    'cases.solved': {},
    'tasks.complete': { outcome: 'misschien' },
    // Empty bodies: refused by validation, so the matrix run writes nothing.
    'cases.comment': {},
    'tasks.followUp': {},
    // No reason: refused by validation, so the matrix run grants nobody anything.
    'privacy.breakGlass': {},
    'privacy.personExport': {},
    'privacy.consentRecord': {},
    'privacy.personErase': {},
    'privacy.reporterExport': {},
    'privacy.reporterErase': {},
  };
  return { method: route.method.toUpperCase(), path, body: route.method === 'get' || route.method === 'delete' ? undefined : (bodies[id] ?? {}) };
}

test('every route has an expectation, and every expectation a route', () => {
  expect(Object.keys(expectations).sort()).toEqual(routes.map((r) => r.id).sort());
});

test('every route × role × region: allowed callers get past authorisation, the others get 403, anonymous callers 401', async () => {
  const failures: string[] = [];
  let checked = 0;
  for (const route of routes) {
    const expected = expectations[route.id];
    if (expected === undefined || expected === 'public') continue;
    const { method, path, body } = call(route.id);
    const anonymous = await fetch(`${api.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    if (anonymous.status !== 401) failures.push(`${route.id} anonymous → ${anonymous.status}`);
    for (const role of ROLES) {
      for (const region of [REGION_A, REGION_B]) {
        const who = { role, inA: region === REGION_A };
        // Signing out ends the session, so that route gets a session of its own.
        const client = route.id === 'session.delete' ? await signIn(api, `${role}.${region}`) : clients.get(`${role}.${region}`)!;
        const response = await client.request(method, path, body);
        const allowed = expected(who);
        const ok = allowed ? response.status < 500 && response.status !== 401 && response.status !== 403 : response.status === 403;
        if (!ok) failures.push(`${route.id} as ${role}.${region}: expected ${allowed ? 'allowed' : '403'}, got ${response.status} ${await response.text()}`);
        checked += 1;
      }
    }
  }
  expect(failures).toEqual([]);
  expect(checked).toBeGreaterThan(250);
});

test('break the glass: a region role without a task reads the personal data only after giving a reason, and the case\'s accounthouder sees who and why', async () => {
  const outsider = clients.get(`portefeuillehouder.${REGION_A}`)!;
  const accounthouder = clients.get(`accounthouder.${REGION_A}`)!;
  expect((await outsider.request('GET', `/api/cases/${caseId}/person`)).status).toBe(403);

  // No (or too short) reason: refused, and still no access.
  expect((await outsider.json('POST', `/api/cases/${caseId}/break-glass`, { reden: 'nodig' })).status).toBe(400);
  expect((await outsider.request('GET', `/api/cases/${caseId}/person`)).status).toBe(403);
  // Not on the ladder, or not of this region: no glass to break.
  expect((await clients.get(`beleidsmedewerker.${REGION_A}`)!.json('POST', `/api/cases/${caseId}/break-glass`, { reden: 'Crisisoverleg vanavond, gezin onbereikbaar' })).status).toBe(403);
  expect((await clients.get(`portefeuillehouder.${REGION_B}`)!.json('POST', `/api/cases/${caseId}/break-glass`, { reden: 'Crisisoverleg vanavond, gezin onbereikbaar' })).status).toBe(403);

  const reason = 'Crisisoverleg vanavond, gezin onbereikbaar';
  const granted = await outsider.json('POST', `/api/cases/${caseId}/break-glass`, { reden: reason });
  expect(granted.status).toBe(201);
  const person = await outsider.json('GET', `/api/cases/${caseId}/person`);
  expect(person.status).toBe(200);
  expect(person.body.name).toBe('Mira Matrix');

  const grants = await accounthouder.json('GET', `/api/cases/${caseId}/access-grants`);
  expect(grants.status).toBe(200);
  expect(grants.body).toEqual([expect.objectContaining({ role: 'portefeuillehouder', reason, userName: expect.any(String) })]);
  const timeline = (await accounthouder.json('GET', `/api/cases/${caseId}/timeline`)).body as { kind: string; summary: string }[];
  expect(timeline.some((e) => e.kind === 'noodtoegang')).toBe(true);
  // The reason is for the case's roles, not for every member who reads the timeline.
  expect(JSON.stringify(timeline)).not.toContain(reason);

  // NEN 7513: the grant and the read it allowed are both in the access log, in the outsider's role.
  const { rows } = await api.ctx.db.query<{ event: string; outcome: string; responsible_role: string }>(
    `SELECT event, outcome, responsible_role FROM audit_log WHERE case_id = $1 AND user_id = $2 ORDER BY id`,
    [caseId, outsider.userId],
  );
  expect(rows).toEqual(
    expect.arrayContaining([
      { event: 'person.break-glass', outcome: 'allowed', responsible_role: 'portefeuillehouder' },
      { event: 'person.read', outcome: 'allowed', responsible_role: 'portefeuillehouder' },
    ]),
  );

  // The case's own roles are told by e-mail, without the resident's data or the reason.
  const { rows: mails } = await api.ctx.db.query<{ recipients: string[]; subject: string; text_body: string }>(
    `SELECT recipients, subject, text_body FROM mail_outbox WHERE case_id = $1 AND kind = 'noodtoegang' ORDER BY id`,
    [caseId],
  );
  expect(mails.flatMap((m) => m.recipients).sort()).toEqual([`account.${REGION_A}@example.org`, `regie.${REGION_A}@example.org`]);
  for (const mail of mails) {
    expect(mail.subject).toMatch(/^Noodtoegang tot gegevens bij casus DZ-/);
    expect(mail.text_body).toContain('portefeuillehouder');
    expect(`${mail.subject} ${mail.text_body}`).not.toMatch(/Mira|Crisisoverleg/);
  }

  // The grant expires: once past, the outsider is refused again.
  await api.ctx.db.query(`UPDATE case_access_grant SET expires_at = now() - interval '1 second' WHERE case_id = $1`, [caseId]);
  expect((await outsider.request('GET', `/api/cases/${caseId}/person`)).status).toBe(403);
});
