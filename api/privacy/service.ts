import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { type Queryable, maybeOne } from '../../platform/db/pool.js';
import { fail } from '../http/problems.js';
import { enqueueMail, outboxKey } from '../../platform/mail/outbox.js';
import { findRegion } from '../regions/repository.js';
import * as repo from './repository.js';
import type { ConsentBody } from './schemas.js';

/**
 * Need-to-know: the roles of a region that have (had) a task or a decision in a case. Tasks
 * are the engine's (open and done, by candidate group of the case's region); the melding's
 * role and the decisions are Doorzet's own records.
 */
export async function involvedRoles(ctx: AppContext, head: { id: string; region_id: string; process_instance_key?: string | null }): Promise<Set<string>> {
  const roles = new Set(await repo.recordedRoles(ctx.db, head.id));
  if (head.process_instance_key) {
    const prefix = `${head.region_id}:`;
    for (const task of await ctx.engine.searchUserTasks({ processInstanceKeys: [head.process_instance_key], limit: 10_000 })) {
      for (const group of task.candidateGroups) if (group.startsWith(prefix)) roles.add(group.slice(prefix.length));
    }
  }
  return roles;
}

/** Of `candidates` (the user's region roles the route admits), those that may see the case's personal data. */
export async function needToKnowRoles(
  ctx: AppContext,
  head: { id: string; region_id: string; process_instance_key?: string | null },
  userId: string,
  candidates: string[],
): Promise<string[]> {
  const involved = await involvedRoles(ctx, head);
  const granted = new Set(await repo.grantedRoles(ctx.db, head.id, userId));
  return candidates.filter((role) => involved.has(role) || granted.has(role));
}

/**
 * Break the glass: a region role outside the case reads its personal data for a stated
 * reason. The grant is per user and case and expires after BREAK_GLASS_HOURS; the case's
 * timeline says that it happened (not why: the reason may itself be sensitive) and the
 * case's roles can read the reasons.
 */
export async function breakGlass(
  ctx: AppContext,
  db: Queryable,
  input: { caseId: string; userId: string; userName: string; roles: string[]; reason: string },
) {
  if (input.roles.length === 0) throw fail.forbidden();
  await repo.insertGrant(db, { ...input, hours: ctx.config.BREAK_GLASS_HOURS });
  await tellCaseRoles(ctx, input);
  await db.query(
    `INSERT INTO case_event (case_id, kind, actor, summary, details)
     VALUES ($1, 'noodtoegang', $2, 'Noodtoegang tot persoonsgegevens (met reden vastgelegd)', $3)`,
    [input.caseId, input.userName, JSON.stringify({ rollen: input.roles })],
  );
  return { expiresInHours: ctx.config.BREAK_GLASS_HOURS };
}

export const grants = (ctx: AppContext, caseId: string) => repo.grantsOf(ctx.db, caseId);

const caseHeadRow = z.object({ id: z.string(), reference: z.string(), region_id: z.string(), process_instance_key: z.string().nullable() });

/**
 * Tells the case's own roles (the accounthouder among them) by e-mail that someone outside the
 * case broke the glass: who and in which role, with the case's reference and a link. Like every
 * mail, no resident data, and not the reason either: that is read in Doorzet, where it is logged.
 */
async function tellCaseRoles(ctx: AppContext, input: { caseId: string; userId: string; userName: string; roles: string[] }) {
  const head = await maybeOne(ctx.db, caseHeadRow, 'SELECT id, reference, region_id, process_instance_key FROM "case" WHERE id = $1', [input.caseId]);
  const settings = head ? await findRegion(ctx.db, head.region_id) : undefined;
  if (!head || !settings) return;
  const involved = await involvedRoles(ctx, head);
  const recipients = [
    ...new Set(settings.roles.filter((r) => involved.has(r.id) && !input.roles.includes(r.id)).flatMap((r) => r.contacts.map((c) => c.email.toLowerCase()))),
  ];
  const when = Date.now();
  for (const recipient of recipients) {
    await enqueueMail(ctx.db, {
      idempotencyKey: outboxKey(`noodtoegang:${input.caseId}:${input.userId}:${when}`, recipient, 'noodtoegang'),
      caseId: input.caseId,
      kind: 'noodtoegang',
      recipients: [recipient],
      subject: `Noodtoegang tot gegevens bij casus ${head.reference}`,
      text: [
        `${input.userName} (${input.roles.join(', ')}) heeft met noodtoegang de gegevens van de inwoner bij casus ${head.reference} opgevraagd.`,
        'Deze rol heeft geen taak of besluit in de casus. De reden is vastgelegd en staat bij de casus in Doorzet:',
        `${ctx.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/#/casus/${head.id}`,
      ].join('\n\n'),
    });
  }
}

const caseTier = z.object({ currentTier: z.number(), regionId: z.string() });

async function tierOf(ctx: AppContext, caseId: string) {
  const row = await maybeOne(ctx.db, caseTier, `SELECT current_tier AS "currentTier", region_id AS "regionId" FROM "case" WHERE id = $1`, [caseId]);
  if (!row) throw fail.notFound('Deze casus bestaat niet.');
  return row;
}

/** Records consent and family involvement at the case's current tier (tier 1: on the melding). */
export async function recordConsent(ctx: AppContext, caseId: string, body: ConsentBody, who: { name: string; roles: string[] }) {
  const { currentTier } = await tierOf(ctx, caseId);
  await repo.insertConsent(ctx.db, {
    caseId,
    tier: currentTier,
    consent: body.consent,
    familyInvolved: body.familyInvolved,
    explanation: body.toelichting ?? null,
    recordedBy: who.name,
    recordedRole: who.roles.join(','),
  });
  await ctx.db.query(
    `INSERT INTO case_event (case_id, kind, tier, actor, summary, details) VALUES ($1, 'toestemming', $2, $3, $4, $5)`,
    [caseId, currentTier, who.name, `Toestemming: ${body.consent}; gezin ${body.familyInvolved ? 'betrokken' : 'niet betrokken'}`, JSON.stringify({ consent: body.consent, familyInvolved: body.familyInvolved })],
  );
  return consentOverview(ctx, caseId);
}

export async function consentOverview(ctx: AppContext, caseId: string) {
  const { currentTier, regionId } = await tierOf(ctx, caseId);
  const settings = await findRegion(ctx.db, regionId);
  const records = await repo.consentOf(ctx.db, caseId);
  const from = settings?.consentFromTier ?? null;
  const newestHere = records.find((r) => r.tier === currentTier);
  return { records, consentFromTier: from, currentTier, missing: from !== null && currentTier >= from && newestHere?.consent !== 'gegeven' };
}
