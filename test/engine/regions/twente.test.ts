import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { complete } from '../../../api/tasks/service.js';
import { BPMN_DIR } from '../../../platform/deploy.js';
import { eventually } from '../../support/context.js';
import { beoordelen, besluit, regionHarness } from './support.js';

/**
 * Twente's ladder as seed 003 writes it (docs/regions.md § Twente): lanes per trede, so every tier
 * change here comes from the workers' tier tracker; the bestuurlijk escalatie overleg is convened ad
 * hoc; after a decision the ZVH checks that the agreed help started, and the case goes up when not.
 */
const h = regionHarness('twente');
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

const terugkoppeling = {
  datumOverleg: '2026-03-02',
  verantwoordelijkeGemeente: 'Gemeente Voorbeeld',
  partners: 'Ggz-aanbieder Oost (voorbeeld), Zorgverzekeraar en zorgkantoor (voorbeeld)',
  oplossing: 'gevonden',
  oplossingOmschrijving: 'Test: plek in beschermd wonen bij de ggz-aanbieder',
  ontbrekendAanbod: 'Beschermd wonen met ggz-begeleiding',
  afspraken: 'Test: aanbieder start binnen twee weken',
} as const;

/** Completes a task the way the web app does (api/tasks): the form's free text goes to Doorzet's database only. */
async function completeThroughApi(c: { id: string; key: string }, elementId: string, role: string, data: Record<string, unknown>) {
  const task = await h.waitForTask(c.key, elementId);
  await complete(h.ctx, task.key, data, { userId: `test-${role}`, name: 'Test Gebruiker', roles: [role], region: 'twente', caseId: c.id });
  return task;
}

async function reportOf(caseId: string) {
  const { rows } = await h.ctx.db.query(
    `SELECT r.status, r.tier_reached, r.deadline_passed, r.meeting_held_on IS NOT NULL AS held, r.solution, r.agreements, r.missing_provision,
            r.form_task_key, r.reported_at >= c.closed_at AS after_hand_back
       FROM report_back r JOIN "case" c ON c.id = r.case_id WHERE r.case_id = $1`,
    [caseId],
  );
  return rows;
}

async function toTrede3(key: string) {
  await h.complete(key, 'Trede1_Taak', beoordelen('opschalen'));
  await h.complete(key, 'Trede2_Taak', beoordelen('opschalen'));
}

/**
 * The report takes the tier from the case row, which the tier tracker moves a moment after a task
 * starts; a person takes days between the steps, the test waits for the tracker instead.
 */
async function atTier(caseId: string, tier: number) {
  await eventually(async () => ((await h.caseRow(caseId)).current_tier === tier ? true : undefined), `tier ${tier} on the case row`);
}

const hulpGestart = { helpStarted: true, toelichting: 'Test: de aanbieder is gestart' };
const hulpNietGestart = { helpStarted: false, toelichting: 'Test: de afgesproken plek is er nog niet' };

test('solved at trede 1: casusregie back, on the learning agenda, no tier change and no report', async () => {
  const c = await h.start();
  const task = await h.complete(c.key, 'Trede1_Taak', beoordelen('opgelost'));
  expect(task.candidateGroups).toEqual(['twente:regionale-tafel']);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Afronden_CasusregieTerug', 'Afronden_Leeragenda']));
  expect(path).not.toContain('Opvolging_Taak');
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
  expect((await h.events(c.id)).filter((e) => e.kind === 'tier-change' || e.kind === 'automatic-escalation')).toEqual([]);
  expect(await reportOf(c.id)).toEqual([]);
});

test('the OOV choice at the melding changes nothing: seed 003 has no safety route, the model reads no safety', async () => {
  expect(fs.readFileSync(path.join(BPMN_DIR, 'twente', 'model.bpmn'), 'utf8')).not.toMatch(/\bsafety\b/);
  const c = await h.start({ safety: true });
  await h.complete(c.key, 'Trede1_Taak', beoordelen('opgelost'));
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Afronden_CasusregieTerug', 'Afronden_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
});

test('an expired trede-1 deadline escalates to the bovenregionale tafel on its own, after reminding the regionale tafel', async () => {
  await h.useDeadlines({ 'trede-1': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  let first;
  try {
    first = await h.waitForTask(c.key, 'Trede1_Taak');
    await h.waitForTask(c.key, 'Trede2_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  // The task's due date is the moment its timer fired: one computation in the engine for both.
  expect(new Date(first.dueDate!).getTime() - new Date(first.creationDate).getTime()).toBeGreaterThanOrEqual(3_900);
  expect(new Date(first.dueDate!).getTime() - new Date(first.creationDate).getTime()).toBeLessThanOrEqual(4_100);
  expect(await h.tierChanges(c.id, 1)).toEqual([
    { kind: 'automatic-escalation', tier: 2, summary: `Automatisch opgeschaald na verlopen termijn naar trede 2 (${h.seed.tiers[1]!.name})` },
  ]);
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('regionale-tafel'))), 'the reminder to the regionale tafel');
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('a crisis melding runs on the crisis spans: the regionale tafel has one working day', async () => {
  const c = await h.start({ urgentie: 'crisis' });
  const task = await h.waitForTask(c.key, 'Trede1_Taak');
  const span = new Date(task.dueDate!).getTime() - new Date(task.creationDate).getTime();
  // One working day (trede-1 crisisEscalateAfter), at most a weekend and a holiday in between.
  expect(span).toBeGreaterThanOrEqual(86_400_000 - 60_000);
  expect(span).toBeLessThanOrEqual(5 * 86_400_000);
  const regular = await h.start();
  const regularTask = await h.waitForTask(regular.key, 'Trede1_Taak');
  expect(new Date(regularTask.dueDate!).getTime() - new Date(regularTask.creationDate).getTime()).toBeGreaterThanOrEqual(14 * 86_400_000 - 60_000);
  for (const x of [c, regular]) await h.solvedByMessage(x.id);
});

test("trede 3: the ZVH convenes the overleg ad hoc with the case's own gemeente, the gemeente fills in the fixed format, the ZVH sees the help start, the report follows the hand-back", async () => {
  const c = await h.start({ gemeente: 'hengelo' });
  await toTrede3(c.key);
  const overleg = await completeThroughApi(c, 'Trede3_Taak', 'zvh-coordinator', { outcome: 'opgelost', responsibleParty: 'Ggz-aanbieder Oost (voorbeeld)', toelichting: 'Test: afspraak gemaakt' });
  expect(overleg.candidateGroups).toEqual(['twente:zvh-coordinator']);
  const form = await completeThroughApi(c, 'Terugkoppeling_Taak', 'verantwoordelijke-gemeente', terugkoppeling);
  await atTier(c.id, 3);
  const check = await completeThroughApi(c, 'Opvolging_Taak', 'zvh-coordinator', hulpGestart);
  expect(check.candidateGroups).toEqual(['twente:zvh-coordinator']);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Trede3_Overleg', 'Trede3_Taak', 'Terugkoppeling_Taak', 'Opvolging_Taak', 'Afronden_Einde']));
  expect(path).not.toContain('Trede4_Taak');
  // After the hand-back of casusregie, so the report says how the case ended.
  expect(path.indexOf('Terugkoppeling_Versturen')).toBeGreaterThan(path.indexOf('Afronden_CasusregieTerug'));
  // Ad hoc (seed 003): proposed on the next working day, not on the last day the region allows.
  const meetings = await h.ctx.db.query<{ coordinator_organisation: string; ahead: number }>(
    `SELECT coordinator_organisation, EXTRACT(EPOCH FROM proposed_start - created_at) / 86400 AS ahead FROM escalation_meeting WHERE case_id = $1`,
    [c.id],
  );
  expect(meetings.rows).toHaveLength(1);
  expect(meetings.rows[0]!.coordinator_organisation).toBe('Zorg- en Veiligheidshuis Twente');
  expect(Number(meetings.rows[0]!.ahead)).toBeLessThanOrEqual(4);
  const row = await h.ctx.db.query('SELECT decided_at IS NOT NULL AS decided, help_started_at IS NOT NULL AS started FROM "case" WHERE id = $1', [c.id]);
  expect(row.rows[0]).toEqual({ decided: true, started: true });
  expect(await h.tierChanges(c.id, 2)).toEqual([
    expect.objectContaining({ kind: 'tier-change', tier: 2 }),
    expect.objectContaining({ kind: 'tier-change', tier: 3 }),
  ]);
  expect(await reportOf(c.id)).toEqual([
    {
      status: 'decided',
      tier_reached: 3,
      deadline_passed: false,
      held: true,
      solution: 'gevonden',
      agreements: terugkoppeling.afspraken,
      missing_provision: terugkoppeling.ontbrekendAanbod,
      form_task_key: form.key,
      after_hand_back: true,
    },
  ]);
  const mails = await h.mail(
    c.reference,
    (m) => m.some((x) => x.to.includes(h.contactOf('portefeuillehouder-onbegrepen-gedrag'))) && m.some((x) => x.attachments.some((a) => a.contentType.includes('calendar'))),
    'the report to the portefeuillehouder Onbegrepen gedrag and the .ics invitation',
  );
  const report = mails.find((m) => m.to.includes(h.contactOf('portefeuillehouder-onbegrepen-gedrag')) && m.subject.includes('terugkoppeling'))!;
  // The verantwoordelijke gemeente is the case's own (seed 003 advies 2), chosen at the melding: Hengelo is invited, Enschede is not.
  const invitations = mails.filter((m) => m.attachments.some((a) => a.contentType.includes('calendar')));
  expect(invitations.some((m) => m.to.includes('procesmanager.hengelo@example.org'))).toBe(true);
  expect(invitations.some((m) => m.to.includes('procesmanager.enschede@example.org'))).toBe(false);
  expect(invitations[0]!.text).toContain('Verantwoordelijke gemeente: Hengelo');
  expect(report.text).toContain('3. Stand van de casus: besloten');
  expect(report.text).toContain('4. Datum bestuurlijk escalatie overleg: 2 maart 2026');
  expect(report.text).toContain('9. Ontbrekend aanbod: benoemd (zie Doorzet)');
  expect(mails.every((m) => !m.text.includes(c.personName) && !m.text.includes(terugkoppeling.ontbrekendAanbod) && !m.text.includes(terugkoppeling.afspraken))).toBe(true);
  // The free text is in Doorzet's database only: not in the engine, not on the timeline every member reads.
  const variables = (await h.ctx.engine.variablesOf([c.key])).map((v) => `${v.name}=${String(v.value)}`).join(' ');
  for (const text of [terugkoppeling.ontbrekendAanbod, terugkoppeling.afspraken, terugkoppeling.partners]) expect(variables).not.toContain(text);
  const timeline = await h.ctx.db.query(`SELECT details::text AS details FROM case_event WHERE case_id = $1`, [c.id]);
  expect(timeline.rows.map((r) => r.details).join(' ')).not.toContain(terugkoppeling.ontbrekendAanbod);
});

test('trede 3 runs out of time: the case goes to the minister on its own and the report still follows the hand-back, saying the deadline passed', async () => {
  await h.useDeadlines({ 'bestuurlijk-overleg': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await toTrede3(c.key);
    await h.waitForTask(c.key, 'Trede4_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect((await h.tierChanges(c.id, 3)).at(-1)).toEqual({
    kind: 'automatic-escalation',
    tier: 4,
    summary: `Automatisch opgeschaald na verlopen termijn naar trede 4 (${h.seed.tiers[3]!.name})`,
  });
  await h.complete(c.key, 'Trede4_Taak', { samenvatting: 'Test: verzoek om bindend besluit', verzondenOp: '2026-03-09' });
  await completeThroughApi(c, 'Trede4_Besluit', 'portefeuillehouder-onbegrepen-gedrag', besluit);
  await atTier(c.id, 4);
  await completeThroughApi(c, 'Opvolging_Taak', 'zvh-coordinator', hulpGestart);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Trede3_Verlopen', 'Trede4_Besluit', 'Trede4_Informeren', 'Opvolging_Taak']));
  expect(path).not.toContain('Terugkoppeling_Taak');
  expect(path.indexOf('Terugkoppeling_Versturen')).toBeGreaterThan(path.indexOf('Afronden_CasusregieTerug'));
  expect(await reportOf(c.id)).toEqual([
    { status: 'decided', tier_reached: 4, deadline_passed: true, held: false, solution: null, agreements: null, missing_provision: null, form_task_key: null, after_hand_back: true },
  ]);
  const [report] = await h.mail(
    c.reference,
    (m) => m.some((x) => x.to.includes(h.contactOf('portefeuillehouder-onbegrepen-gedrag')) && x.subject.includes('terugkoppeling')),
    'the report after the deadline passed',
  ).then((m) => m.filter((x) => x.subject.includes('terugkoppeling')));
  expect(report?.text).toContain('5. Termijn van het overleg: verstreken');
  expect(report?.text).toContain('7. Oplossing: onbekend: de terugkoppeling is niet ingevuld');
});

test('trede 4: the minister is asked for a binding decision, which is recorded and sent to all parties', async () => {
  const c = await h.start();
  await toTrede3(c.key);
  await h.complete(c.key, 'Trede3_Taak', { outcome: 'opschalen', toelichting: 'Test: geen oplossing' });
  await completeThroughApi(c, 'Terugkoppeling_Taak', 'verantwoordelijke-gemeente', { ...terugkoppeling, oplossing: 'niet-gevonden', oplossingOmschrijving: undefined });
  await h.complete(c.key, 'Trede4_Taak', { samenvatting: 'Test: verzoek om bindend besluit', verzondenOp: '2026-03-09' });
  await h.complete(c.key, 'Trede4_Besluit', besluit);
  await atTier(c.id, 4);
  await h.complete(c.key, 'Opvolging_Taak', hulpGestart);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Terugkoppeling_Versturen', 'Trede4_Taak', 'Trede4_Besluit', 'Trede4_Informeren', 'Opvolging_Taak']));
  expect((await h.caseRow(c.id)).current_tier).toBe(4);
  expect(await reportOf(c.id)).toMatchObject([{ tier_reached: 4, solution: 'niet-gevonden', deadline_passed: false, after_hand_back: true }]);
  await h.mail(c.reference, (m) => m.some((x) => x.text.includes(besluit.responsibleParty)), 'the binding decision mailed');
});

test('the help agreed at the overleg did not start: the ZVH says so and the case goes up to the minister', async () => {
  const c = await h.start();
  await toTrede3(c.key);
  await h.complete(c.key, 'Trede3_Taak', { outcome: 'opgelost', responsibleParty: 'Ggz-aanbieder Oost (voorbeeld)', toelichting: 'Test: afspraak gemaakt' });
  await completeThroughApi(c, 'Terugkoppeling_Taak', 'verantwoordelijke-gemeente', terugkoppeling);
  await h.complete(c.key, 'Opvolging_Taak', hulpNietGestart);
  await h.waitForTask(c.key, 'Trede4_Taak');
  expect((await h.tierChanges(c.id, 3)).at(-1)).toMatchObject({ kind: 'tier-change', tier: 4 });
  const row = await h.ctx.db.query('SELECT help_started_at FROM "case" WHERE id = $1', [c.id]);
  expect(row.rows[0]).toEqual({ help_started_at: null });
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Terugkoppeling', 'CasusOpgelost_Einde']));
});

test('no word that the help started within hulp-gestart: the case goes up to the minister by itself', async () => {
  await h.useDeadlines({ 'hulp-gestart': { escalate: 'PT4S', remind: 'PT2S' } });
  const c = await h.start();
  try {
    await toTrede3(c.key);
    await h.complete(c.key, 'Trede3_Taak', { outcome: 'opgelost', responsibleParty: 'Ggz-aanbieder Oost (voorbeeld)', toelichting: 'Test: afspraak gemaakt' });
    await completeThroughApi(c, 'Terugkoppeling_Taak', 'verantwoordelijke-gemeente', terugkoppeling);
    await h.waitForTask(c.key, 'Opvolging_Taak');
    await h.waitForTask(c.key, 'Trede4_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await h.ctx.engine.elementInstances(c.key).then((p) => p.map((e) => e.elementId))).toContain('Opvolging_Verlopen');
  expect((await h.tierChanges(c.id, 3)).at(-1)).toMatchObject({ tier: 4 });
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('the overleg hands the case back down to the bovenregionale tafel (afschalen); the casus-opgelost message then ends it', async () => {
  const c = await h.start();
  await toTrede3(c.key);
  await h.complete(c.key, 'Trede3_Taak', { outcome: 'afschalen', toelichting: 'Test: partners maken de plek vrij, de tafel zet voort' });
  await completeThroughApi(c, 'Terugkoppeling_Taak', 'verantwoordelijke-gemeente', terugkoppeling);
  await h.waitForTask(c.key, 'Trede2_Taak');
  expect((await h.tierChanges(c.id, 3)).map((e) => e.summary)).toEqual([
    `Opgeschaald naar trede 2 (${h.seed.tiers[1]!.name})`,
    `Opgeschaald naar trede 3 (${h.seed.tiers[2]!.name})`,
    `Afgeschaald naar trede 2 (${h.seed.tiers[1]!.name})`,
  ]);
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Terugkoppeling', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
  // The overleg was held, so the report follows the hand-back here too.
  expect(await reportOf(c.id)).toMatchObject([{ tier_reached: 2, held: true, after_hand_back: true }]);
});

test('the casus-opgelost message ends the escalation at trede 2', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Trede1_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Trede2_Taak');
  await atTier(c.id, 2);
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Terugkoppeling', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
  // No bestuurlijk escalatie overleg, so nothing to report back.
  expect(await reportOf(c.id)).toEqual([]);
});
