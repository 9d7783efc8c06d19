import fs from 'node:fs';
import path from 'node:path';
import type { RegionSettings } from '../domain/region.js';
import type { Queryable } from '../platform/db/pool.js';
import type { DeployedProcess, Engine } from '../platform/engine/client.js';

/**
 * Data for the benchmark, written into the databases of the benchmark's own throw-away
 * Doorzet (never a developer's .data/). Every row is fictional: references BENCH-…, no
 * person rows, addresses on example.org. Each measurement gets its own region so one data
 * set does not skew another.
 *
 * What is real and what is synthetic: the open tasks and the open cases' instances are real
 * process instances, started through the engine's REST API (the Engine interface) with the
 * case id as business key, so the engine writes its own runtime and history rows. The
 * 100,000 finished dashboard cases and all timeline events are synthetic app rows
 * (INSERT … SELECT generate_series), as the dashboard's figures are Doorzet's own tables.
 */

export const TASK_REGION = 'bench-taken';
export const DASHBOARD_REGION = 'bench-dashboard';
export const JOB_REGION = 'bench-werkers';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
/** Process ids of the fixtures; the task and dashboard ones are their region's bpmnProcessId. */
export const PROCESSES = {
  taskList: TASK_REGION,
  dashboard: DASHBOARD_REGION,
  instanceStart: 'bench-instance-start',
  jobs: 'bench-job-throughput',
};

/** Instances are started this many at a time, like the instance-start measurement. */
export const START_CONCURRENCY = 8;

function benchRegion(id: string, name: string): RegionSettings {
  return {
    id,
    name,
    bpmnProcessId: id,
    tiers: [
      { number: 1, name: 'Uitvoering' },
      { number: 2, name: 'Management' },
      { number: 3, name: 'Bestuur' },
    ],
    roles: [
      { id: 'behandelaar', name: 'Behandelaar', tier: 1, contacts: [{ name: 'Bo Behandel', email: `behandelaar.${id}@example.org` }] },
      { id: 'bestuurder', name: 'Bestuurder', tier: 3, contacts: [{ name: 'Dirk Bestuur', email: `bestuurder.${id}@example.org` }] },
      { id: 'beleidsmedewerker', name: 'Beleidsmedewerker', tier: 0, contacts: [] },
      { id: 'manager', name: 'Manager', tier: 0, contacts: [] },
    ],
    partners: [],
    deadlines: {},
    learningMeeting: { name: 'Leertafel', weekday: 2, everyWeeks: 4, contact: { name: 'Lea Leer', email: `leertafel.${id}@example.org` } },
  };
}

/** The three regions; the API seeds their demo accounts (`<role>.<region>`) at its next start. */
export async function seedRegions(db: Queryable): Promise<void> {
  for (const [id, name] of [
    [TASK_REGION, 'Benchmark: takenlijst'],
    [DASHBOARD_REGION, 'Benchmark: dashboard'],
    [JOB_REGION, 'Benchmark: workers'],
  ] as const) {
    await db.query(`INSERT INTO region (id, name, settings, updated_by) VALUES ($1, $2, $3, 'bench') ON CONFLICT (id) DO NOTHING`, [
      id,
      name,
      JSON.stringify(benchRegion(id, name)),
    ]);
  }
}

/** Deploys every model in bench/fixtures/ in one deployment (duplicate filtering keeps a rerun at the same versions). */
export async function deployFixtures(engine: Engine): Promise<DeployedProcess[]> {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.bpmn')).sort();
  return engine.deploy('doorzet-bench', files.map((f) => ({ name: f, content: fs.readFileSync(path.join(FIXTURES, f)) })));
}

/** Runs `work` for 0 … total-1, `concurrency` at a time; results in input order. */
export async function inParallel<T>(total: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
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

export type Started = { instances: number; seconds: number; perSecond: number };

/**
 * Starts one instance per case (business key = case id, as the API does) and stores each
 * instance id on its case row, which is how GET /api/tasks joins the engine's tasks to cases.
 */
async function startForCases(
  db: Queryable,
  engine: Engine,
  bpmnProcessId: string,
  cases: Array<{ id: string; variables: Record<string, unknown> }>,
): Promise<Started> {
  const started = performance.now();
  const keys = await inParallel(cases.length, START_CONCURRENCY, async (i) => {
    const c = cases[i]!;
    return (await engine.startInstance(bpmnProcessId, c.id, { caseId: c.id, ...c.variables })).processInstanceKey;
  });
  const seconds = (performance.now() - started) / 1000;
  await db.query(
    `UPDATE "case" c SET process_instance_key = v.key, process_version = 1
       FROM unnest($1::uuid[], $2::text[]) AS v(id, key) WHERE c.id = v.id`,
    [cases.map((c) => c.id), keys],
  );
  return { instances: cases.length, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round((cases.length / seconds) * 10) / 10 };
}

/** A due date `days` from now, as the ISO text the models' camunda:dueDate expressions take. */
const dueIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * `count` open cases in TASK_REGION, each with a real instance of bench/fixtures/task-list.bpmn
 * waiting at one user task for `<region>:behandelaar`: due dates from 10 days overdue to 30
 * days ahead, one in ten claimed by a colleague (as the old synthetic rows had).
 */
export async function seedTaskList(db: Queryable, engine: Engine, count: number): Promise<Started> {
  const { rows } = await db.query<{ id: string; g: number }>(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, current_tier, domains, stuck_reason, reported_by, reported_at)
     SELECT gen_random_uuid(), 'BENCH-T-' || lpad(g::text, 6, '0'), $1, $1, 'open', 1 + g % 2,
            '{wmo}', 'Synthetische benchmarkcasus', 'bench', now() - g * interval '1 minute'
       FROM generate_series(1, $2::int) g
     RETURNING id, right(reference, 6)::int AS g`,
    [TASK_REGION, count],
  );
  return startForCases(
    db,
    engine,
    PROCESSES.taskList,
    rows.map((r) => ({ id: r.id, variables: { region: TASK_REGION, due: dueIn((r.g % 40) - 10), assignee: r.g % 10 === 0 ? 'bench-collega' : null } })),
  );
}

/**
 * `finished` closed and `open` running cases in DASHBOARD_REGION, spread over the last year,
 * with lead times, knelpunten and timeline events (a melding for each, an automatic
 * escalation for one in five), which is what GET /api/regions/:region/metrics aggregates.
 * The open cases get a real instance of bench/fixtures/dashboard.bpmn, waiting at the user
 * task of their tier, which is what GET /api/regions/:region/element-statistics counts.
 */
export async function seedDashboard(db: Queryable, engine: Engine, finished: number, open: number): Promise<Started> {
  await db.query(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, current_tier, domains, knelpunten, stuck_reason, safety,
                         reported_by, reported_at, picked_up_at, decided_at, help_started_at, closed_at, responsible_party)
     SELECT gen_random_uuid(), 'BENCH-D-' || lpad(g::text, 6, '0'), $1, $1,
            CASE WHEN g > $2 THEN 'open' ELSE (ARRAY['solved', 'decided', 'referred', 'closed'])[1 + g % 4] END,
            1 + g % 3,
            string_to_array((ARRAY['wmo', 'jeugd,ggz', 'schulden,wonen', 'werk-en-inkomen'])[1 + g % 4], ','),
            CASE WHEN g % 5 = 0 THEN ARRAY['wachtlijst'] WHEN g % 7 = 0 THEN ARRAY['financiering', 'regie'] ELSE '{}'::text[] END,
            'Synthetische benchmarkcasus', g % 50 = 0, 'bench', r,
            r + (1 + g % 72) * interval '1 hour',
            CASE WHEN g <= $2 AND g % 4 = 1 THEN r + (1 + g % 30) * interval '1 day' END,
            CASE WHEN g <= $2 AND g % 3 = 0 THEN r + (2 + g % 40) * interval '1 day' END,
            CASE WHEN g <= $2 THEN r + (5 + g % 60) * interval '1 day' END,
            CASE WHEN g <= $2 AND g % 4 = 1 THEN 'Zorgaanbieder Voorbeeld' END
       FROM (SELECT g, now() - (g % 365) * interval '1 day' - (g % 24) * interval '1 hour' AS r
               FROM generate_series(1, $2::int + $3::int) g) s`,
    [DASHBOARD_REGION, finished, open],
  );
  await db.query(
    `INSERT INTO case_event (case_id, at, kind, tier, actor, summary, details)
     SELECT id, reported_at, 'melding', 1, 'bench', 'Melding vastgelopen casus', '{}' FROM "case" WHERE region_id = $1`,
    [DASHBOARD_REGION],
  );
  await db.query(
    `INSERT INTO case_event (case_id, at, kind, tier, actor, summary, details)
     SELECT id, reported_at + interval '10 days', 'automatic-escalation', 2, 'bench', 'Automatisch opgeschaald na verlopen termijn',
            '{"automatic": true}'
       FROM "case" WHERE region_id = $1 AND right(reference, 1) IN ('0', '5')`,
    [DASHBOARD_REGION],
  );
  const { rows } = await db.query<{ id: string; tier: number; g: number }>(
    `SELECT id, current_tier AS tier, right(reference, 6)::int AS g FROM "case" WHERE region_id = $1 AND status = 'open' ORDER BY reference`,
    [DASHBOARD_REGION],
  );
  const started = await startForCases(
    db,
    engine,
    PROCESSES.dashboard,
    rows.map((r) => ({ id: r.id, variables: { region: DASHBOARD_REGION, tier: r.tier, due: dueIn((r.g % 40) - 10) } })),
  );
  await db.query('ANALYZE "case"');
  await db.query('ANALYZE case_event');
  return started;
}

/** `count` open cases for the real-handler jobs of the worker benchmark; returns their ids in order. */
export async function seedJobCases(db: Queryable, count: number, prefix: string): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, current_tier, domains, stuck_reason, reported_by)
     SELECT gen_random_uuid(), 'BENCH-W' || $3 || '-' || lpad(g::text, 6, '0'), $1, $4, 'open', 1, '{wmo}',
            'Synthetische benchmarkcasus', 'bench'
       FROM generate_series(1, $2::int) g
     RETURNING id`,
    [JOB_REGION, count, prefix, PROCESSES.jobs],
  );
  return result.rows.map((r) => r.id);
}
