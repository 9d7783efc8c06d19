import type { RegionSettings } from '../domain/region.js';
import type { Queryable } from '../platform/db/pool.js';

/**
 * Synthetic data for the benchmark, written straight into the databases of the
 * benchmark's own throw-away Doorzet (never a developer's .data/). Every row is
 * fictional: references BENCH-…, no person rows, addresses on example.org. Each
 * measurement gets its own region so one data set does not skew another.
 */

export const TASK_REGION = 'bench-taken';
export const DASHBOARD_REGION = 'bench-dashboard';
export const JOB_REGION = 'bench-werkers';

/** Keys far above what the engine hands out (partition 1 starts at 2^51), so synthetic rows never meet real ones. */
const SYNTHETIC_KEY_BASE = 9_000_000_000_000_000n;

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

/**
 * `count` open cases in TASK_REGION, each with one open user task for `<region>:behandelaar`.
 * The tasks go into the engine's secondary-storage table user_task (written by hand instead of
 * by the exporter: starting 10,000 real instances would take minutes); the case rows carry the
 * same process_instance_key, which is how GET /api/tasks joins the two databases.
 */
export async function seedTaskList(db: Queryable, engineDb: Queryable, count: number): Promise<void> {
  const instanceBase = String(SYNTHETIC_KEY_BASE + 2_000_000n);
  await db.query(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, process_instance_key, process_version, status, current_tier,
                         domains, stuck_reason, reported_by, reported_at)
     SELECT gen_random_uuid(), 'BENCH-T-' || lpad(g::text, 6, '0'), $1, $1, ($2::bigint + g)::text, 1, 'open', 1 + g % 2,
            '{wmo}', 'Synthetische benchmarkcasus', 'bench', now() - g * interval '1 minute'
       FROM generate_series(1, $3::int) g`,
    [TASK_REGION, instanceBase, count],
  );
  await engineDb.query(
    `INSERT INTO user_task (key, element_instance_key, process_instance_key, process_definition_key, bpmn_process_id, element_id,
                            state, assignee, candidate_groups, candidate_users, due_date, follow_up_date, form_reference, priority, creation_date)
     SELECT $2::bigint + g, $3::bigint + g, $4::bigint + g, $2::bigint, $1, 'Behandelen', 'CREATED',
            CASE WHEN g % 10 = 0 THEN 'bench-collega' END, $1 || ':behandelaar', '',
            to_char((now() + (g % 40 - 10) * interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            NULL, 'beoordelen', 50, now() - g * interval '1 minute'
       FROM generate_series(1, $5::int) g`,
    [TASK_REGION, String(SYNTHETIC_KEY_BASE), String(SYNTHETIC_KEY_BASE + 1_000_000n), instanceBase, count],
  );
  await engineDb.query('ANALYZE user_task');
}

/**
 * `finished` closed and `open` running cases in DASHBOARD_REGION, spread over the last year,
 * with lead times, knelpunten and timeline events (a melding for each, an automatic
 * escalation for one in five), which is what GET /api/regions/:region/metrics aggregates.
 */
export async function seedDashboard(db: Queryable, finished: number, open: number): Promise<void> {
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
  await db.query('ANALYZE "case"');
  await db.query('ANALYZE case_event');
}

/** `count` open cases for the record-tier-change jobs of the worker benchmark; returns their ids in order. */
export async function seedJobCases(db: Queryable, count: number): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, current_tier, domains, stuck_reason, reported_by)
     SELECT gen_random_uuid(), 'BENCH-W-' || lpad(g::text, 6, '0'), $1, 'bench-job-throughput', 'open', 1, '{wmo}',
            'Synthetische benchmarkcasus', 'bench'
       FROM generate_series(1, $2::int) g
     RETURNING id`,
    [JOB_REGION, count],
  );
  return result.rows.map((r) => r.id);
}
