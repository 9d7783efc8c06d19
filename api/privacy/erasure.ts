import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { many, transaction } from '../../platform/db/pool.js';
import { searchAudit } from '../audit/repository.js';
import { decisionsOf, findCase, findPerson, timelineOf } from '../cases/repository.js';
import { formsOfCase, reportsOfCase } from '../feedback/repository.js';
import { fail } from '../http/problems.js';
import * as repo from './repository.js';
import { type PurgeCounts, addCounts, casesWhere, purgeCase } from './purge.js';
import type { ErasureBody, PersonQuery, ReporterErasureBody, ReporterQuery } from './schemas.js';

/** The cases of one region whose resident matches: by BSN, or by name and birth date together. */
function casesOfPerson(ctx: AppContext, region: string, who: PersonQuery) {
  return casesWhere(
    ctx.db,
    `JOIN case_person p ON p.case_id = c.id
      WHERE c.region_id = $1
        AND (($2::text IS NOT NULL AND p.bsn = $2)
          OR ($3::text IS NOT NULL AND lower(p.name) = lower($3) AND p.birth_date = $4::date))
      ORDER BY c.reported_at`,
    [region, who.bsn ?? null, who.name ?? null, who.birthDate ?? null],
  );
}

/**
 * AVG art. 15: everything Doorzet holds about one person in this region, as one JSON file: each
 * case with the person's data, the case's facts and organisations, its timeline, decisions,
 * break-the-glass grants, Twente's feedback forms and the reports built from them (their free
 * text may name the person) and its NEN 7513 access log (who looked, when, in which role). What
 * the engine holds of a case is its id and process facts, which the timeline already shows.
 */
export async function exportPerson(ctx: AppContext, region: string, who: PersonQuery) {
  const heads = await casesOfPerson(ctx, region, who);
  const cases = [];
  for (const head of heads) {
    const [detail, person, timeline, decisions, grants, feedbackForms, feedbackReports, accessLog] = await Promise.all([
      findCase(ctx.db, head.id),
      findPerson(ctx.db, head.id),
      timelineOf(ctx.db, head.id),
      decisionsOf(ctx.db, head.id),
      repo.grantsOf(ctx.db, head.id),
      formsOfCase(ctx.db, head.id),
      reportsOfCase(ctx.db, head.id),
      searchAudit(ctx.db, { regions: [region], caseId: head.id, limit: 100_000 }),
    ]);
    const { bpmnProcessId: _b, processInstanceKey: _p, ...facts } = detail ?? ({} as Record<string, unknown>);
    cases.push({ case: facts, person, timeline, decisions, accessGrants: grants, feedbackForms, feedbackReports, accessLog });
  }
  return { region, exportedAt: new Date().toISOString(), cases };
}

/**
 * AVG art. 17 (and Jeugdwet art. 7.3.9): removes every case of the person in this region from
 * both databases. An open case is refused unless the request names why it must go anyway
 * (its escalation then stops in the engine too). The request is recorded with its legal
 * ground and the number of cases, not with whose they were.
 */
export async function erasePerson(ctx: AppContext, region: string, body: ErasureBody, recordedBy: string) {
  const { legalGround, toelichting, openCaseOverride, ...who } = body;
  const heads = await casesOfPerson(ctx, region, who);
  if (heads.length === 0) throw fail.notFound('Geen casussen van deze persoon in deze regio.');
  const open = await transaction(ctx.db, async (client) => {
    const r = await client.query<{ reference: string }>(`SELECT reference FROM "case" WHERE id = ANY($1::uuid[]) AND status = 'open' ORDER BY reference`, [heads.map((h) => h.id)]);
    return r.rows.map((row) => row.reference);
  });
  if (open.length > 0 && !openCaseOverride) {
    throw fail.conflict(`${open.length} casus(sen) van deze persoon lopen nog (${open.join(', ')}). Wissen kan alleen met een reden om de lopende escalatie te stoppen.`);
  }
  const rows: PurgeCounts = {};
  for (const head of heads) addCounts(rows, await purgeCase(ctx, head));
  await ctx.db.query(
    `INSERT INTO erasure_request (region_id, recorded_by, legal_ground, explanation, open_case_override, cases_erased, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [region, recordedBy, legalGround, toelichting, open.length > 0 ? (openCaseOverride ?? null) : null, heads.length, JSON.stringify({ rows, openCases: open.length })],
  );
  return { casesErased: heads.length, openCasesStopped: open.length, rows };
}

const reporterRow = z.object({
  caseReference: z.string(),
  relation: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  receivedAt: z.date().transform((d) => d.toISOString()),
});

/** The reporter's own contact rows in this region: exact e-mail (any case) or exact phone number. */
const REPORTER_WHERE = `FROM public_melding_contact k JOIN "case" c ON c.id = k.case_id
  WHERE c.region_id = $1 AND (($2::text IS NOT NULL AND lower(k.email) = lower($2)) OR ($3::text IS NOT NULL AND k.phone = $3))`;

/** Inzage for someone who reported a case themselves: what they left on each melding. */
export async function exportReporter(ctx: AppContext, region: string, who: ReporterQuery) {
  const meldingen = await many(
    ctx.db,
    reporterRow,
    `SELECT c.reference AS "caseReference", k.relation, k.name, k.email, k.phone, k.received_at AS "receivedAt" ${REPORTER_WHERE} ORDER BY k.received_at`,
    [region, who.email ?? null, who.telefoon ?? null],
  );
  return { region, exportedAt: new Date().toISOString(), meldingen };
}

/**
 * Erases a reporter's name and contact from the cases they reported. The cases themselves stay:
 * they are about the resident, whose own request decides about them.
 */
export async function eraseReporter(ctx: AppContext, region: string, body: ReporterErasureBody, recordedBy: string) {
  const removed = await ctx.db.query(`DELETE FROM public_melding_contact WHERE case_id IN (SELECT k.case_id ${REPORTER_WHERE})`, [
    region,
    body.email ?? null,
    body.telefoon ?? null,
  ]);
  const contactsErased = removed.rowCount ?? 0;
  if (contactsErased === 0) throw fail.notFound('Geen meldingen met dit e-mailadres of telefoonnummer in deze regio.');
  await ctx.db.query(
    `INSERT INTO erasure_request (region_id, recorded_by, legal_ground, explanation, cases_erased, report) VALUES ($1, $2, $3, $4, 0, $5)`,
    [region, recordedBy, body.legalGround, body.toelichting, JSON.stringify({ rows: { public_melding_contact: contactsErased } })],
  );
  return { contactsErased };
}
