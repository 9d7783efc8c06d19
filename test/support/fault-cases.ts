import crypto from 'node:crypto';
import type { RegionSettings } from '../../domain/region.js';
import type { Pool } from '../../platform/db/pool.js';

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

/** Received mail per case reference of one series. */
export function subjectsPerCase(received: Array<{ subject: string }>, series: number): Map<string, string[]> {
  const perCase = new Map<string, string[]>();
  for (const mail of received) {
    const reference = new RegExp(`DZ-2026-${series}\\d{5}`).exec(mail.subject)?.[0] ?? 'unknown';
    perCase.set(reference, [...(perCase.get(reference) ?? []), mail.subject]);
  }
  return perCase;
}
