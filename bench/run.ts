import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEMO_PASSWORD } from '../api/session/service.js';
import { regionSettings } from '../domain/region.js';
import { loadConfig } from '../platform/config.js';
import { type Pool, createPool } from '../platform/db/pool.js';
import { type Engine, createEngine } from '../platform/engine/client.js';
import { basicAuth } from '../platform/engine/engine.js';
import { CHILD_PORTS, type ChildStack, childDatabaseUrl, processesUsing, spawnStack, waitForOutput } from '../test/support/child-stack.js';
import { startExternalTaskWorkers } from '../workers/adapter.js';
import { defineJob } from '../workers/job.js';
import { complete } from '../workers/outcome.js';
import { notifyRole } from '../workers/notify-role/handler.js';
import { buildDeps } from '../workers/service.js';
import {
  DASHBOARD_REGION,
  JOB_REGION,
  PROCESSES,
  START_CONCURRENCY,
  type Started,
  TASK_REGION,
  deployFixtures,
  inParallel,
  seedDashboard,
  seedJobCases,
  seedRegions,
  seedTaskList,
} from './seed.js';

/**
 * `npm run bench` (run it as `flock /tmp/doorzet-child.lock npm run bench`: stack tests use
 * the same child ports under that lock): starts a whole Doorzet as a child process on the
 * test child ports with a fresh data folder in the system temp dir, measures it through its
 * HTTP API, the engine's REST API (Operaton) and the databases, stops it and removes the
 * folder. Prints a table and writes bench/results.json. A benchmark, not a test: it fails
 * only when the stack does not do what is measured.
 */

const SAMPLES = {
  meldingen: 200,
  meldingConcurrency: 8,
  /** After the burst and the mail round trips, one at a time: what a single melding costs on a quiet stack. */
  meldingenAlone: 20,
  mailRoundTrips: 100,
  mailConcurrency: 4,
  taskQueries: 50,
  openTasks: 10_000,
  metricsQueries: 20,
  caseListQueries: 40,
  finishedCases: 100_000,
  openCases: 5_000,
  instanceStarts: 2_000,
  instanceStartConcurrency: START_CONCURRENCY,
  /** Per worker and round; two rounds in alternating order for the Doorzet worker and the bare loop. */
  jobsPerRound: 1_000,
  jobRounds: 2,
  /** Not counted: one round per worker first, so neither measured round pays for a cold code path. */
  jobWarmUp: 200,
  /** One round of the Doorzet worker with a real handler (notify-role: two reads, one outbox insert). */
  realHandlerJobs: 500,
  warmUpRequests: 3,
};
const MELDING_REGION = 'wijchen';
const MELDING_USER = `coordinator-idt.${MELDING_REGION}`;
/** Wijchen's first notify-role step (safety false, entry regulier) mails the accounthouder, as the coördinator IDT's finding is the melding itself: "er staat een taak voor u klaar". */
const FIRST_NOTIFIED_ROLE = 'accounthouder';
/** Topics of their own, so the stack's workers (which fetch the registry's topics only) never take these tasks. */
const TOPICS = { bare: 'bench-bare-loop', doorzet: 'bench-doorzet-complete', real: 'bench-doorzet-notify-role' };
/** The Doorzet adapter's tasks per poll (workers/adapter.ts MAX_TASKS); the bare loop uses the same. */
const MAX_TASKS = 16;
const BENCH_DIR = import.meta.dirname;
const BASE = `http://localhost:${CHILD_PORTS.PORT}`;
const LOCK = '/tmp/doorzet-child.lock';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorzet-bench-'));
const env = {
  ...CHILD_PORTS,
  DOORZET_DATA_DIR: dataDir,
  PUBLIC_BASE_URL: BASE,
  // The per-user melding limit guards production against abuse; the benchmark is one user sending hundreds on purpose.
  MELDINGEN_PER_MINUTE: '100000',
  // Set here, not generated in the data folder, so the benchmark's own engine client and bare loop sign in with it.
  ENGINE_PASSWORD: `bench-${crypto.randomBytes(12).toString('hex')}`,
};
const config = loadConfig(env);
const authorization = basicAuth(config.ENGINE_USER, env.ENGINE_PASSWORD);

type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };
type Row = {
  measurement: string;
  n: number;
  concurrency: number;
  stats: Stats;
  throughput: number;
  unit: string;
  note: string;
  /** Every sample in the order the requests were sent (ms), where the tail needs explaining. */
  samplesInOrder?: number[];
};

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

const round1 = (v: number) => Math.round(v * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
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

/** RSS summed per process counts shared memory (PostgreSQL's shared buffers) once per process; PSS shares it out. */
type Memory = { processes: number; rssMiB: number; pssMiB: number; peakMiB: number; names: string[] };

function pssKiB(pid: number): number {
  try {
    return parseInt(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? '0', 10);
  } catch {
    return 0;
  }
}

function memoryOf(pids: number[]): Memory {
  let rss = 0;
  let peak = 0;
  let pss = 0;
  const names = new Set<string>();
  let counted = 0;
  for (const pid of pids) {
    try {
      const s = procStatus(pid);
      rss += parseInt(s.VmRSS ?? '0', 10);
      peak += parseInt(s.VmHWM ?? '0', 10);
      pss += pssKiB(pid);
      names.add(s.Name ?? '?');
      counted += 1;
    } catch {
      // Gone between listing and reading: it holds no memory any more.
    }
  }
  return { processes: counted, rssMiB: Math.round(rss / 1024), pssMiB: Math.round(pss / 1024), peakMiB: Math.round(peak / 1024), names: [...names] };
}

function pidFrom(file: string): number {
  return Number(fs.readFileSync(file, 'utf8').split('\n')[0]!.trim());
}

/** Every engine node's java process: engine.pid, engine-2.pid, … in the data folder (platform/engine/engine.ts). */
function enginePids(children: Map<number, number[]>): number[] {
  return fs
    .readdirSync(dataDir)
    .filter((f) => /^engine(-\d+)?\.pid$/.test(f))
    .flatMap((f) => tree(pidFrom(path.join(dataDir, f)), children));
}

/** RSS of the engine JVM(s), PostgreSQL (postmaster and every backend, summed) and the Doorzet Node process. */
function memory(stack: ChildStack): Record<'engine' | 'postgres' | 'doorzet', Memory> {
  const children = parents();
  const engine = enginePids(children);
  const postgres = tree(pidFrom(path.join(dataDir, 'postgres', 'postmaster.pid')), children);
  const others = new Set([...engine, ...postgres]);
  const doorzet = tree(stack.child.pid!, children).filter((p) => !others.has(p));
  return { engine: memoryOf(engine), postgres: memoryOf(postgres), doorzet: memoryOf(doorzet) };
}

function machine() {
  const osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  // The JVM the engine really runs on, not whatever `java` is on the PATH.
  const java = enginePids(parents())
    .map((p) => fs.readlinkSync(`/proc/${p}/exe`))
    .find((exe) => path.basename(exe) === 'java');
  const version = java ? spawnSync(java, ['-version'], { encoding: 'utf8' }).stderr : '';
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: /PRETTY_NAME="([^"]+)"/.exec(osRelease)?.[1] ?? os.type(),
    kernel: os.release(),
    node: process.version,
    java: version.split('\n').filter(Boolean).slice(0, 2).join(' / ') || 'unknown',
    engine: `Operaton (engine/), ${config.ENGINE_NODES} node(s), -Xmx${config.ENGINE_HEAP}`,
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
      wallSeconds: round1(wallSeconds),
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
  return round1(seconds);
}

let running: ChildStack | undefined;

/** The benchmark's own connections to the child stack: its app database, the engine (REST + SQL reads) and the engine database. */
type Clients = { db: Pool; engineDb: Pool; engine: Engine; close(): Promise<void> };

function connect(): Clients {
  const db = createPool(childDatabaseUrl(dataDir, 'doorzet'), 10);
  const engineDb = createPool(childDatabaseUrl(dataDir, 'doorzet_engine'), 5);
  const engine = createEngine({ config, engineDatabaseUrl: childDatabaseUrl(dataDir, 'doorzet_engine'), password: env.ENGINE_PASSWORD });
  return { db, engineDb, engine, close: async () => void (await Promise.all([db.end(), engineDb.end(), engine.close()])) };
}

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

// ---------------------------------------------------------------- meldingen and mail

async function measureMeldingen(session: Session): Promise<Row> {
  const started = performance.now();
  const samples = await inParallel(SAMPLES.meldingen, SAMPLES.meldingConcurrency, async (i) =>
    (await timed(() => api(session, 'POST', `/api/regions/${MELDING_REGION}/cases`, melding(i)))).ms,
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    measurement: 'melding → case created and process started (POST /api/regions/wijchen/cases)',
    n: samples.length,
    concurrency: SAMPLES.meldingConcurrency,
    stats: stats(samples),
    throughput: round1(samples.length / seconds),
    unit: 'meldingen/s',
    note: 'response 201 after the case row and timeline event are committed and the engine (REST) has started the instance',
    samplesInOrder: samples.map(round1),
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

/** Where a case is when its mail does not come: the engine's view of its instance, incidents and the outbox. */
async function diagnose(c: Clients, reference: string): Promise<string> {
  const head = (await c.db.query<{ id: string; process_instance_key: string | null; status: string }>(
    `SELECT id, process_instance_key, status FROM "case" WHERE reference = $1`,
    [reference],
  )).rows[0];
  const key = head?.process_instance_key;
  const [elements, incidents, outbox] = await Promise.all([
    key ? c.engine.elementInstances(key) : [],
    key ? c.engine.incidents({ processInstanceKey: key }) : [],
    c.db.query(`SELECT kind, recipients, status, attempts, last_error, created_at, sent_at FROM mail_outbox WHERE case_id = $1`, [head?.id ?? null]),
  ]);
  return JSON.stringify({ case: head, elements: elements.map((e) => `${e.elementId}:${e.state}`), incidents, outbox: outbox.rows });
}

/** Open incidents on the instances of cases reported since `since`, by case reference (ids in messages masked). */
async function incidentsSince(c: Clients, since: Date): Promise<Map<string, string>> {
  const incidents = await c.engine.incidents({});
  if (incidents.length === 0) return new Map();
  const heads = await c.db.query<{ reference: string; pik: string }>(
    `SELECT reference, process_instance_key AS pik FROM "case" WHERE process_instance_key = ANY($1::text[]) AND reported_at >= $2`,
    [incidents.map((i) => i.processInstanceKey), since],
  );
  const byKey = new Map(
    incidents.map((i) => [i.processInstanceKey, `${i.type}: ${(i.message ?? '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')}`]),
  );
  return new Map(heads.rows.map((h) => [h.reference, byKey.get(h.pik)!]));
}

type MailOutcome = { receivedAt: Date } | { incident: string };

async function measureMail(session: Session, c: Clients): Promise<{ row: Row; failed: Map<string, string> }> {
  const settings = regionSettings.parse((await c.db.query(`SELECT settings FROM region WHERE id = $1`, [MELDING_REGION])).rows[0]!.settings);
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
      const { rows } = await c.db.query<{ subject: string; received_at: Date }>(
        `SELECT subject, received_at FROM mailbox WHERE received_at >= $1 AND rcpt_to @> ARRAY[$2::text] ORDER BY id`,
        [startedAt, address],
      );
      for (const row of rows) {
        const reference = /Casus (\S+):/.exec(row.subject)?.[1];
        if (reference) settle(reference, { receivedAt: row.received_at });
      }
      if (round % 10 === 0) for (const [reference, message] of await incidentsSince(c, startedAt)) settle(reference, { incident: message });
      await sleep(25);
    }
  })();
  const startedWall = Date.now();
  let lastReceived = 0;
  const failed = new Map<string, string>();
  try {
    const results = await inParallel(SAMPLES.mailRoundTrips, SAMPLES.mailConcurrency, async (i) => {
      const sent = Date.now();
      const created = await api<{ reference: string }>(session, 'POST', `/api/regions/${MELDING_REGION}/cases`, melding(10_000 + i));
      const outcome =
        outcomes.get(created.reference) ??
        (await new Promise<MailOutcome>((resolve, reject) => {
          const timer = setTimeout(
            () => void diagnose(c, created.reference).then((found) => reject(new Error(`no mail for ${created.reference} within 60 s: ${found}`))),
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
        throughput: round1(samples.length / seconds),
        unit: 'mails/s',
        note:
          'POST → engine → notify-role external task (long poll) → outbox → dispatcher (polls every 250 ms) → SMTP → mailbox.received_at' +
          (failed.size > 0 ? `; ${failed.size} of ${SAMPLES.mailRoundTrips} meldingen got an incident instead of a mail and are left out` : ''),
      },
    };
  } finally {
    polling = false;
    await poller;
  }
}

// ---------------------------------------------------------------- reads

async function measureQuery<T>(count: number, request: () => Promise<T>, check: (body: T) => string): Promise<{ samples: number[]; seconds: number; checked: string }> {
  for (let i = 0; i < SAMPLES.warmUpRequests; i++) await request();
  const samples: number[] = [];
  let checked = '';
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const { ms, value } = await timed(request);
    samples.push(ms);
    checked = check(value);
  }
  return { samples, seconds: (performance.now() - started) / 1000, checked };
}

const metricsBody = z.object({ openPerTier: z.array(z.object({ count: z.number() })) });
const elementsBody = z.object({ processDefinitionKey: z.string().nullable(), elements: z.array(z.object({ elementId: z.string(), active: z.number(), overdue: z.number() })) });

/**
 * One dashboard refresh as the page does it (web-modeler/src/pages/dashboard.ts): the
 * region's figures (app database) and the element statistics of its model (the engine),
 * side by side. Each part is also timed on its own.
 */
async function measureDashboard(manager: Session): Promise<{ row: Row; metrics: Stats; elements: Stats }> {
  const metricsMs: number[] = [];
  const elementsMs: number[] = [];
  const part = async <T>(url: string, into: number[], schema: z.ZodType<T>) => {
    const { ms, value } = await timed(() => api<unknown>(manager, 'GET', url));
    into.push(ms);
    return schema.parse(value);
  };
  const refresh = () =>
    Promise.all([
      part(`/api/regions/${DASHBOARD_REGION}/metrics`, metricsMs, metricsBody),
      part(`/api/regions/${DASHBOARD_REGION}/element-statistics`, elementsMs, elementsBody),
    ]);
  const result = await measureQuery(SAMPLES.metricsQueries, refresh, ([metrics, elements]) => {
    const open = metrics.openPerTier.reduce((a, t) => a + t.count, 0);
    if (open !== SAMPLES.openCases) throw new Error(`metrics report ${open} open cases, seeded ${SAMPLES.openCases}`);
    const waiting = elements.elements.filter((e) => /^Trede\d$/.test(e.elementId));
    const active = waiting.reduce((a, e) => a + e.active, 0);
    if (active !== SAMPLES.openCases) throw new Error(`element statistics count ${active} waiting instances, started ${SAMPLES.openCases}`);
    const overdue = waiting.reduce((a, e) => a + e.overdue, 0);
    return `${open} open cases reported; element statistics: ${waiting.map((e) => `${e.elementId} ${e.active}`).join(', ')} (${overdue} overdue)`;
  });
  const timedOnly = (samples: number[]) => stats(samples.slice(SAMPLES.warmUpRequests));
  return {
    metrics: timedOnly(metricsMs),
    elements: timedOnly(elementsMs),
    row: {
      measurement: `dashboard refresh (GET …/metrics + …/element-statistics side by side), ${SAMPLES.finishedCases} finished + ${SAMPLES.openCases} open cases`,
      n: result.samples.length,
      concurrency: 1,
      stats: stats(result.samples),
      throughput: round1(result.samples.length / result.seconds),
      unit: 'refreshes/s',
      note: `synthetic app rows (generate_series), ${SAMPLES.openCases} real instances waiting at the user task of their tier; ${result.checked}`,
    },
  };
}

/** The filters a case list is read with (web-modeler/src/pages/cases.ts), one after another. */
const CASE_LIST_QUERIES = [
  '',
  'status=open',
  'q=DZ-',
  'tier=2',
  'overdue=true',
  'waitingForMe=true',
  'safety=true',
  'status=decided&sort=reference&dir=asc&page=40',
];

/** One page of the region's case list per request, the filters in turn, over the dashboard's 100,000 cases. */
async function measureCaseList(manager: Session): Promise<Row> {
  let i = 0;
  const result = await measureQuery(
    SAMPLES.caseListQueries,
    async () => {
      const query = CASE_LIST_QUERIES[i++ % CASE_LIST_QUERIES.length]!;
      return { query, body: await api<unknown[]>(manager, 'GET', `/api/regions/${DASHBOARD_REGION}/cases?pageSize=25&${query}`) };
    },
    ({ query, body }) => `last: "${query}" → ${body.length} cases on the page`,
  );
  return {
    measurement: `case list (GET …/cases, one page of 25; filters in turn: ${CASE_LIST_QUERIES.map((q) => q || 'none').join(' | ')}), ${SAMPLES.finishedCases} finished + ${SAMPLES.openCases} open cases`,
    n: result.samples.length,
    concurrency: 1,
    stats: stats(result.samples),
    throughput: round1(result.samples.length / result.seconds),
    unit: 'queries/s',
    note: `the count for the total and the engine's open tasks of the region (for overdue and waiting-for) are read on every request; ${result.checked}`,
  };
}

// ---------------------------------------------------------------- engine throughput

/** Process instances started per second through the Engine interface (REST), each running to a user task and waiting there. */
async function measureInstanceStarts(engine: Engine): Promise<Row> {
  const started = performance.now();
  const samples = await inParallel(SAMPLES.instanceStarts, SAMPLES.instanceStartConcurrency, async (i) =>
    (await timed(() => engine.startInstance(PROCESSES.instanceStart, `bench-start-${i}`, { caseId: crypto.randomUUID(), region: 'bench-start', index: i }))).ms,
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    measurement: 'process instances started (Engine.startInstance → POST /process-definition/key/…/start)',
    n: samples.length,
    concurrency: SAMPLES.instanceStartConcurrency,
    stats: stats(samples),
    throughput: round1(samples.length / seconds),
    unit: 'instances/s',
    note: 'bench/fixtures/instance-start.bpmn: start event → user task (candidate group, form key), the instance waits there; three typed variables, business key',
  };
}

type Worker = { close(): Promise<unknown> };

/**
 * The peer of Doorzet's worker: a bare loop over plain fetch against Operaton's REST API with
 * the adapter's settings (one long poll per node, maxTasks 16, lockDuration JOB_TIMEOUT_S,
 * asyncResponseTimeout ENGINE_POLL_TIMEOUT_S, the same request body), completing every task
 * of a poll in parallel before the next poll. No validation, no handler, no lock extension.
 */
function startBareLoop(topic: string): Worker & { failures: () => number } {
  const workerId = `bench-bare-${process.pid}`;
  const headers = { authorization, 'content-type': 'application/json', accept: 'application/json' };
  const controller = new AbortController();
  let closing = false;
  let failures = 0;
  const loop = async (node: string) => {
    while (!closing) {
      let tasks: Array<{ id: string }>;
      try {
        const response = await fetch(`${node}/external-task/fetchAndLock`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            workerId,
            maxTasks: MAX_TASKS,
            usePriority: false,
            asyncResponseTimeout: config.ENGINE_POLL_TIMEOUT_S * 1000,
            topics: [{ topicName: topic, lockDuration: config.JOB_TIMEOUT_S * 1000, includeExtensionProperties: true }],
          }),
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`fetchAndLock ${response.status} ${await response.text()}`);
        tasks = (await response.json()) as Array<{ id: string }>;
      } catch (error) {
        if (closing) return;
        failures += 1;
        log(`bare loop: ${(error as Error).message}`);
        await sleep(1000);
        continue;
      }
      await Promise.all(
        tasks.map(async (task) => {
          const response = await fetch(`${node}/external-task/${task.id}/complete`, { method: 'POST', headers, body: JSON.stringify({ workerId }) });
          if (!response.ok) {
            failures += 1;
            log(`bare loop: complete ${task.id}: ${response.status} ${await response.text()}`);
          }
        }),
      );
    }
  };
  const loops = config.engineRestUrls.map(loop);
  return {
    failures: () => failures,
    close: async () => {
      closing = true;
      // Every task of this topic is done by now, so nothing can be locked to the poll cut off here.
      controller.abort();
      await Promise.all(loops);
    },
  };
}

/** The Doorzet side's no-op handler: accepts any variables and completes at once, so only the adapter is measured. */
const completeAtOnce = defineJob({
  label: 'Benchmark: meteen afronden',
  description: 'Rondt de taak meteen af (alleen voor de benchmark).',
  input: z.object({}),
  handle: async () => complete(),
});

type JobRun = { jobs: number; seconds: number };

/** Starts `n` instances whose one external task has `topic`, then the worker, and times until the engine ended the last instance. */
async function runJobs(c: Clients, topic: string, variables: Array<Record<string, unknown>>, startWorker: () => Worker): Promise<JobRun> {
  const keys = await inParallel(variables.length, 16, async (i) =>
    (await c.engine.startInstance(PROCESSES.jobs, `bench-job-${topic}-${crypto.randomUUID()}`, { jobType: topic, ...variables[i] })).processInstanceKey,
  );
  const started = Date.now();
  const worker = startWorker();
  try {
    const last = await until(`${keys.length} ${topic} instances completed`, 300_000, async () => {
      const { rows } = await c.engineDb.query<{ n: string; last: Date | null }>(
        `SELECT count(*) AS n, max(end_time_) AS last FROM act_hi_procinst WHERE id_ = ANY($1::text[]) AND state_ = 'COMPLETED'`,
        [keys],
      );
      return Number(rows[0]!.n) === keys.length ? rows[0]!.last! : undefined;
    }, 100);
    return { jobs: keys.length, seconds: (last.getTime() - started) / 1000 };
  } finally {
    await worker.close();
  }
}

async function measureJobs(c: Clients): Promise<{ rows: Row[]; ratio: number; realRatio: number; rounds: Array<{ worker: string; jobs: number; seconds: number }>; queued: number }> {
  const deps = buildDeps({ config, db: c.db, engine: c.engine });
  const doorzet = () => startExternalTaskWorkers(c.engine, { [TOPICS.doorzet]: completeAtOnce }, deps);
  const bare = () => {
    const loop = startBareLoop(TOPICS.bare);
    return {
      close: async () => {
        await loop.close();
        if (loop.failures() > 0) throw new Error(`the bare loop had ${loop.failures()} failed calls`);
      },
    };
  };
  const plain = Array.from({ length: SAMPLES.jobsPerRound }, () => ({}));
  const rounds: Array<{ worker: string; jobs: number; seconds: number }> = [];
  const measure = async (worker: 'doorzet' | 'bare') => {
    const result = worker === 'doorzet' ? await runJobs(c, TOPICS.doorzet, plain, doorzet) : await runJobs(c, TOPICS.bare, plain, bare);
    rounds.push({ worker, jobs: result.jobs, seconds: Math.round(result.seconds * 100) / 100 });
    log(`  ${worker}: ${result.jobs} jobs in ${result.seconds.toFixed(2)} s`);
  };
  for (const worker of ['bare', 'doorzet'] as const) {
    const warmUp = Array.from({ length: SAMPLES.jobWarmUp }, () => ({}));
    const result = worker === 'doorzet' ? await runJobs(c, TOPICS.doorzet, warmUp, doorzet) : await runJobs(c, TOPICS.bare, warmUp, bare);
    log(`  warm-up ${worker}: ${result.jobs} jobs in ${result.seconds.toFixed(2)} s (not counted)`);
  }
  // Alternating order, so neither side always runs on the warmer (or busier) engine.
  for (let round = 0; round < SAMPLES.jobRounds; round++) {
    for (const worker of round % 2 === 0 ? (['bare', 'doorzet'] as const) : (['doorzet', 'bare'] as const)) await measure(worker);
  }
  const caseIds = await seedJobCases(c.db, SAMPLES.realHandlerJobs, 'R');
  const real = await runJobs(
    c,
    TOPICS.real,
    caseIds.map((caseId) => ({ caseId, region: JOB_REGION, role: 'behandelaar', reason: 'taak' })),
    () => startExternalTaskWorkers(c.engine, { [TOPICS.real]: notifyRole }, deps),
  );
  rounds.push({ worker: 'doorzet notify-role', jobs: real.jobs, seconds: Math.round(real.seconds * 100) / 100 });
  log(`  doorzet notify-role: ${real.jobs} jobs in ${real.seconds.toFixed(2)} s`);

  const { rows: queued } = await c.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM mail_outbox o JOIN "case" c ON c.id = o.case_id WHERE c.region_id = $1`,
    [JOB_REGION],
  );
  const total = (worker: string) => {
    const of = rounds.filter((r) => r.worker === worker);
    return { jobs: of.reduce((a, r) => a + r.jobs, 0), seconds: of.reduce((a, r) => a + r.seconds, 0) };
  };
  const rate = (t: { jobs: number; seconds: number }) => t.jobs / t.seconds;
  const row = (name: string, t: { jobs: number; seconds: number }, note: string): Row => ({
    measurement: name,
    n: t.jobs,
    concurrency: MAX_TASKS,
    stats: { n: t.jobs, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: round1((t.seconds * 1000) / t.jobs) },
    throughput: round1(rate(t)),
    unit: 'jobs/s',
    note,
  });
  const [d, b] = [total('doorzet'), total('bare')];
  const perNode = `${config.ENGINE_NODES} node(s), maxTasks ${MAX_TASKS}, lock ${config.JOB_TIMEOUT_S} s, long poll ${config.ENGINE_POLL_TIMEOUT_S} s`;
  return {
    rows: [
      row('jobs: Doorzet worker (workers/adapter.ts startExternalTaskWorkers, handler completes at once)', d, `${SAMPLES.jobRounds} rounds of ${SAMPLES.jobsPerRound}, alternating with the bare loop; ${perNode}`),
      row('jobs: bare fetchAndLock + complete loop (plain fetch, same settings)', b, `same model, engine and run; ${perNode}`),
      row('jobs: Doorzet worker with notify-role', total('doorzet notify-role'), 'validates input, reads region and case, queues one mail in the outbox, completes'),
    ],
    ratio: Math.round((rate(d) / rate(b)) * 100) / 100,
    realRatio: Math.round((rate(total('doorzet notify-role')) / rate(b)) * 100) / 100,
    rounds,
    queued: Number(queued[0]!.n),
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

type Aim = { aim: string; measured: string; met: boolean };

async function main(): Promise<void> {
  log(`data folder ${dataDir}; ports ${Object.values(CHILD_PORTS).join(', ')}; samples ${JSON.stringify(SAMPLES)}`);
  // Under `flock LOCK npm run bench` the lock is held, so a non-blocking try fails; if it succeeds nobody holds it.
  if (spawnSync('flock', ['-n', LOCK, 'true']).status === 0) {
    log(`warning: ${LOCK} is not held; run it as \`flock ${LOCK} npm run bench\` (stack tests use the same child ports)`);
  }

  log('cold start (empty data folder, cached engine jar) ...');
  const first = await startStack();
  let stack = first.stack;
  const cold = first.start;
  const machineInfo = machine();
  const memoryAfterCold = memory(stack);
  log(`cold start: ready in ${cold.readySeconds} s (engine ${cold.engineSeconds} s)`);

  let c = connect();
  const seeding: Record<string, number> = {};
  const seedStep = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const { ms, value } = await timed(work);
    seeding[name] = round1(ms / 1000);
    log(`seeded ${name} in ${seeding[name]} s`);
    return value;
  };
  await seedStep('regions', () => seedRegions(c.db));
  const deployed = await seedStep('fixtures deployed', () => deployFixtures(c.engine));
  log(`  ${deployed.map((d) => `${d.bpmnProcessId} v${d.version}`).join(', ')}`);
  const taskInstances = await seedStep(`${SAMPLES.openTasks} open tasks (real instances + case rows)`, () => seedTaskList(c.db, c.engine, SAMPLES.openTasks));
  log(`  ${taskInstances.instances} instances in ${taskInstances.seconds} s: ${taskInstances.perSecond}/s at concurrency ${START_CONCURRENCY} (engine just started)`);
  const dashboardInstances = await seedStep(`${SAMPLES.finishedCases} finished + ${SAMPLES.openCases} open cases (open ones with real instances)`, () =>
    seedDashboard(c.db, c.engine, SAMPLES.finishedCases, SAMPLES.openCases),
  );
  log(`  ${dashboardInstances.instances} instances in ${dashboardInstances.seconds} s: ${dashboardInstances.perSecond}/s`);
  const { rows: openTasks } = await c.engineDb.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM act_ru_task t JOIN act_ru_identitylink l ON l.task_id_ = t.id_ AND l.type_ = 'candidate' WHERE l.group_id_ = $1`,
    [`${TASK_REGION}:behandelaar`],
  );
  if (openTasks[0]!.n !== SAMPLES.openTasks) throw new Error(`${openTasks[0]!.n} open tasks for ${TASK_REGION}:behandelaar in the engine, expected ${SAMPLES.openTasks}`);
  // What autovacuum would do a little later: statistics for the tables the bulk start just filled.
  for (const table of ['act_ru_task', 'act_ru_identitylink', 'act_ru_execution', 'act_ru_variable', 'act_hi_taskinst', 'act_hi_identitylink', 'act_hi_procinst', 'act_hi_actinst']) {
    await c.engineDb.query(`ANALYZE ${table}`);
  }
  await c.close();

  const stopSeconds = await stopStack(stack);
  log(`stopped in ${stopSeconds} s; warm start (existing data) ...`);
  const second = await startStack();
  stack = second.stack;
  const warm = second.start;
  const memoryAfterWarm = memory(stack);
  log(`warm start: ready in ${warm.readySeconds} s (engine ${warm.engineSeconds} s)`);
  c = connect();

  const rows: Row[] = [];
  const reporter = await signIn(MELDING_USER);
  log(`${SAMPLES.meldingen} meldingen ...`);
  const meldingenStarted = new Date();
  const meldingen = await measureMeldingen(reporter);
  rows.push(meldingen);
  const inOrder = meldingen.samplesInOrder!;
  const [early, later] = [stats(inOrder.slice(0, 16)), stats(inOrder.slice(16))];
  const slowest = inOrder.map((ms, i) => ({ ms, i })).sort((a, b) => b.ms - a.ms).slice(0, 3);
  const meldingTail = `first 16 requests p50 ${fmt(early.p50)} / max ${fmt(early.max)} ms; the other ${later.n}: p95 ${fmt(later.p95)} / p99 ${fmt(later.p99)} / max ${fmt(later.max)} ms; slowest: ${slowest.map((x) => `#${x.i + 1} ${fmt(x.ms)} ms`).join(', ')}`;
  log(`meldingen: ${meldingTail}`);
  const drainSeconds = await drainOutbox(c.db);
  log(`outbox drained ${drainSeconds.toFixed(1)} s after the last melding`);

  log(`${SAMPLES.mailRoundTrips} melding → e-mail round trips ...`);
  const incidentsAfterMeldingen = await incidentsSince(c, meldingenStarted);
  log(`${incidentsAfterMeldingen.size} of ${SAMPLES.meldingen} meldingen ended in an incident: ${[...new Set(incidentsAfterMeldingen.values())].slice(0, 3).join(' | ')}`);
  const mail = await measureMail(reporter, c);
  rows.push(mail.row);
  if (mail.failed.size > 0) log(`${mail.failed.size} of ${SAMPLES.mailRoundTrips} round trips ended in an incident instead of a mail`);
  await drainOutbox(c.db);
  const alone: number[] = [];
  for (let i = 0; i < SAMPLES.meldingenAlone; i++) {
    alone.push((await timed(() => api(reporter, 'POST', `/api/regions/${MELDING_REGION}/cases`, melding(20_000 + i)))).ms);
    await sleep(200);
  }
  const meldingAlone = stats(alone);
  log(`${SAMPLES.meldingenAlone} meldingen one at a time: p50 ${fmt(meldingAlone.p50)} / max ${fmt(meldingAlone.max)} ms`);

  log(`${SAMPLES.taskQueries} task-list queries ...`);
  const worker = await signIn(`behandelaar.${TASK_REGION}`);
  // What the task page asks on every load: the first page and the count for the header, side by side.
  const tasks = await measureQuery(
    SAMPLES.taskQueries,
    () => Promise.all([api<unknown[]>(worker, 'GET', '/api/tasks?page=1&pageSize=50'), api<{ total: number }>(worker, 'GET', '/api/tasks/count')]),
    ([page, count]) => {
      if (count.total < SAMPLES.openTasks) throw new Error(`count says ${count.total} open tasks, seeded ${SAMPLES.openTasks}`);
      return `${page.length} tasks on the page of ${count.total}`;
    },
  );
  // The engine read behind it on its own: the same call the API makes, from the benchmark process.
  const groups = [`${TASK_REGION}:behandelaar`];
  const engineRead = await measureQuery(SAMPLES.taskQueries, () => c.engine.searchUserTasks({ state: 'CREATED', candidateGroups: groups, order: 'due', limit: 50 }), (t) => `${t.length}`);
  const taskRead = stats(engineRead.samples);
  log(`task list: engine read alone (Engine.searchUserTasks, SQL) p50 ${fmt(taskRead.p50)} / p95 ${fmt(taskRead.p95)} ms`);
  rows.push({
    measurement: `task list page (GET /api/tasks first 50 + /api/tasks/count side by side), ${SAMPLES.openTasks} open tasks for the user's group`,
    n: tasks.samples.length,
    concurrency: 1,
    stats: stats(tasks.samples),
    throughput: round1(tasks.samples.length / tasks.seconds),
    unit: 'queries/s',
    note: `${SAMPLES.openTasks} real instances of bench/fixtures/task-list.bpmn (act_ru_task + act_ru_identitylink) and their case rows; ${tasks.checked}`,
  });

  log(`${SAMPLES.metricsQueries} dashboard refreshes ...`);
  const manager = await signIn(`manager.${DASHBOARD_REGION}`);
  const dashboard = await measureDashboard(manager);
  rows.push(dashboard.row);
  // The figures the refreshes read were computed once, off the request path (api/metrics/service.ts).
  const figuresComputeMs = (await c.db.query<{ ms: number }>(`SELECT compute_ms AS ms FROM region_figures WHERE region_id = $1 AND period_key = 'alles'`, [DASHBOARD_REGION])).rows[0]?.ms ?? null;

  log(`${SAMPLES.caseListQueries} case list pages with filters ...`);
  rows.push(await measureCaseList(manager));

  log(`${SAMPLES.instanceStarts} process instances started, ${SAMPLES.instanceStartConcurrency} at a time ...`);
  rows.push(await measureInstanceStarts(c.engine));

  log(`job throughput: ${SAMPLES.jobRounds} × ${SAMPLES.jobsPerRound} jobs for the Doorzet worker and the bare loop, ${SAMPLES.realHandlerJobs} with notify-role ...`);
  const jobs = await measureJobs(c);
  rows.push(...jobs.rows);
  if (jobs.queued !== SAMPLES.realHandlerJobs) throw new Error(`Doorzet's worker queued ${jobs.queued} mails, expected ${SAMPLES.realHandlerJobs}`);

  const memoryAfterLoad = memory(stack);
  await c.close();
  const finalStopSeconds = await stopStack(stack);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const row = (prefix: string) => rows.find((r) => r.measurement.startsWith(prefix))!;
  const engineMB = (m: Memory) => Math.round(m.rssMiB * 1.048576);
  const engineRss = Math.max(memoryAfterWarm.engine.rssMiB, memoryAfterLoad.engine.rssMiB);
  const aims: Aim[] = [
    { aim: 'melding p99 < 300 ms', measured: `${fmt(row('melding → case').stats.p99)} ms`, met: row('melding → case').stats.p99 < 300 },
    { aim: 'melding → e-mail p99 < 1 s', measured: `${fmt(row('melding → first').stats.p99)} ms`, met: row('melding → first').stats.p99 < 1000 },
    { aim: `task list p95 < 50 ms at ${SAMPLES.openTasks} tasks`, measured: `${fmt(row('task list').stats.p95)} ms`, met: row('task list').stats.p95 < 50 },
    { aim: `dashboard p95 < 200 ms at ${SAMPLES.finishedCases} cases`, measured: `${fmt(row('dashboard').stats.p95)} ms (metrics alone ${fmt(dashboard.metrics.p95)} ms)`, met: row('dashboard').stats.p95 < 200 },
    { aim: `case list p95 < 100 ms at ${SAMPLES.finishedCases} cases, any filter`, measured: `${fmt(row('case list').stats.p95)} ms`, met: row('case list').stats.p95 < 100 },
    { aim: 'warm start < 20 s', measured: `${warm.readySeconds} s`, met: warm.readySeconds < 20 },
    {
      aim: 'engine RSS < 600 MB',
      measured: `${engineRss} MiB = ${Math.round(engineRss * 1.048576)} MB (warm start ${engineMB(memoryAfterWarm.engine)} MB, after the load ${engineMB(memoryAfterLoad.engine)} MB)`,
      met: engineRss * 1.048576 < 600,
    },
    { aim: 'jobs: Doorzet worker / bare loop ≥ 0.9', measured: String(jobs.ratio), met: jobs.ratio >= 0.9 },
  ];

  const result = {
    ranAt: new Date().toISOString(),
    command: `flock ${LOCK} npm run bench`,
    machine: machineInfo,
    samples: SAMPLES,
    rows,
    jobRatio: jobs.ratio,
    jobRatioRealHandler: jobs.realRatio,
    jobRounds: jobs.rounds,
    dashboardParts: { metrics: dashboard.metrics, elementStatistics: dashboard.elements, figuresComputeMs },
    aims,
    starts: { cold, warm, stopSeconds, finalStopSeconds },
    memory: { afterColdStart: memoryAfterCold, afterWarmStart: memoryAfterWarm, afterLoad: memoryAfterLoad },
    seedingSeconds: seeding,
    meldingTail,
    meldingAlone,
    taskListEngineRead: taskRead,
    seedingInstanceStarts: { taskList: taskInstances, dashboard: dashboardInstances },
    outboxDrainSecondsAfter200Meldingen: round1(drainSeconds),
    incidents: {
      afterMeldingen: { count: incidentsAfterMeldingen.size, of: SAMPLES.meldingen, messages: [...new Set(incidentsAfterMeldingen.values())] },
      duringMailRoundTrips: { count: mail.failed.size, of: SAMPLES.mailRoundTrips, messages: [...new Set(mail.failed.values())] },
    },
  };
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);

  const m = machineInfo;
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`\nDoorzet benchmark, ${result.ranAt}`);
  out(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os} (${m.kernel}), Node ${m.node}, ${m.java}; ${m.engine}\n`);
  out(table(rows));
  out();
  out(`job throughput ratio Doorzet worker / bare fetchAndLock+complete loop: ${jobs.ratio} (with notify-role: ${jobs.realRatio})`);
  out(`job rounds (s): ${jobs.rounds.map((r) => `${r.worker} ${r.jobs} in ${r.seconds}`).join('; ')}`);
  out(
    `dashboard parts p50/p95: metrics ${fmt(dashboard.metrics.p50)}/${fmt(dashboard.metrics.p95)} ms, element-statistics ${fmt(dashboard.elements.p50)}/${fmt(dashboard.elements.p95)} ms; the period's figures computed once in ${figuresComputeMs} ms (again at most every FIGURES_MAX_AGE_S, off the request path)`,
  );
  out(`start: cold ${cold.readySeconds} s to ready (engine ${cold.engineSeconds} s), warm ${warm.readySeconds} s (engine ${warm.engineSeconds} s); stop ${stopSeconds} s / ${finalStopSeconds} s`);
  const mem = (label: string, x: ReturnType<typeof memory>) =>
    `${label}: engine ${x.engine.rssMiB} MiB (${x.engine.processes} JVM), PostgreSQL ${x.postgres.rssMiB} MiB summed / ${x.postgres.pssMiB} MiB PSS (${x.postgres.processes} processes), Doorzet Node ${x.doorzet.rssMiB} MiB (${x.doorzet.names.join(', ')})`;
  out(`RSS ${mem('after cold start', memoryAfterCold)}`);
  out(`RSS ${mem('after warm start', memoryAfterWarm)}`);
  out(`RSS ${mem('after the load', memoryAfterLoad)}; peak (VmHWM) engine ${memoryAfterLoad.engine.peakMiB} MiB, Node ${memoryAfterLoad.doorzet.peakMiB} MiB`);
  out(
    `seeding (s): ${JSON.stringify(seeding)}; instances started while seeding: ${taskInstances.perSecond}/s then ${dashboardInstances.perSecond}/s (concurrency ${START_CONCURRENCY}, just after the cold start)`,
  );
  out(`meldingen in order: ${meldingTail}; ${SAMPLES.meldingenAlone} one at a time afterwards: p50 ${fmt(meldingAlone.p50)} / p95 ${fmt(meldingAlone.p95)} / max ${fmt(meldingAlone.max)} ms`);
  out(`task list: the engine read alone (Engine.searchUserTasks, first 50 of ${SAMPLES.openTasks} by due date) p50 ${fmt(taskRead.p50)} / p95 ${fmt(taskRead.p95)} ms`);
  out(`outbox drained ${result.outboxDrainSecondsAfter200Meldingen} s after the ${SAMPLES.meldingen} meldingen`);
  out(
    `incidents: ${incidentsAfterMeldingen.size} of ${SAMPLES.meldingen} meldingen, ${mail.failed.size} of ${SAMPLES.mailRoundTrips} mail round trips (${[...new Set([...incidentsAfterMeldingen.values(), ...mail.failed.values()])].join(' | ') || 'none'})`,
  );
  out('data: the open tasks and open dashboard cases are real instances; the finished dashboard cases and timeline events are generate_series rows.');
  out('aims:');
  for (const a of aims) out(`  ${a.met ? 'met    ' : 'NOT met'}  ${a.aim}: ${a.measured}`);
  out('written: bench/results.json');
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
