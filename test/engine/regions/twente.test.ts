import { afterAll, beforeAll, expect, test } from 'vitest';
import { beoordelen, besluit, regionHarness } from './support.js';

const h = regionHarness('twente');
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

const terugkoppeling = {
  datumOverleg: '2026-03-02',
  verantwoordelijkeGemeente: 'Gemeente Voorbeeld',
  oplossing: 'gevonden',
  ontbrekendAanbod: 'Beschermd wonen met ggz-begeleiding',
  afspraken: 'Test: aanbieder start binnen twee weken',
} as const;

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

test('trede 3: the ZVH convenes the bestuurlijk escalatie overleg, the gemeente reports back in the fixed format', async () => {
  const c = await h.start();
  await toTrede3(c.key);
  const overleg = await h.complete(c.key, 'Trede3_Taak', { outcome: 'opgelost', responsibleParty: 'Ggz-aanbieder Oost (voorbeeld)', toelichting: 'Test: afspraak gemaakt' });
  expect(overleg.candidateGroups).toEqual(['twente:zvh-coordinator']);
  await h.complete(c.key, 'Terugkoppeling_Taak', terugkoppeling);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Trede3_Overleg', 'Trede3_Taak', 'Terugkoppeling_Taak', 'Terugkoppeling_Versturen', 'Afronden_Einde']));
  expect(path).not.toContain('Trede4_Taak');
  const meetings = await h.ctx.db.query('SELECT coordinator_organisation FROM escalation_meeting WHERE case_id = $1', [c.id]);
  expect(meetings.rows).toEqual([{ coordinator_organisation: 'Zorg- en Veiligheidshuis Twente' }]);
  const reports = await h.ctx.db.query('SELECT tier_reached FROM report_back WHERE case_id = $1', [c.id]);
  expect(reports.rows).toEqual([{ tier_reached: 3 }]);
  const mails = await h.mail(
    c.reference,
    (m) => m.some((x) => x.to.includes(h.contactOf('portefeuillehouder-onbegrepen-gedrag'))) && m.some((x) => x.attachments.some((a) => a.contentType.includes('calendar'))),
    'the report to the portefeuillehouder Onbegrepen gedrag and the .ics invitation',
  );
  expect(mails.every((m) => !m.text.includes(c.personName))).toBe(true);
});

test('trede 4: the minister is asked for a binding decision, which is recorded and sent to all parties', async () => {
  const c = await h.start();
  await toTrede3(c.key);
  await h.complete(c.key, 'Trede3_Taak', { outcome: 'opschalen', toelichting: 'Test: geen oplossing' });
  await h.complete(c.key, 'Terugkoppeling_Taak', { ...terugkoppeling, oplossing: 'niet-gevonden' });
  await h.complete(c.key, 'Trede4_Taak', { samenvatting: 'Test: verzoek om bindend besluit', verzondenOp: '2026-03-09' });
  await h.complete(c.key, 'Trede4_Besluit', besluit);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Terugkoppeling_Versturen', 'Trede3_Opschalen', 'Trede4_Taak', 'Trede4_Besluit', 'Trede4_Informeren']));
  expect((await h.caseRow(c.id)).current_tier).toBe(4);
  await h.mail(c.reference, (m) => m.some((x) => x.text.includes(besluit.responsibleParty)), 'the binding decision mailed');
});

test('the casus-opgelost message ends the escalation at trede 2', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Trede1_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Trede2_Taak');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
});
