import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { DEMO_PASSWORD } from '../api/session/service.js';
import { regionSettings } from '../domain/region.js';
import { createCamunda } from '../platform/camunda.js';
import { loadConfig } from '../platform/config.js';
import { type Pool, createPool } from '../platform/db/pool.js';
import { CHILD_PORTS, type ChildStack, childDatabaseUrl, processesUsing, spawnStack, waitForOutput } from '../test/support/child-stack.js';
import { startJobWorker } from '../workers/adapter.js';
import { recordTierChange } from '../workers/record-tier-change/handler.js';
import { buildDeps } from '../workers/service.js';
import { DASHBOARD_REGION, JOB_REGION, TASK_REGION, seedDashboard, seedJobCases, seedRegions, seedTaskList } from './seed.js';

/**
 * `npm run bench`: starts a whole Doorzet as a child process on the test child ports with a
 * fresh data folder in the system temp dir, measures it through its HTTP API, engine and
 * databases, stops it and removes the folder. Prints a table and writes bench/results.json.
 * A benchmark, not a test: it fails only when the stack does not do what is measured.
 */

const SAMPLES = {
  meldingen: 200,
  meldingConcurrency: 8,
  mailRoundTrips: 100,
  mailConcurrency: 4,
  taskQueries: 50,
  openTasks: 10_000,
  metricsQueries: 20,
  finishedCases: 100_000,
  openCases: 5_000,
  jobsPerWorker: 500,
  warmUpRequests: 3,
};
const MELDING_REGION = 'wijchen';
const MELDING_USER = `coordinator-idt.${MELDING_REGION}`;
/** Wijchen's first notify-role step (safety false, entry regulier) mails the coordinator IDT: "er staat een taak voor u klaar". */
const FIRST_NOTIFIED_ROLE = 'coordinator-idt';
const JOB_TYPES = { doorzet: 'bench-record-tier-change-doorzet', minimal: 'bench-record-tier-change-minimal' };
const BENCH_DIR = import.meta.dirname;
const BASE = `http://localhost:${CHILD_PORTS.PORT}`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorzet-bench-'));
// The per-user melding limit guards production against abuse; the benchmark is one user sending hundreds on purpose.
const env = { ...CHILD_PORTS, DOORZET_DATA_DIR: dataDir, PUBLIC_BASE_URL: BASE, MELDINGEN_PER_MINUTE: '100000' };
const config = loadConfig(env);

type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };
type Row = { measurement: string; n: number; concurrency: number; stats: Stats; throughput: number; unit: string; note: string };

function log(line: string): void {
  process.stdout.write(`[bench] ${line}\n`);
}

/** Nearest-rank percentiles, in milliseconds with one decimal. */
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const r = (v: number) => Math.round(v * 10) / 10;
  return { n: sorted.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(sorted.at(-1)!), mean: r(sorted.reduce((a, b) => a + b, 0) / sorted.length) };
}

async function pool<T>(total: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// ---------------------------------------------------------------- processes and memory

function procStatus(pid: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
    const [k, ...v] = line.split(':');
    if (k) out[k] = v.join(':').trim();
  }
  return out;
}

function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we listed it.
    }
  }
  return children;
}

function tree(root: number, children: Map<number, number[]>): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

type Memory = { processes: number; rssMiB: number; peakMiB: number; names: string[] };

function memoryOf(pids: number[]): Memory {
  let rss = 0;
  let peak = 0;
  const names = new Set<string>();
  let counted = 0;
  for (const pid of pids) {
    try {
      const s = procStatus(pid);
      rss += parseInt(s.VmRSS ?? '0', 10);
      peak += parseInt(s.VmHWM ?? '0', 10);
      names.add(s.Name ?? '?');
      counted += 1;
    } catch {
      // Gone between listing and reading: it holds no memory any more.
    }
  }
  return { processes: counted, rssMiB: Math.round(rss / 1024), peakMiB: Math.round(peak / 1024), names: [...names] };
}

function pidFrom(file: string): number {
  return Number(fs.readFileSync(file, 'utf8').split('\n')[0]!.trim());
}

/** RSS of the engine JVM, PostgreSQL (postmaster and every backend, summed) and the Doorzet Node process. */
function memory(stack: ChildStack): Record<'engine' | 'postgres' | 'doorzet', Memory> {
  const children = parents();
  const engine = tree(pidFrom(path.join(dataDir, 'engine.pid')), children);
  const postgres = tree(pidFrom(path.join(dataDir, 'postgres', 'postmaster.pid')), children);
  const others = new Set([...engine, ...postgres]);
  const doorzet = tree(stack.child.pid!, children).filter((p) => !others.has(p));
  return { engine: memoryOf(engine), postgres: memoryOf(postgres), doorzet: memoryOf(doorzet) };
}

function machine() {
  const osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  const engineTree = tree(pidFrom(path.join(dataDir, 'engine.pid')), parents());
  // The JVM the engine really runs on, not whatever `java` is on the PATH.
  const java = engineTree.map((p) => fs.readlinkSync(`/proc/${p}/exe`)).find((exe) => path.basename(exe) === 'java');
  const version = java ? spawnSync(java, ['-version'], { encoding: 'utf8' }).stderr : '';
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: /PRETTY_NAME="([^"]+)"/.exec(osRelease)?.[1] ?? os.type(),
    kernel: os.release(),
    node: process.version,
    java: version.split('\n').filter(Boolean).slice(0, 2).join(' / ') || 'unknown',
  };
}

// ---------------------------------------------------------------- the child stack

type Start = { wallSeconds: number; readySeconds: number; engineSeconds: number };

async function startStack(): Promise<{ stack: ChildStack; start: Start }> {
  const started = Date.now();
  const stack = spawnStack(env);
  running = stack;
  await waitForOutput(stack, 'Doorzet is ready', 300_000);
  const wallSeconds = (Date.now() - started) / 1000;
  const out = stack.output();
  return {
    stack,
    start: {
      wallSeconds: Math.round(wallSeconds * 10) / 10,
      readySeconds: Number(/Doorzet is ready in ([\d.]+) s/.exec(out)?.[1] ?? NaN),
      engineSeconds: Number(/engine ready in ([\d.]+) s/.exec(out)?.[1] ?? NaN),
    },
  };
}

async function stopStack(stack: ChildStack): Promise<number> {
  const started = Date.now();
  if (stack.child.exitCode === null) process.kill(-stack.child.pid!, 'SIGINT');
  await stack.exited;
  const seconds = (Date.now() - started) / 1000;
  await until('every process of the benchmark stack to end', 15_000, async () => (processesUsing(dataDir).length === 0 ? true : undefined), 200);
  running = undefined;
  return Math.round(seconds * 10) / 10;
}

let running: ChildStack | undefined;

// ---------------------------------------------------------------- HTTP

type Session = { cookie: string; csrf: string };

async function signIn(username: string): Promise<Session> {
  const res = await fetch(`${BASE}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

async function api<T>(session: Session, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A fictional melding: no real person, the resident's name is a placeholder. */
function melding(i: number) {
  return {
    domains: ['wmo', 'schulden'],
    stuckReason: `Benchmarkmelding ${i}: hulpvraag loopt vast tussen twee organisaties (synthetisch).`,
    organisations: ['Zorgaanbieder Voorbeeld A', 'Sociaal wijkteam (IDT)'],
    safety: false,
    entry: 'regulier',
    person: { name: `Benchmark Inwoner ${i}` },
  };
}

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
};

// ---------------------------------------------------------------- measurements

async function measureMeldingen(session: Session): Promise<Row> {
  const started = performance.now();
  const samples = await pool(SAMPLES.meldingen, SAMPLES.meldingConcurrency, async (i) =>
    (await timed(() => api(session, 'POST', `/api/regions/${MELDING_REGION}/cases`, melding(i)))).ms,
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    measurement: 'melding → case created and process started (POST /api/regions/wijchen/cases)',
    n: samples.length,
    concurrency: SAMPLES.meldingConcurrency,
    stats: stats(samples),
    throughput: Math.round((samples.length / seconds) * 10) / 10,
    unit: 'meldingen/s',
    note: 'response 201 after the case row, the timeline event and createProcessInstance committed',
  };
}

/** Waits until every queued mail is out, so the next measurement does not queue behind a backlog. */
async function drainOutbox(db: Pool): Promise<number> {
  const started = Date.now();
  await until('the outbox to drain', 180_000, async () => {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox WHERE status = 'pending'`);
    return rows[0]!.n === '0' ? true : undefined;
  }, 250);
  return (Date.now() - started) / 1000;
}

/** Where a case is when its mail does not come: the engine's view, incidents and the outbox. */
async function diagnose(db: Pool, engineDb: Pool, reference: string): Promise<string> {
  const head = (await db.query(`SELECT id, process_instance_key, status FROM "case" WHERE reference = $1`, [reference])).rows[0];
  const key = head?.process_instance_key ?? '0';
  const [elements, incidents, outbox] = await Promise.all([
    engineDb.query(`SELECT element_id, state FROM element_instance WHERE process_instance_key = $1 ORDER BY key`, [key]),
    engineDb.query(`SELECT element_id, error_type, error_message, state FROM incident WHERE process_instance_key = $1`, [key]),
    db.query(`SELECT kind, recipients, status, attempts, last_error, created_at, sent_at FROM mail_outbox WHERE case_id = $1`, [head?.id ?? null]),
  ]);
  return JSON.stringify({ case: head, elements: elements.rows, incidents: incidents.rows, outbox: outbox.rows });
}

/** Incidents the engine raised for cases of a region since `since`, by case reference. */
async function incidentsSince(db: Pool, engineDb: Pool, since: Date): Promise<Map<string, string>> {
  const { rows } = await engineDb.query<{ pik: string; message: string }>(
    `SELECT process_instance_key::text AS pik, regexp_replace(coalesce(error_message, error_type), '[0-9a-f]{8}-[0-9a-f-]{27}', '<id>', 'g') AS message FROM incident WHERE created_at >= $1`,
    [since],
  );
  if (rows.length === 0) return new Map();
  const heads = await db.query<{ reference: string; pik: string }>(
    `SELECT reference, process_instance_key AS pik FROM "case" WHERE process_instance_key = ANY($1::text[])`,
    [rows.map((r) => r.pik)],
  );
  const byKey = new Map(rows.map((r) => [r.pik, r.message]));
  return new Map(heads.rows.map((h) => [h.reference, byKey.get(h.pik)!]));
}

type MailOutcome = { receivedAt: Date } | { incident: string };

async function measureMail(session: Session, db: Pool, engineDb: Pool): Promise<{ row: Row; failed: Map<string, string> }> {
  const settings = regionSettings.parse((await db.query(`SELECT settings FROM region WHERE id = $1`, [MELDING_REGION])).rows[0]!.settings);
  const address = settings.roles.find((r) => r.id === FIRST_NOTIFIED_ROLE)!.contacts[0]!.email.toLowerCase();
  const startedAt = new Date();
  const waiting = new Map<string, (outcome: MailOutcome) => void>();
  // The first outcome per case counts, even if it comes before its waiter is registered.
  const outcomes = new Map<string, MailOutcome>();
  const settle = (reference: string, outcome: MailOutcome) => {
    if (outcomes.has(reference)) return;
    outcomes.set(reference, outcome);
    waiting.get(reference)?.(outcome);
  };
  let polling = true;
  // One poller for all waiters: the time that counts is received_at, written by the SMTP server.
  // A case whose first job ended in an incident will never mail; it is counted, not waited for.
  const poller = (async () => {
    for (let round = 0; polling; round++) {
      const { rows } = await db.query<{ subject: string; received_at: Date }>(
        `SELECT subject, received_at FROM mailbox WHERE received_at >= $1 AND rcpt_to @> ARRAY[$2::text] ORDER BY id`,
        [startedAt, address],
      );
      for (const row of rows) {
        const reference = /Casus (\S+):/.exec(row.subject)?.[1];
        if (reference) settle(reference, { receivedAt: row.received_at });
      }
      if (round % 10 === 0) for (const [reference, message] of await incidentsSince(db, engineDb, startedAt)) settle(reference, { incident: message });
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const startedWall = Date.now();
  let lastReceived = 0;
  const failed = new Map<string, string>();
  try {
    const results = await pool(SAMPLES.mailRoundTrips, SAMPLES.mailConcurrency, async (i) => {
      const sent = Date.now();
      const created = await api<{ reference: string }>(session, 'POST', `/api/regions/${MELDING_REGION}/cases`, melding(10_000 + i));
      const outcome =
        outcomes.get(created.reference) ??
        (await new Promise<MailOutcome>((resolve, reject) => {
          const timer = setTimeout(
            () => void diagnose(db, engineDb, created.reference).then((found) => reject(new Error(`no mail for ${created.reference} within 60 s: ${found}`))),
            60_000,
          );
          waiting.set(created.reference, (o) => {
            clearTimeout(timer);
            resolve(o);
          });
        }));
      if ('incident' in outcome) {
        failed.set(created.reference, outcome.incident);
        return undefined;
      }
      lastReceived = Math.max(lastReceived, outcome.receivedAt.getTime());
      return outcome.receivedAt.getTime() - sent;
    });
    const samples = results.filter((r): r is number => r !== undefined);
    const seconds = (lastReceived - startedWall) / 1000;
    return {
      failed,
      row: {
        measurement: `melding → first e-mail (${FIRST_NOTIFIED_ROLE}) received by the embedded SMTP server`,
        n: samples.length,
        concurrency: SAMPLES.mailConcurrency,
        stats: stats(samples),
        throughput: Math.round((samples.length / seconds) * 10) / 10,
        unit: 'mails/s',
        note:
          'POST → engine → notify-role (outbox) → dispatcher (polls every 250 ms) → SMTP → mailbox.received_at' +
          (failed.size > 0 ? `; ${failed.size} of ${SAMPLES.mailRoundTrips} meldingen got an incident instead of a mail and are left out` : ''),
      },
    };
  } finally {
    polling = false;
    await poller;
  }
}

async function measureQuery(session: Session, url: string, count: number, check: (body: unknown) => string): Promise<{ samples: number[]; seconds: number; checked: string }> {
  for (let i = 0; i < SAMPLES.warmUpRequests; i++) await api(session, 'GET', url);
  const samples: number[] = [];
  let checked = '';
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const { ms, value } = await timed(() => api<unknown>(session, 'GET', url));
    samples.push(ms);
    checked = check(value);
  }
  return { samples, seconds: (performance.now() - started) / 1000, checked };
}

async function measureJobs(db: Pool, engineDb: Pool): Promise<{ rows: Row[]; ratio: number; recorded: number }> {
  const camunda = createCamunda(config);
  const zeebe = camunda.getZeebeGrpcApiClient();
  await zeebe.deployResource({ processFilename: path.join(BENCH_DIR, 'fixtures', 'job-throughput.bpmn') });
  const caseIds = await seedJobCases(db, SAMPLES.jobsPerWorker);

  const createInstances = (jobType: string) =>
    pool(caseIds.length, 16, async (i) =>
      String(
        (
          await zeebe.createProcessInstance({
            bpmnProcessId: 'bench-job-throughput',
            variables: { jobType, caseId: caseIds[i]!, region: JOB_REGION, tier: 2, direction: 'op', automatic: false },
          })
        ).processInstanceKey,
      ),
    );

  /** Starts the worker once all its jobs wait, and times until the engine completed the last instance. */
  const run = async (jobType: string, startWorker: () => { close(): Promise<unknown> }): Promise<{ seconds: number }> => {
    const keys = await createInstances(jobType);
    const started = Date.now();
    const worker = startWorker();
    try {
      const { rows } = await until(`${keys.length} ${jobType} instances completed`, 300_000, async () => {
        const result = await engineDb.query<{ n: string; last: Date | null }>(
          `SELECT count(*) AS n, max(end_date) AS last FROM process_instance WHERE key = ANY($1::bigint[]) AND state = 'COMPLETED'`,
          [keys],
        );
        return Number(result.rows[0]!.n) === keys.length ? result : undefined;
      }, 200);
      const seconds = (rows[0]!.last!.getTime() - started) / 1000;
      return { seconds };
    } finally {
      await worker.close();
    }
  };

  const doorzetDeps = buildDeps({ config, db, camunda });
  const doorzet = await run(JOB_TYPES.doorzet, () => startJobWorker(camunda, JOB_TYPES.doorzet, recordTierChange, doorzetDeps));

  const minimalClient = new Camunda8({
    ZEEBE_GRPC_ADDRESS: config.engineGrpcAddress,
    ZEEBE_REST_ADDRESS: config.engineRestUrl,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  } as ConstructorParameters<typeof Camunda8>[0]);
  const minimal = await run(JOB_TYPES.minimal, () =>
    minimalClient.getZeebeGrpcApiClient().createWorker({
      taskType: JOB_TYPES.minimal,
      timeout: 30_000,
      maxJobsToActivate: 16,
      loglevel: 'NONE',
      taskHandler: (job) => job.complete(),
    }),
  );
  await minimalClient.closeAllClients?.();
  await camunda.closeAllClients?.();

  const { rows: recorded } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM case_event e JOIN "case" c ON c.id = e.case_id WHERE c.region_id = $1 AND e.kind = 'tier-change'`,
    [JOB_REGION],
  );
  const rate = (s: number) => Math.round((SAMPLES.jobsPerWorker / s) * 10) / 10;
  const row = (name: string, result: { seconds: number }, note: string): Row => ({
    measurement: name,
    n: SAMPLES.jobsPerWorker,
    concurrency: 16,
    stats: { n: SAMPLES.jobsPerWorker, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: Math.round(((result.seconds * 1000) / SAMPLES.jobsPerWorker) * 10) / 10 },
    throughput: rate(result.seconds),
    unit: 'jobs/s',
    note,
  });
  return {
    rows: [
      row('jobs: Doorzet worker (workers/adapter.ts + record-tier-change)', doorzet, 'validates input, reads region and case, writes tier + timeline event in one transaction, completes'),
      row('jobs: minimal worker (@camunda8/sdk createWorker, complete at once)', minimal, 'same client library, same model, same engine, same run'),
    ],
    ratio: Math.round((rate(doorzet.seconds) / rate(minimal.seconds)) * 100) / 100,
    recorded: Number(recorded[0]!.n),
  };
}

// ---------------------------------------------------------------- report

function fmt(v: number): string {
  return Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

function table(rows: Row[]): string {
  const header = ['measurement', 'n', 'conc.', 'p50 ms', 'p95 ms', 'p99 ms', 'throughput'];
  const lines = rows.map((r) => [r.measurement, String(r.n), String(r.concurrency), fmt(r.stats.p50), fmt(r.stats.p95), fmt(r.stats.p99), `${fmt(r.throughput)} ${r.unit}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

async function main(): Promise<void> {
  log(`data folder ${dataDir}; ports ${Object.values(CHILD_PORTS).join(', ')}; samples ${JSON.stringify(SAMPLES)}`);

  log('cold start (empty data folder, cached engine distribution) ...');
  const first = await startStack();
  let stack = first.stack;
  const cold = first.start;
  const machineInfo = machine();
  const memoryAfterCold = memory(stack);
  log(`cold start: ready in ${cold.readySeconds} s (engine ${cold.engineSeconds} s)`);

  let db = createPool(childDatabaseUrl(dataDir, 'doorzet'), 10);
  let engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 5);
  const seeding: Record<string, number> = {};
  const seedStep = async (name: string, work: () => Promise<unknown>) => {
    const { ms } = await timed(work);
    seeding[name] = Math.round(ms / 100) / 10;
    log(`seeded ${name} in ${seeding[name]} s`);
  };
  await seedStep('regions', () => seedRegions(db));
  await seedStep(`${SAMPLES.openTasks} open tasks (user_task + case)`, () => seedTaskList(db, engineDb, SAMPLES.openTasks));
  await seedStep(`${SAMPLES.finishedCases} finished + ${SAMPLES.openCases} open cases with events`, () =>
    seedDashboard(db, SAMPLES.finishedCases, SAMPLES.openCases),
  );
  await Promise.all([db.end(), engineDb.end()]);

  const stopSeconds = await stopStack(stack);
  log(`stopped in ${stopSeconds} s; warm start (existing data) ...`);
  const second = await startStack();
  stack = second.stack;
  const warm = second.start;
  const memoryAfterWarm = memory(stack);
  log(`warm start: ready in ${warm.readySeconds} s (engine ${warm.engineSeconds} s)`);
  db = createPool(childDatabaseUrl(dataDir, 'doorzet'), 10);
  engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 5);

  const rows: Row[] = [];
  const reporter = await signIn(MELDING_USER);
  log(`${SAMPLES.meldingen} meldingen ...`);
  const meldingenStarted = new Date();
  rows.push(await measureMeldingen(reporter));
  const drainSeconds = await drainOutbox(db);
  log(`outbox drained ${drainSeconds.toFixed(1)} s after the last melding`);

  log(`${SAMPLES.mailRoundTrips} melding → e-mail round trips ...`);
  const incidentsAfterMeldingen = await incidentsSince(db, engineDb, meldingenStarted);
  log(`${incidentsAfterMeldingen.size} of ${SAMPLES.meldingen} meldingen ended in an incident: ${[...new Set(incidentsAfterMeldingen.values())].slice(0, 3).join(' | ')}`);
  const mail = await measureMail(reporter, db, engineDb);
  rows.push(mail.row);
  if (mail.failed.size > 0) log(`${mail.failed.size} of ${SAMPLES.mailRoundTrips} round trips ended in an incident instead of a mail`);

  log(`${SAMPLES.taskQueries} task-list queries ...`);
  const worker = await signIn(`behandelaar.${TASK_REGION}`);
  const tasks = await measureQuery(worker, '/api/tasks', SAMPLES.taskQueries, (body) => `${(body as unknown[]).length} tasks returned`);
  rows.push({
    measurement: `task list GET /api/tasks, ${SAMPLES.openTasks} open tasks for the user's group`,
    n: tasks.samples.length,
    concurrency: 1,
    stats: stats(tasks.samples),
    throughput: Math.round((tasks.samples.length / tasks.seconds) * 10) / 10,
    unit: 'queries/s',
    note: `synthetic rows inserted directly into user_task (engine db) and case (app db); ${tasks.checked}`,
  });

  log(`${SAMPLES.metricsQueries} dashboard queries ...`);
  const manager = await signIn(`manager.${DASHBOARD_REGION}`);
  const metrics = await measureQuery(manager, `/api/regions/${DASHBOARD_REGION}/metrics`, SAMPLES.metricsQueries, (body) => {
    const open = (body as { openPerTier: { count: number }[] }).openPerTier.reduce((a, t) => a + t.count, 0);
    if (open !== SAMPLES.openCases) throw new Error(`metrics report ${open} open cases, seeded ${SAMPLES.openCases}`);
    return `${open} open cases reported`;
  });
  rows.push({
    measurement: `dashboard GET /api/regions/:region/metrics, ${SAMPLES.finishedCases} finished + ${SAMPLES.openCases} open cases`,
    n: metrics.samples.length,
    concurrency: 1,
    stats: stats(metrics.samples),
    throughput: Math.round((metrics.samples.length / metrics.seconds) * 10) / 10,
    unit: 'queries/s',
    note: `synthetic region ${DASHBOARD_REGION} seeded with INSERT … SELECT generate_series; ${metrics.checked}`,
  });

  log(`job throughput, ${SAMPLES.jobsPerWorker} jobs per worker ...`);
  const jobs = await measureJobs(db, engineDb);
  rows.push(...jobs.rows);
  if (jobs.recorded !== SAMPLES.jobsPerWorker) throw new Error(`Doorzet's worker recorded ${jobs.recorded} tier changes, expected ${SAMPLES.jobsPerWorker}`);

  const memoryAfterLoad = memory(stack);
  await Promise.all([db.end(), engineDb.end()]);
  const finalStopSeconds = await stopStack(stack);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const result = {
    ranAt: new Date().toISOString(),
    command: 'flock /tmp/doorzet-engine.lock npm run bench',
    machine: machineInfo,
    samples: SAMPLES,
    rows,
    jobRatio: jobs.ratio,
    starts: { cold, warm, stopSeconds, finalStopSeconds },
    memory: { afterColdStart: memoryAfterCold, afterWarmStart: memoryAfterWarm, afterLoad: memoryAfterLoad },
    seedingSeconds: seeding,
    outboxDrainSecondsAfter200Meldingen: Math.round(drainSeconds * 10) / 10,
    incidents: {
      afterMeldingen: { count: incidentsAfterMeldingen.size, of: SAMPLES.meldingen, messages: [...new Set(incidentsAfterMeldingen.values())] },
      duringMailRoundTrips: { count: mail.failed.size, of: SAMPLES.mailRoundTrips, messages: [...new Set(mail.failed.values())] },
    },
  };
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);

  const m = machineInfo;
  process.stdout.write(`\nDoorzet benchmark, ${result.ranAt}\n`);
  process.stdout.write(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os} (${m.kernel}), Node ${m.node}, ${m.java}\n\n`);
  process.stdout.write(`${table(rows)}\n\n`);
  process.stdout.write(`job throughput ratio Doorzet / minimal worker: ${jobs.ratio}\n`);
  process.stdout.write(
    `start: cold ${cold.readySeconds} s to ready (engine ${cold.engineSeconds} s), warm ${warm.readySeconds} s (engine ${warm.engineSeconds} s); stop ${stopSeconds} s / ${finalStopSeconds} s\n`,
  );
  const mem = (label: string, x: ReturnType<typeof memory>) =>
    `${label}: engine ${x.engine.rssMiB} MiB, PostgreSQL ${x.postgres.rssMiB} MiB (${x.postgres.processes} processes), Doorzet Node ${x.doorzet.rssMiB} MiB (${x.doorzet.names.join(', ')})`;
  process.stdout.write(`RSS ${mem('after cold start', memoryAfterCold)}\n`);
  process.stdout.write(`RSS ${mem('after warm start', memoryAfterWarm)}\n`);
  process.stdout.write(`RSS ${mem('after the load', memoryAfterLoad)}; peak (VmHWM) engine ${memoryAfterLoad.engine.peakMiB} MiB, Node ${memoryAfterLoad.doorzet.peakMiB} MiB\n`);
  process.stdout.write(`seeding (s): ${JSON.stringify(seeding)}; outbox drained ${result.outboxDrainSecondsAfter200Meldingen} s after the ${SAMPLES.meldingen} meldingen\n`);
  process.stdout.write(
    `incidents: ${incidentsAfterMeldingen.size} of ${SAMPLES.meldingen} meldingen, ${mail.failed.size} of ${SAMPLES.mailRoundTrips} mail round trips (${[...new Set([...incidentsAfterMeldingen.values(), ...mail.failed.values()])].join(' | ') || 'none'})\n`,
  );
  process.stdout.write(`synthetic data: task-list rows were inserted directly into user_task and case; the dashboard region with generate_series.\n`);
  process.stdout.write(`written: bench/results.json\n`);
}

async function abort(error: unknown): Promise<void> {
  process.stderr.write(`\n[bench] failed: ${(error as Error)?.stack ?? String(error)}\n`);
  if (running && running.child.exitCode === null) {
    process.kill(-running.child.pid!, 'SIGINT');
    const killer = setTimeout(() => running?.child.pid && process.kill(-running.child.pid, 'SIGKILL'), 30_000);
    await running.exited;
    clearTimeout(killer);
  }
  // The data goes, the logs stay for whoever looks into the failure.
  const logs = path.join(dataDir, 'logs');
  if (fs.existsSync(logs)) {
    const kept = `${dataDir}-logs`;
    fs.cpSync(logs, kept, { recursive: true });
    process.stderr.write(`[bench] logs kept in ${kept}\n`);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
}

process.on('SIGINT', () => void abort(new Error('interrupted')));
main().then(
  () => process.exit(0),
  (error: unknown) => abort(error),
);
