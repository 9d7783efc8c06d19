import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { type Queryable, many, transaction } from '../../platform/db/pool.js';

export type CaseHead = { id: string; reference: string; regionId: string; processInstanceKey: string | null };
/** Rows removed per table (Doorzet's) plus the engine instances removed. */
export type PurgeCounts = Record<string, number>;

export const caseHead = z.object({ id: z.string(), reference: z.string(), regionId: z.string(), processInstanceKey: z.string().nullable() });

/**
 * Removes one case from both databases. The engine goes first: if it refuses, Doorzet still
 * has the case and its instance key, so the next run (or a repeated erasure) tries again;
 * the other order could leave history in the engine that nothing points to any more.
 * In Doorzet, the case row's foreign keys cascade to its person, events, decisions,
 * organisations, meetings, feedback forms, report-backs, agenda items and access grants; the rows that only
 * name it (mail, the local mailbox, the NEN 7513 log) are deleted explicitly.
 */
export async function purgeCase(ctx: AppContext, head: CaseHead): Promise<PurgeCounts> {
  if (head.processInstanceKey) await ctx.engine.purgeInstances([head.processInstanceKey]);
  return transaction(ctx.db, async (client) => {
    await client.query(`SELECT set_config('doorzet.purge', 'on', true)`);
    const counts: PurgeCounts = { engineInstances: head.processInstanceKey ? 1 : 0 };
    const count = async (table: string, sql: string, params: unknown[]) => {
      const result = await client.query(sql, params);
      counts[table] = (counts[table] ?? 0) + (result.rowCount ?? 0);
    };
    for (const table of ['case_person', 'case_event', 'case_organisation', 'decision', 'case_access_grant', 'case_consent', 'public_melding_contact', 'escalation_meeting', 'feedback_form', 'report_back', 'learning_agenda_item']) {
      await count(table, `SELECT 1 FROM ${table} WHERE case_id = $1`, [head.id]);
    }
    await count('mail_outbox', 'DELETE FROM mail_outbox WHERE case_id = $1 OR subject LIKE $2 OR text_body LIKE $2', [head.id, `%${head.reference}%`]);
    // The local SMTP sink (embedded mode) keeps what it received; mails name the case by its reference.
    await count('mailbox', 'DELETE FROM mailbox WHERE subject LIKE $1 OR text_body LIKE $1', [`%${head.reference}%`]);
    await count('audit_log', 'DELETE FROM audit_log WHERE case_id = $1 OR client_reference = $2', [head.id, head.reference]);
    await count('case', 'DELETE FROM "case" WHERE id = $1', [head.id]);
    return counts;
  });
}

export function addCounts(total: PurgeCounts, more: PurgeCounts): PurgeCounts {
  for (const [k, v] of Object.entries(more)) total[k] = (total[k] ?? 0) + v;
  return total;
}

export function casesWhere(db: Queryable, where: string, params: unknown[]) {
  return many(
    db,
    caseHead,
    `SELECT c.id::text, c.reference, c.region_id AS "regionId", c.process_instance_key AS "processInstanceKey" FROM "case" c ${where}`,
    params,
  );
}
