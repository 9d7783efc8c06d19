import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { metrics } from '../../api/metrics/service.js';
import { readSeedSettings } from '../../platform/regions.js';
import { testContext } from '../support/context.js';
import { upsertRegion } from '../support/seed-case.js';

/**
 * The figures of docs/figures.md on fixed timelines: four cases whose every moment is known, so
 * each definition (what counts, from when to when, which cases are left out) has one right answer.
 */
const ctx = testContext();
const fresh = testContext({ FIGURES_MAX_AGE_S: '3600' });
afterAll(async () => Promise.all([ctx.close(), fresh.close()]));

const REGION = `cijfers-${randomUUID().slice(0, 8)}`;
const T0 = Date.parse('2025-03-03T09:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);
let sequence = 0;

type Timeline = {
  status: 'open' | 'solved' | 'decided';
  tier: number;
  reported?: number;
  pickedUp?: number;
  decided?: number;
  helpStarted?: number;
  closed?: number;
  knelpunten?: string[];
  /** [hours, to tier, from tier, automatic] */
  changes?: Array<[number, number, number, boolean]>;
};

async function seed(t: Timeline): Promise<string> {
  const id = randomUUID();
  const h = (v: number | undefined) => (v === undefined ? null : at(v));
  await ctx.db.query(
    `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, current_tier, domains, stuck_reason, knelpunten, reported_by,
                         reported_at, picked_up_at, decided_at, help_started_at, closed_at)
     VALUES ($1, $2, $3, 'doorzet-cijfers', $4, $5, '{jeugd}', 'Vaste tijdlijn', $6, 'test', $7, $8, $9, $10, $11)`,
    [id, `DZ-2025-${String(800_000 + sequence++).padStart(6, '0')}-${REGION}`.slice(0, 40), REGION, t.status, t.tier, t.knelpunten ?? [], at(t.reported ?? 0), h(t.pickedUp), h(t.decided), h(t.helpStarted), h(t.closed)],
  );
  for (const [hours, to, from, automatic] of t.changes ?? []) {
    await ctx.db.query(
      `INSERT INTO case_event (case_id, at, kind, tier, actor, summary, details, idempotency_key) VALUES ($1, $2, $3, $4, 'test', 'trede', $5, $6)`,
      [id, at(hours), automatic ? 'automatic-escalation' : 'tier-change', to, JSON.stringify({ from, to, automatic }), randomUUID()],
    );
  }
  return id;
}

beforeAll(async () => {
  await upsertRegion(ctx.db, { ...readSeedSettings('template'), id: REGION, name: 'Cijfers op vaste tijdlijnen' });
  // A: opgeschaald by a person after 1 h, picked up at 2 h, decided at 10 h, help at 34 h, closed at 48 h.
  await seed({ status: 'decided', tier: 2, pickedUp: 2, decided: 10, helpStarted: 34, closed: 48, changes: [[1, 2, 1, false]], knelpunten: ['wachtlijst'] });
  // B: solved at tier 1 before anyone of tier 2 picked it up: decided, but no pick-up and no waiting time.
  await seed({ status: 'solved', tier: 1, decided: 5, closed: 6, knelpunten: ['wachtlijst', 'financiering'] });
  // C: picked up at 4 h, the deadline escalates it at 24 h, a person to tier 3 at 30 h, decided at 40 h, closed at 50 h.
  await seed({ status: 'decided', tier: 3, pickedUp: 4, decided: 40, closed: 50, changes: [[24, 2, 1, true], [30, 3, 2, false]] });
  // D: decided at 1 h, picked up only at 3 h: a pick-up time, but a decision before pick-up is no waiting time.
  await seed({ status: 'solved', tier: 1, pickedUp: 3, decided: 1, closed: 5 });
  // Reported a year later: outside a period that ends before it.
  await seed({ status: 'open', tier: 1, reported: 24 * 365 });
});

const period = { periode: 'alles' as const, van: '2025-03-01', tot: '2025-03-31' };

test('lead and waiting times: melding → opgepakt, opgepakt → besluit, opgepakt → hulp ingezet, melding → afgerond', async () => {
  const m = await metrics(ctx, REGION, period);
  expect(m.reported).toBe(4);
  expect(m.decided).toBe(4);
  // Pick-up 2, 4 and 3 hours; B was never picked up.
  expect(m.leadTimes.pickup).toEqual({ medianHours: 3, p90Hours: 3.8, n: 3 });
  // Waiting 8 (A) and 36 (C); D's decision came before its pick-up.
  expect(m.leadTimes.waiting).toEqual({ medianHours: 22, p90Hours: 33.2, n: 2 });
  expect(m.leadTimes.waitingHelp).toEqual({ medianHours: 32, p90Hours: 32, n: 1 });
  // Closed after 48, 6, 50 and 5 hours.
  expect(m.leadTimes.total).toMatchObject({ medianHours: 27, n: 4 });
  expect(m.leadTimesByMonth).toEqual([{ month: '2025-03', pickupMedianHours: 3, waitingMedianHours: 22 }]);
  expect(m.knelpunten).toEqual([
    { category: 'wachtlijst', count: 2 },
    { category: 'financiering', count: 1 },
  ]);
});

test('per tier: time spent, escalations into it (automatic apart), where cases ended and how high they went', async () => {
  const m = await metrics(ctx, REGION, period);
  expect(m.tiers).toEqual([
    // Tier 1: A 1 h, B 6 h, C 24 h, D 5 h.
    { tier: 1, timeSpent: { medianHours: 5.5, p90Hours: 18.6, n: 4 }, escalatedInto: 0, automatic: 0, solvedHere: 2, decidedHere: 0, highestFor: 2 },
    // Tier 2: A 47 h, C 6 h.
    { tier: 2, timeSpent: { medianHours: 26.5, p90Hours: 42.9, n: 2 }, escalatedInto: 2, automatic: 1, solvedHere: 0, decidedHere: 1, highestFor: 1 },
    { tier: 3, timeSpent: { medianHours: 20, p90Hours: 20, n: 1 }, escalatedInto: 1, automatic: 0, solvedHere: 0, decidedHere: 1, highestFor: 1 },
  ]);
  expect(m.autoEscalations).toBe(1);
});

test('figures younger than FIGURES_MAX_AGE_S are read back, open cases are always counted now', async () => {
  const first = await metrics(fresh, REGION, { periode: 'alles' });
  await seed({ status: 'open', tier: 2, reported: 1 });
  const second = await metrics(fresh, REGION, { periode: 'alles' });
  expect(second.computedAt).toBe(first.computedAt);
  expect(second.reported).toBe(first.reported);
  expect(second.openPerTier.reduce((n, t) => n + t.count, 0)).toBe(first.openPerTier.reduce((n, t) => n + t.count, 0) + 1);
  // With no maximum age every request recomputes.
  expect((await metrics(ctx, REGION, { periode: 'alles' })).reported).toBe(first.reported + 1);
});
