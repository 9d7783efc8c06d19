import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, testContext } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, signIn, startTestApi, testRegion } from './support.js';
import { upsertRegion } from '../support/seed-case.js';
import { insertFeedbackForm } from '../../api/feedback/repository.js';
import { pgStore } from '../../workers/repositories.js';

/**
 * Retention and erasure remove a case from both databases. The proof is a search of every
 * table of Doorzet's database and of the engine's for everything that names the case: its id
 * (also the engine's business key), its reference, its process instance, the resident's name
 * and BSN; as text and, for binary columns (the engine's byte arrays), as hex.
 */
const REGION = 'api-test-privacy';
let api: Api;
let as: Record<string, Client> = {};
let engineDb: pg.Pool;

type Traces = Record<string, string[]>;

async function tracesIn(db: pg.Pool, needles: string[]): Promise<Traces> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  expect(tables.rows.length).toBeGreaterThan(5);
  const found: Traces = {};
  for (const { name } of tables.rows) {
    for (const needle of needles) {
      const hex = Buffer.from(needle, 'utf8').toString('hex');
      const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name} t WHERE t::text ILIKE $1 OR t::text ILIKE $2`, [`%${needle}%`, `%${hex}%`]);
      if (r.rows[0]!.n > 0) (found[name] ??= []).push(needle);
    }
  }
  return found;
}

async function everywhere(needles: string[]) {
  return { doorzet: await tracesIn(api.ctx.db, needles), engine: await tracesIn(engineDb, needles) };
}

beforeAll(async () => {
  // A region of this file's own, so shortening its retention touches no other test's cases.
  const setup = testContext();
  const settings = { ...testRegion(REGION), retentionDays: 1 };
  await upsertRegion(setup.db, settings);
  await setup.close();
  api = await startTestApi();
  engineDb = new pg.Pool({ connectionString: api.ctx.config.ENGINE_DATABASE_URL as string, max: 2 });
  for (const role of ['beleidsmedewerker', 'casusregisseur', 'accounthouder', 'portefeuillehouder', 'functioneel-beheerder']) as[role] = await signIn(api, `${role}.${REGION}`);
  const uploaded = await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION}/models`, { xml: flowModel(REGION), comment: 'bewaartermijn' });
  expect((await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION}/models/${uploaded.body.version}/deploy`)).status).toBe(200);
});
afterAll(async () => {
  await engineDb?.end();
  await api?.close();
});

type Made = { id: string; reference: string; instance: string; name: string; bsn: string };

async function melding(name: string, bsn: string): Promise<Made> {
  const r = await as.casusregisseur!.json('POST', `/api/regions/${REGION}/cases`, {
    domains: ['jeugd'],
    stuckReason: 'Wachtlijst jeugdhulp, school en wijkteam wijzen naar elkaar',
    organisations: ['Jeugdzorg Noord'],
    safety: false,
    entry: 'regulier',
    person: { name, bsn, birthDate: '2013-05-06', details: 'Fictief: schoolverzuim' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const { rows } = await api.ctx.db.query<{ process_instance_key: string }>('SELECT process_instance_key FROM "case" WHERE id = $1', [r.body.id]);
  return { ...r.body, instance: rows[0]!.process_instance_key, name, bsn };
}

/** Works the case through the model to its end, with reads and a break-the-glass on the way, so it leaves traces everywhere. */
async function workToEnd(c: Made) {
  expect((await as.accounthouder!.json('GET', `/api/cases/${c.id}/person`)).status).toBe(200);
  expect((await as.portefeuillehouder!.json('POST', `/api/cases/${c.id}/break-glass`, { reden: 'Crisisoverleg vanavond, gezin onbereikbaar' })).status).toBe(201);
  const task = await eventually(async () => {
    const tasks = (await as.accounthouder!.json('GET', `/api/tasks?caseId=${c.id}`)).body as { caseId: string; key: string }[];
    return tasks.find((t) => t.caseId === c.id);
  }, 'beoordelen');
  expect((await as.accounthouder!.json('POST', `/api/tasks/${task.key}/claim`)).status).toBe(200);
  const done = await as.accounthouder!.json('POST', `/api/tasks/${task.key}/complete`, { outcome: 'opgelost', toelichting: 'Jeugdzorg Noord start volgende week.' });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  await eventually(async () => ((await api.ctx.engine.getProcessInstance(c.instance))?.state === 'ACTIVE' ? undefined : true), 'the instance to end');
}

/** What the model's closing worker does when the escalation ends, dated back so the case is `daysAgo` past closing. */
async function closedDaysAgo(c: Made, daysAgo: number) {
  await api.ctx.db.query(`UPDATE "case" SET status = 'solved', closed_at = now() - make_interval(days => $2) WHERE id = $1`, [c.id, daysAgo]);
}

const needlesOf = (c: Made) => [c.id, c.reference, c.instance, c.name, c.bsn];

test('retention: a closed case past its region\'s period leaves no trace in any table of either database; younger and open cases stay; the run reports counts only', async () => {
  const expired = await melding('Rosa Retentie', '999990031');
  const recent = await melding('Ravi Recent', '999990032');
  const open = await melding('Olga Open', '999990033');
  await workToEnd(expired);
  await workToEnd(recent);
  await closedDaysAgo(expired, 2);
  await closedDaysAgo(recent, 0);

  // The search finds the case before the run, in both databases: it can fail.
  const before = await everywhere(needlesOf(expired));
  expect(Object.keys(before.doorzet)).toEqual(expect.arrayContaining(['public."case"', 'public.case_person', 'public.case_event', 'public.audit_log', 'public.case_access_grant']));
  expect(Object.keys(before.engine)).toEqual(expect.arrayContaining(['public.act_hi_procinst', 'public.act_hi_varinst', 'public.act_hi_taskinst']));

  const run = await as['functioneel-beheerder']!.json('POST', `/api/regions/${REGION}/privacy/retention-runs`);
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  expect(run.body).toMatchObject({ trigger: 'manual', regionId: REGION, casesRemoved: 1, report: { perRegion: { [REGION]: 1 }, failed: 0 } });
  expect(run.body.report.rows).toMatchObject({ case: 1, case_person: 1, engineInstances: 1 });
  expect(run.body.report.rows.audit_log).toBeGreaterThan(0);
  // The report names no case.
  expect(JSON.stringify(run.body)).not.toContain(expired.reference);

  expect(await everywhere(needlesOf(expired))).toEqual({ doorzet: {}, engine: {} });
  for (const kept of [recent, open]) {
    const after = await everywhere([kept.id]);
    expect(Object.keys(after.doorzet)).toContain('public.case_person');
    expect(Object.keys(after.engine)).toContain('public.act_hi_procinst');
  }
  const reports = await as['functioneel-beheerder']!.json('GET', `/api/regions/${REGION}/privacy/retention-runs`);
  expect(reports.body[0]).toMatchObject({ id: run.body.id, casesRemoved: 1 });
});

test('inzage and erasure on request: the export holds the person\'s cases with their access log and feedback forms; erasure is refused while a case is open unless a reason is given, then nothing remains', async () => {
  const bsn = '999990044';
  const first = await melding('Wim Wissen', bsn);
  await workToEnd(first);
  await closedDaysAgo(first, 0);
  const second = await melding('Wim Wissen', bsn);
  expect((await as.accounthouder!.json('GET', `/api/cases/${second.id}/person`)).status).toBe(200);
  const admin = as['functioneel-beheerder']!;
  // Twente's fixed format after the bestuurlijk overleg, and the report built from it: free text that names the resident.
  const agreements = 'Wim Wissen gaat per 1 maart naar de logeeropvang van Zorg Oost';
  const form = {
    taskKey: `feedback-${first.id}`,
    meetingHeldOn: '2026-02-12',
    responsibleMunicipality: 'Hengelo',
    partners: 'Zorg Oost, wijkteam',
    solution: 'gevonden' as const,
    solutionDescription: null,
    agreements,
    missingProvision: 'Logeeropvang voor Wim Wissen ontbreekt in de regio',
    knelpunten: [],
  };
  await insertFeedbackForm(api.ctx.db, first.id, form, { name: 'Casusregisseur', role: 'casusregisseur' });
  await pgStore(api.ctx.db).reports.recordOnce({
    ...form,
    caseId: first.id,
    caseReference: first.reference,
    tierReached: 3,
    status: 'solved',
    meetingProposedStart: null,
    responsibleParty: 'Hengelo',
    deadlinePassed: false,
    formTaskKey: form.taskKey,
    jobKey: `report-${first.id}`,
  });

  const exported = await admin.request('POST', `/api/regions/${REGION}/privacy/person-export`, { bsn });
  expect(exported.status).toBe(200);
  expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="inzage-api-test-privacy-\d{4}-\d{2}-\d{2}\.json"$/);
  const file = (await exported.json()) as {
    cases: Array<{ case: { reference: string }; person: { bsn: string }; accessLog: Array<{ event: string; userName: string }>; accessGrants: unknown[]; feedbackForms: unknown[]; feedbackReports: unknown[] }>;
  };
  expect(file.cases.map((c) => c.case.reference).sort()).toEqual([first.reference, second.reference].sort());
  expect(file.cases.every((c) => c.person.bsn === bsn)).toBe(true);
  expect(file.cases.every((c) => c.accessLog.some((e) => e.event === 'person.read'))).toBe(true);
  expect(file.cases.find((c) => c.case.reference === first.reference)!.accessGrants).toHaveLength(1);
  const feedbackOf = (reference: string) => file.cases.find((c) => c.case.reference === reference)!;
  expect(feedbackOf(first.reference).feedbackForms).toEqual([
    expect.objectContaining({ meetingHeldOn: '2026-02-12', agreements, missingProvision: form.missingProvision, partners: form.partners, submittedRole: 'casusregisseur' }),
  ]);
  expect(feedbackOf(first.reference).feedbackReports).toEqual([expect.objectContaining({ caseReference: first.reference, agreements, missingProvision: form.missingProvision })]);
  expect(feedbackOf(second.reference).feedbackForms).toEqual([]);
  // Someone else's data is not in it.
  expect(JSON.stringify(file)).not.toContain('Ravi Recent');

  const body = { bsn, legalGround: 'avg-17-1b', toelichting: 'Ouder trekt toestemming in (brief van 1 december).' };
  const refused = await admin.json('POST', `/api/regions/${REGION}/privacy/person-erasure`, body);
  expect(refused.status).toBe(409);
  expect(refused.body.detail).toContain(second.reference);
  expect(Object.keys((await everywhere([first.id])).doorzet)).toContain('public."case"');
  expect(Object.keys((await everywhere([agreements])).doorzet).sort()).toEqual(['public.feedback_form', 'public.report_back']);
  // Not a functional administrator: refused whatever the body.
  expect((await as.beleidsmedewerker!.json('POST', `/api/regions/${REGION}/privacy/person-erasure`, body)).status).toBe(403);

  const erased = await admin.json('POST', `/api/regions/${REGION}/privacy/person-erasure`, { ...body, openCaseOverride: 'Verzoek van de ouder, escalatie wordt buiten Doorzet afgerond' });
  expect(erased.status, JSON.stringify(erased.body)).toBe(200);
  expect(erased.body).toMatchObject({ casesErased: 2, openCasesStopped: 1, rows: { case: 2, engineInstances: 2, feedback_form: 1, report_back: 1 } });
  expect(await everywhere([...needlesOf(first), ...needlesOf(second), agreements])).toEqual({ doorzet: {}, engine: {} });

  const { rows } = await api.ctx.db.query(`SELECT legal_ground, recorded_by, cases_erased, open_case_override FROM erasure_request WHERE region_id = $1 ORDER BY id DESC LIMIT 1`, [REGION]);
  expect(rows[0]).toMatchObject({ legal_ground: 'avg-17-1b', cases_erased: 2, open_case_override: expect.stringContaining('escalatie') });
  expect((await admin.json('POST', `/api/regions/${REGION}/privacy/person-export`, { bsn })).body.cases).toEqual([]);
});

test('the NEN 7513 log stays append-only outside a purge', async () => {
  await expect(api.ctx.db.query(`DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
  await expect(api.ctx.db.query(`UPDATE audit_log SET user_name = 'x' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
});

test('the daily job runs retention once a day inside RETENTION_WINDOW, and not outside it', async () => {
  const { startRetentionSchedule } = await import('../../api/privacy/retention.js');
  await api.ctx.db.query(`DELETE FROM retention_run WHERE trigger = 'schedule' AND started_at::date = now()::date`);
  const scheduled = async () => (await api.ctx.db.query(`SELECT count(*)::int AS n FROM retention_run WHERE trigger = 'schedule' AND started_at::date = now()::date`)).rows[0].n as number;
  const hour = new Date().getHours();
  const outside = `${String((hour + 2) % 24).padStart(2, '0')}:00-${String((hour + 3) % 24).padStart(2, '0')}:00`;
  const closed = startRetentionSchedule({ ...api.ctx, config: { ...api.ctx.config, RETENTION_WINDOW: outside } }, 50);
  await new Promise((r) => setTimeout(r, 400));
  closed();
  expect(await scheduled()).toBe(0);

  const inside = `${String(hour).padStart(2, '0')}:00-${String((hour + 1) % 24).padStart(2, '0')}:00`;
  const open = startRetentionSchedule({ ...api.ctx, config: { ...api.ctx.config, RETENTION_WINDOW: inside } }, 50);
  await eventually(async () => ((await scheduled()) > 0 ? true : undefined), 'a scheduled run');
  await new Promise((r) => setTimeout(r, 400));
  open();
  expect(await scheduled()).toBe(1);
});
