import crypto from 'node:crypto';
import type { RegionSettings } from '../../domain/region.js';
import type { Pool } from '../../platform/db/pool.js';
import { expect } from 'vitest';
import { mailMentioning } from '../../platform/mail/mailbox.js';
import type { Engine, Incident } from '../../platform/engine/client.js';
import { eventually } from './context.js';

/** A one-role region for the fault tests: every case mails its behandelaar twice (melding, herinnering). */
export const faultRegion: RegionSettings = {
  id: 'storingstest',
  name: 'Storingstest',
  bpmnProcessId: 'test-fault-notify',
  tiers: [{ number: 1, name: 'Behandeling' }],
  roles: [
    { id: 'behandelaar', name: 'Behandelaar', tier: 1, contacts: [{ name: 'Bea Behandel', email: 'behandelaar@storingstest.example.org' }] },
    { id: 'beleidsmedewerker', name: 'Beleidsmedewerker', tier: 0, contacts: [] },
    { id: 'manager', name: 'Manager', tier: 0, contacts: [] },
  ],
  partners: [],
  deadlines: {},
  learningMeeting: { name: 'Leertafel', weekday: 2, everyWeeks: 4, contact: { name: 'Lea Leer', email: 'leertafel@storingstest.example.org' } },
};

export type FaultCase = { id: string; reference: string };

/** Inserts the region (once) and `count` cases whose references start with `DZ-2026-<series>`, so each test counts its own mail. */
export async function seedFaultCases(db: Pool, series: number, count: number): Promise<FaultCase[]> {
  await db.query(`INSERT INTO region (id, name, settings, updated_by) VALUES ($1, $2, $3, 'test') ON CONFLICT (id) DO NOTHING`, [
    faultRegion.id,
    faultRegion.name,
    JSON.stringify(faultRegion),
  ]);
  const cases = Array.from({ length: count }, (_, i) => ({ id: crypto.randomUUID(), reference: `DZ-2026-${String(series * 100000 + i)}` }));
  for (const c of cases) {
    await db.query(
      `INSERT INTO "case" (id, reference, region_id, bpmn_process_id, status, domains, stuck_reason, reported_by)
       VALUES ($1, $2, $3, 'test-fault-notify', 'open', '{wmo}', 'storingstest', 'test')`,
      [c.id, c.reference, faultRegion.id],
    );
  }
  return cases;
}

/** The start variables of the fault fixture for one case: facts only, no personal data. */
export function faultVariables(c: FaultCase): Record<string, string | boolean> {
  return { caseId: c.id, caseReference: c.reference, region: faultRegion.id, safety: false, entry: 'regulier' };
}

/** Every case of the series got its melding and its herinnering from the SMTP server, each exactly once. */
export async function expectEachCaseMailedOnce(db: Pool, series: number, count: number): Promise<void> {
  const perCase = new Map<string, string[]>();
  for (const mail of await mailMentioning(db, `DZ-2026-${series}`)) {
    const reference = new RegExp(`DZ-2026-${series}\\d{5}`).exec(mail.subject)?.[0] ?? 'unknown';
    perCase.set(reference, [...(perCase.get(reference) ?? []), mail.subject]);
  }
  expect(perCase.size).toBe(count);
  for (const [reference, subjects] of perCase) {
    expect(subjects.sort(), reference).toEqual([
      `[Doorzet] Casus ${reference}: herinnering, de termijn loopt af`,
      `[Doorzet] Casus ${reference}: melding van een vastgelopen casus`,
    ]);
  }
}

/**
 * Waits until every given process instance is COMPLETED in the engine's history. A completed
 * instance stays completed, so each probe asks only about the ones still open.
 */
export async function allCompleted(engine: Engine, keys: string[], what: string, timeoutMs: number): Promise<void> {
  const open = new Set(keys);
  await eventually(
    async () => {
      const states = await Promise.all([...open].map(async (key) => [key, (await engine.getProcessInstance(key))?.state] as const));
      for (const [key, state] of states) if (state === 'COMPLETED') open.delete(key);
      return open.size === 0 ? true : undefined;
    },
    what,
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; still open: ${open.size} of ${keys.length}, e.g. ${[...open].slice(0, 3).join(', ')}`);
  });
}

/** Incidents of the given instances (one REST call for their definition, filtered here). */
export async function incidentsOf(engine: Engine, processDefinitionKey: string, keys: string[]): Promise<Incident[]> {
  const wanted = new Set(keys);
  return (await engine.incidents({ processDefinitionKey })).filter((i) => wanted.has(i.processInstanceKey));
}

/** When an element of each instance ended (fired, for a timer), from the engine's activity history. */
export async function elementEnds(engine: Engine, keys: string[], elementId: string): Promise<Array<{ key: string; started: Date; ended: Date | null }>> {
  const found = await Promise.all(
    keys.map(async (key) => {
      const element = (await engine.elementInstances(key)).find((e) => e.elementId === elementId);
      return element ? [{ key, started: element.startDate, ended: element.endDate }] : [];
    }),
  );
  return found.flat();
}

export type TimerFiring = { key: string; due: Date; fired: Date; lateMs: number };

/**
 * How late each instance's timer fired: due = when the instance entered the catch event plus
 * the model's duration, fired = when the event ended (the timer job ran). Both come from the
 * engine's history, written with the engine's clock.
 */
export async function timerFirings(engine: Engine, keys: string[], elementId: string, durationMs: number): Promise<TimerFiring[]> {
  return (await elementEnds(engine, keys, elementId)).flatMap(({ key, started, ended }) => {
    if (!ended) return [];
    const due = new Date(started.getTime() + durationMs);
    return [{ key, due, fired: ended, lateMs: ended.getTime() - due.getTime() }];
  });
}

/** Seconds, for reports: the largest, the median and the 95th percentile of a list of milliseconds. */
export function lateness(ms: number[]): { n: number; maxS: number; p50S: number; p95S: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  const s = (v: number) => Math.round(v / 100) / 10;
  return { n: sorted.length, maxS: s(sorted.at(-1) ?? 0), p50S: s(at(0.5)), p95S: s(at(0.95)) };
}

/** Waits until the dispatcher has sent everything in the outbox. */
export async function outboxDrained(db: Pool): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox WHERE sent_at IS NULL`);
      return rows[0]!.n === '0' ? true : undefined;
    },
    'the outbox to drain',
    60_000,
  );
}
