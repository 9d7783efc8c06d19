import { afterAll, beforeAll, expect, test } from 'vitest';
import { complete } from '../../../api/tasks/service.js';
import { beoordelen, besluit, regionHarness } from './support.js';

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

test('solved at trede 1', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Trede1_Taak', beoordelen('opgelost'));
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Afronden_CasusregieTerug', 'Afronden_Leeragenda']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
});

test('an expired trede-1 deadline escalates to the bovenregionale tafel', async () => {
  await h.useDeadlines({ 'trede-1': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await h.waitForTask(c.key, 'Trede2_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'automatic-escalation', tier: 2 }]));
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('trede 3: the ZVH convenes the overleg, the gemeente fills in the fixed format, the report follows the hand-back', async () => {
  const c = await h.start();
  await toTrede3(c.key);
  const overleg = await completeThroughApi(c, 'Trede3_Taak', 'zvh-coordinator', { outcome: 'opgelost', responsibleParty: 'Ggz-aanbieder Oost (voorbeeld)', toelichting: 'Test: afspraak gemaakt' });
  expect(overleg.candidateGroups).toEqual(['twente:zvh-coordinator']);
  const form = await completeThroughApi(c, 'Terugkoppeling_Taak', 'verantwoordelijke-gemeente', terugkoppeling);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Trede3_Overleg', 'Trede3_Taak', 'Terugkoppeling_Taak', 'Afronden_Einde']));
  expect(path).not.toContain('Trede4_Taak');
  // After the hand-back of casusregie, so the report says how the case ended.
  expect(path.indexOf('Terugkoppeling_Versturen')).toBeGreaterThan(path.indexOf('Afronden_CasusregieTerug'));
  const meetings = await h.ctx.db.query('SELECT coordinator_organisation FROM escalation_meeting WHERE case_id = $1', [c.id]);
  expect(meetings.rows).toEqual([{ coordinator_organisation: 'Zorg- en Veiligheidshuis Twente' }]);
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

test('trede 3 runs out of time: the case goes to the minister and the report still follows the hand-back, saying the deadline passed', async () => {
  await h.useDeadlines({ 'bestuurlijk-overleg': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await toTrede3(c.key);
    await h.waitForTask(c.key, 'Trede4_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  await h.complete(c.key, 'Trede4_Taak', { samenvatting: 'Test: verzoek om bindend besluit', verzondenOp: '2026-03-09' });
  await completeThroughApi(c, 'Trede4_Besluit', 'portefeuillehouder-onbegrepen-gedrag', besluit);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Trede3_Verlopen', 'Trede3_OpschalenTermijn', 'Trede4_Besluit']));
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
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Terugkoppeling_Versturen', 'Trede3_Opschalen', 'Trede4_Taak', 'Trede4_Besluit', 'Trede4_Informeren']));
  expect((await h.caseRow(c.id)).current_tier).toBe(4);
  expect(await reportOf(c.id)).toMatchObject([{ tier_reached: 4, solution: 'niet-gevonden', deadline_passed: false, after_hand_back: true }]);
  await h.mail(c.reference, (m) => m.some((x) => x.text.includes(besluit.responsibleParty)), 'the binding decision mailed');
});

test('the casus-opgelost message ends the escalation at trede 2', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Trede1_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Trede2_Taak');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Terugkoppeling', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
  // No bestuurlijk escalatie overleg, so nothing to report back.
  expect(await reportOf(c.id)).toEqual([]);
});
