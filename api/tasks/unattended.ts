import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { many } from '../../platform/db/pool.js';
import { enqueueMail, outboxKey } from '../../platform/mail/outbox.js';
import { warn } from '../../platform/log.js';
import type { Service } from '../../platform/stack.js';
import { findRegions } from '../regions/repository.js';

const DAY_MS = 86_400_000;
const EVERY_MS = 3_600_000;

export type UnattendedOptions = {
  /** A task counts once it has waited this long. */
  olderThanMs?: number;
  /** A role counts as attended when one of its members used Doorzet within this window. */
  presentWithinMs?: number;
};

/**
 * Tasks that wait on a role nobody has used Doorzet in for a day: the role's contacts in the
 * region's settings get an e-mail (once per task and address), so a case does not stall unseen
 * when a whole role is away. Presence is read from the audit log, which records every signed-in call.
 */
export async function notifyUnattended(ctx: AppContext, options: UnattendedOptions = {}): Promise<number> {
  const olderThan = new Date(Date.now() - (options.olderThanMs ?? DAY_MS));
  const presentSince = new Date(Date.now() - (options.presentWithinMs ?? DAY_MS));
  const open = (await ctx.engine.searchUserTasks({ state: 'CREATED', limit: 100_000 })).filter((t) => t.creationDate <= olderThan && !t.assignee);
  if (open.length === 0) return 0;
  const heads = await many(
    ctx.db,
    z.object({ id: z.string(), reference: z.string(), region: z.string(), key: z.string() }),
    'SELECT id, reference, region_id AS region, process_instance_key AS key FROM "case" WHERE process_instance_key = ANY($1::text[])',
    [[...new Set(open.map((t) => t.processInstanceKey))]],
  );
  const byInstance = new Map(heads.map((h) => [h.key, h]));
  const groups = [...new Set(open.flatMap((t) => t.candidateGroups))];
  const attended = new Set(
    (
      await many(
        ctx.db,
        z.object({ grp: z.string() }),
        `SELECT DISTINCT m.region_id || ':' || m.role AS grp FROM membership m
          WHERE m.region_id || ':' || m.role = ANY($1::text[])
            AND EXISTS (SELECT 1 FROM audit_log a WHERE a.user_id = m.user_id AND a.occurred_at >= $2)`,
        [groups, presentSince],
      )
    ).map((r) => r.grp),
  );
  const regions = new Map((await findRegions(ctx.db, [...new Set(heads.map((h) => h.region))])).map((r) => [r.id, r]));
  let sent = 0;
  for (const task of open) {
    const head = byInstance.get(task.processInstanceKey);
    const settings = head && regions.get(head.region);
    if (!head || !settings) continue;
    // Only the case's own region's groups count, whatever a model names.
    const unattended = task.candidateGroups.filter((g) => g.startsWith(`${head.region}:`) && !attended.has(g));
    if (unattended.length === 0 || unattended.length < task.candidateGroups.filter((g) => g.startsWith(`${head.region}:`)).length) continue;
    for (const group of unattended) {
      const role = settings.roles.find((r) => `${settings.id}:${r.id}` === group);
      for (const contact of role?.contacts ?? []) {
        const added = await enqueueMail(ctx.db, {
          idempotencyKey: outboxKey(`unattended:${task.key}`, contact.email, 'onbeheerde-taak'),
          caseId: head.id,
          kind: 'onbeheerde-taak',
          recipients: [contact.email],
          subject: `Casus ${head.reference}: een taak voor ${role!.name} wacht al een dag`,
          text: [
            `Beste ${contact.name},`,
            '',
            `Bij casus ${head.reference} (${settings.name}) wacht de taak "${task.name ?? task.elementId}" op de rol ${role!.name}.`,
            'Niemand met die rol heeft de afgelopen dag in Doorzet gewerkt, dus de taak blijft liggen.',
            'Wilt u zorgen dat iemand de taak oppakt, of een collega met deze rol laten inloggen?',
            '',
            `${ctx.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/#/taken/${task.key}`,
          ].join('\n'),
        });
        if (added) sent++;
      }
    }
  }
  return sent;
}

/** The hourly check, beside the API; a second API process enqueues nothing twice (outbox keys). */
export async function startUnattendedJob(ctx: AppContext): Promise<Service> {
  const run = () => void notifyUnattended(ctx).catch((error: unknown) => warn(`unattended-task check failed: ${error instanceof Error ? error.message : String(error)}`));
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { name: 'unattended-task e-mail (hourly)', stop: async () => clearInterval(timer) };
}
