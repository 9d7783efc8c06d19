import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { caseStatus } from '../domain/case.js';
import { feedbackFormRow } from '../domain/feedback.js';
import { regionSettings } from '../domain/region.js';
import { type Pool, type Queryable, maybeOne, transaction } from '../platform/db/pool.js';
import { enqueueMail } from '../platform/mail/outbox.js';
import type { CaseFacts, Meeting, TimelineEvent, WorkerStore } from './deps.js';

const caseRow = z.object({
  id: z.string(),
  reference: z.string(),
  regionId: z.string(),
  status: caseStatus,
  currentTier: z.number(),
  safety: z.boolean(),
  responsibleParty: z.string().nullable(),
  knelpunten: z.array(z.string()),
  organisations: z.array(z.string()),
});

const meetingRow = z.object({ id: z.string(), proposedStart: z.date(), durationMinutes: z.number(), location: z.string(), convenedAt: z.date() });
const MEETING_COLUMNS = `id, proposed_start AS "proposedStart", duration_minutes AS "durationMinutes", location, created_at AS "convenedAt"`;


// The timeline's actor for what the engine did on its own (timers, service tasks).
const SYSTEM_ACTOR = 'doorzet';

async function insertEvent(db: Queryable, event: TimelineEvent): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO case_event (case_id, kind, tier, actor, summary, details, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING`,
    [event.caseId, event.kind, event.tier, SYSTEM_ACTOR, event.summary, JSON.stringify(event.details), event.idempotencyKey],
  );
  return (result.rowCount ?? 0) > 0;
}

/** The PostgreSQL implementation of the handlers' repositories. */
export function pgStore(db: Pool): WorkerStore {
  return {
    cursors: {
      async get(name) {
        return (await maybeOne(db, z.object({ position: z.date() }), 'SELECT position FROM engine_history_cursor WHERE name = $1', [name]))?.position;
      },
      async set(name, position) {
        await db.query(
          `INSERT INTO engine_history_cursor (name, position) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET position = GREATEST(engine_history_cursor.position, EXCLUDED.position)`,
          [name, position],
        );
      },
    },
    regions: {
      async get(regionId) {
        const row = await maybeOne(db, z.object({ settings: z.unknown() }), 'SELECT settings FROM region WHERE id = $1', [regionId]);
        return row ? regionSettings.parse(row.settings) : undefined;
      },
    },
    cases: {
      async get(caseId): Promise<CaseFacts | undefined> {
        return maybeOne(
          db,
          caseRow,
          `SELECT c.id, c.reference, c.region_id AS "regionId", c.status, c.current_tier AS "currentTier", c.safety,
                  c.responsible_party AS "responsibleParty", c.knelpunten,
                  COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM case_organisation o WHERE o.case_id = c.id), '{}') AS organisations
             FROM "case" c WHERE c.id = $1`,
          [caseId],
        );
      },
      async changeTier(caseId, tier, event) {
        await transaction(db, async (client) => {
          // Only the first delivery moves the tier: a late redelivery must not undo a later change.
          if (await insertEvent(client, event)) {
            await client.query('UPDATE "case" SET current_tier = $2 WHERE id = $1', [caseId, tier]);
          }
        });
      },
      async closeEscalation(caseId, event) {
        return transaction(db, async (client) => {
          await insertEvent(client, event);
          const row = await maybeOne(
            client,
            z.object({ status: caseRow.shape.status }),
            `UPDATE "case" SET status = CASE WHEN status <> 'open' THEN status
                                             WHEN responsible_party IS NOT NULL THEN 'decided' ELSE 'solved' END,
                              closed_at = COALESCE(closed_at, now())
              WHERE id = $1 RETURNING status`,
            [caseId],
          );
          if (!row) throw new Error(`case ${caseId} disappeared while closing its escalation`);
          return row.status;
        });
      },
      async refer(caseId, event) {
        await transaction(db, async (client) => {
          await insertEvent(client, event);
          await client.query(`UPDATE "case" SET status = 'referred', closed_at = COALESCE(closed_at, now()) WHERE id = $1 AND status = 'open'`, [caseId]);
        });
      },
      async addEvent(event) {
        await insertEvent(db, event);
      },
      async escalatedAutomaticallySince(caseId, since) {
        const row = await maybeOne(
          db,
          z.object({ found: z.boolean() }),
          `SELECT EXISTS (SELECT 1 FROM case_event WHERE case_id = $1 AND kind = 'automatic-escalation' AND at >= $2) AS found`,
          [caseId, since],
        );
        return row?.found ?? false;
      },
    },
    outbox: { enqueue: (mail) => enqueueMail(db, mail) },
    meetings: {
      async createOnce(m): Promise<Meeting> {
        await db.query(
          `INSERT INTO escalation_meeting (id, case_id, proposed_start, duration_minutes, location, coordinator_organisation,
                                           coordinator_email, invited, created_by_job_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (created_by_job_key) DO NOTHING`,
          [randomUUID(), m.caseId, m.proposedStart, m.durationMinutes, m.location, m.coordinatorOrganisation, m.coordinatorEmail, m.invited, m.jobKey],
        );
        const row = await maybeOne(db, meetingRow, `SELECT ${MEETING_COLUMNS} FROM escalation_meeting WHERE created_by_job_key = $1`, [m.jobKey]);
        if (!row) throw new Error(`meeting for job ${m.jobKey} not found right after inserting it`);
        return row;
      },
      latestFor: (caseId) =>
        maybeOne(db, meetingRow, `SELECT ${MEETING_COLUMNS} FROM escalation_meeting WHERE case_id = $1 ORDER BY created_at DESC LIMIT 1`, [caseId]),
    },
    reports: {
      async recordOnce(r) {
        await db.query(
          `INSERT INTO report_back (case_id, case_reference, tier_reached, meeting_date, responsible_party, status, knelpunten, created_by_job_key,
                                    form_task_key, meeting_held_on, responsible_municipality, partners, solution, solution_description,
                                    agreements, missing_provision, deadline_passed)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (created_by_job_key) DO NOTHING`,
          [
            r.caseId,
            r.caseReference,
            r.tierReached,
            r.meetingProposedStart,
            r.responsibleParty,
            r.status,
            r.knelpunten,
            r.jobKey,
            r.formTaskKey,
            r.meetingHeldOn,
            r.responsibleMunicipality,
            r.partners,
            r.solution,
            r.solutionDescription,
            r.agreements,
            r.missingProvision,
            r.deadlinePassed,
          ],
        );
      },
      latestFormFor: (caseId) =>
        maybeOne(
          db,
          feedbackFormRow,
          `SELECT task_key AS "taskKey", to_char(meeting_held_on, 'YYYY-MM-DD') AS "meetingHeldOn", responsible_municipality AS "responsibleMunicipality",
                  partners, solution, solution_description AS "solutionDescription", agreements, missing_provision AS "missingProvision", knelpunten
             FROM feedback_form WHERE case_id = $1 ORDER BY submitted_at DESC, id DESC LIMIT 1`,
          [caseId],
        ),
    },
    agenda: {
      async addOnce(item) {
        await db.query(
          `INSERT INTO learning_agenda_item (case_id, meeting_name, meeting_date, created_by_job_key)
           VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`,
          [item.caseId, item.meetingName, item.meetingDate, item.jobKey],
        );
        const row = await maybeOne(
          db,
          z.object({ date: z.string() }),
          `SELECT to_char(meeting_date, 'YYYY-MM-DD') AS date FROM learning_agenda_item WHERE case_id = $1`,
          [item.caseId],
        );
        if (!row) throw new Error(`agenda item for case ${item.caseId} not found right after inserting it`);
        return row.date;
      },
    },
  };
}
