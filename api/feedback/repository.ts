import { z } from 'zod';
import { type FeedbackForm, feedbackFormRow } from '../../domain/feedback.js';
import { type Queryable, many } from '../../platform/db/pool.js';
import { type FeedbackQuery, feedbackReport } from './schemas.js';

/** The fixed format as the municipality filled it in, once per task (a retried completion changes nothing). */
export async function insertFeedbackForm(db: Queryable, caseId: string, form: FeedbackForm, by: { name: string; role: string }): Promise<void> {
  await db.query(
    `INSERT INTO feedback_form (case_id, task_key, meeting_held_on, responsible_municipality, partners, solution, solution_description,
                                agreements, missing_provision, knelpunten, submitted_by, submitted_role)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (task_key) DO NOTHING`,
    [
      caseId,
      form.taskKey,
      form.meetingHeldOn,
      form.responsibleMunicipality,
      form.partners,
      form.solution,
      form.solutionDescription,
      form.agreements,
      form.missingProvision,
      form.knelpunten,
      by.name,
      by.role,
    ],
  );
}

const isoOrNull = z
  .date()
  .nullable()
  .transform((d) => d?.toISOString() ?? null);

const reportRow = feedbackReport.extend({ reportedAt: z.date().transform((d) => d.toISOString()), meetingProposedStart: isoOrNull });

const REPORT_COLUMNS = `r.id::text AS id, r.case_id AS "caseId", r.case_reference AS "caseReference", r.reported_at AS "reportedAt",
            r.tier_reached AS "tierReached", r.status, r.meeting_date AS "meetingProposedStart",
            to_char(r.meeting_held_on, 'YYYY-MM-DD') AS "meetingHeldOn", r.deadline_passed AS "deadlinePassed",
            r.responsible_municipality AS "responsibleMunicipality", r.partners, r.solution,
            r.solution_description AS "solutionDescription", r.agreements, r.missing_provision AS "missingProvision",
            r.responsible_party AS "responsibleParty", r.knelpunten`;

/** The region's stored reports in the period, newest first. */
export function findFeedbackReports(db: Queryable, region: string, period: FeedbackQuery) {
  return many(
    db,
    reportRow,
    `SELECT ${REPORT_COLUMNS}
       FROM report_back r JOIN "case" c ON c.id = r.case_id
      WHERE c.region_id = $1
        AND ($2::date IS NULL OR (r.reported_at AT TIME ZONE 'Europe/Amsterdam')::date >= $2::date)
        AND ($3::date IS NULL OR (r.reported_at AT TIME ZONE 'Europe/Amsterdam')::date <= $3::date)
      ORDER BY r.reported_at DESC, r.id DESC`,
    [region, period.van ?? null, period.tot ?? null],
  );
}

/** One case's stored reports, oldest first: an inzage request gets them with the case. */
export function reportsOfCase(db: Queryable, caseId: string) {
  return many(db, reportRow, `SELECT ${REPORT_COLUMNS} FROM report_back r WHERE r.case_id = $1 ORDER BY r.reported_at, r.id`, [caseId]);
}

/**
 * One case's feedback forms as the municipality filled them in, oldest first. Their free text
 * (partners, agreements, missing provision) may name the resident, so an inzage request gets them.
 */
export function formsOfCase(db: Queryable, caseId: string) {
  return many(
    db,
    feedbackFormRow.omit({ taskKey: true }).extend({
      submittedBy: z.string(),
      submittedRole: z.string(),
      submittedAt: z.date().transform((d) => d.toISOString()),
    }),
    `SELECT to_char(meeting_held_on, 'YYYY-MM-DD') AS "meetingHeldOn", responsible_municipality AS "responsibleMunicipality", partners, solution,
            solution_description AS "solutionDescription", agreements, missing_provision AS "missingProvision", knelpunten,
            submitted_by AS "submittedBy", submitted_role AS "submittedRole", submitted_at AS "submittedAt"
       FROM feedback_form WHERE case_id = $1 ORDER BY submitted_at, id`,
    [caseId],
  );
}
