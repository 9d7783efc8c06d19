import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from '../../support/context.js';
import { beoordelen, besluit, regionHarness } from './support.js';

/**
 * Almere's opschalingsmodel as seed 001 §2 writes it: the melding comes out of fase 1 (the daily
 * routine, no step of the escalation), zorgcoördinatie (fase 2) picks it up, procescoördinatie
 * (fase 3) gets the care going again, and the brandpuntfunctionaris (fase 4) calls the parties
 * to the table; the gemeente arranges the beschikkingen afterwards and the procescoördinator
 * checks that the help started. Every tier change on the timeline comes from the tier tracker.
 */
const h = regionHarness('almere');
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

const started = { helpStarted: true, toelichting: 'Test: de hulp loopt' };
const notStarted = { helpStarted: false, toelichting: 'Test: de aanbieder is niet begonnen' };
const arrives = (tier: number, fase: string) => `Opgeschaald naar trede ${tier} (Fase ${tier}: ${fase}`;

test('the melding goes from the daily routine straight to zorgcoördinatie, which solves it: no fase-1 step', async () => {
  const c = await h.start();
  const task = await h.complete(c.key, 'Fase2_Taak', beoordelen('opgelost'));
  expect(task.candidateGroups).toEqual(['almere:zorgcoordinator']);
  const path = await h.finished(c.key);
  expect(path.slice(0, 4)).toEqual(['Start', 'Toegang', 'Fase2_Melden', 'Fase2_Taak']);
  expect(path).toEqual(expect.arrayContaining(['Afronden_CasusregieTerug', 'Afronden_Leeragenda', 'Afronden_Einde']));
  expect(path).not.toContain('Controle_Taak');
  const changes = await h.tierChanges(c.id, 1);
  expect(changes).toHaveLength(1);
  expect(changes[0]).toMatchObject({ kind: 'tier-change', tier: 2 });
  expect(changes[0]!.summary).toContain(arrives(2, 'zorgcoördinatie'));
  await eventually(async () => ((await h.caseRow(c.id)).status === 'solved' ? true : undefined), 'case solved');
  expect((await h.caseRow(c.id)).current_tier).toBe(2);
});

test('an expired fase-2 deadline brings the case to procescoördinatie on its own, after a reminder', async () => {
  await h.useDeadlines({ 'fase-2': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await h.waitForTask(c.key, 'Fase3_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  const changes = await h.tierChanges(c.id, 2);
  expect(changes.map((e) => [e.kind, e.tier])).toEqual([
    ['tier-change', 2],
    ['automatic-escalation', 3],
  ]);
  await h.mail(c.reference, (m) => m.filter((x) => x.to.includes(h.contactOf('zorgcoordinator'))).length >= 2, 'task mail and reminder to the zorgcoördinator');
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('procescoordinator'))), 'task mail to the procescoördinator');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Fase2_Verlopen', 'CasusOpgelost_Start', 'CasusOpgelost_Einde']));
});

test('procescoördinatie gets it going again; the procescoördinator checks that the help started, then casusregie goes back', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase3_Taak', beoordelen('afschalen'));
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase3_Taak', beoordelen('opgelost'));
  const check = await h.complete(c.key, 'Controle_Taak', started);
  expect(check.candidateGroups).toEqual(['almere:procescoordinator']);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Controle_Uitkomst', 'Afronden_CasusregieTerug', 'Afronden_Einde']));
  expect(path).not.toContain('Fase4_Taak');
  expect((await h.tierChanges(c.id, 4)).map((e) => e.tier)).toEqual([2, 3, 2, 3]);
});

test('the brandpuntfunctionaris calls the parties to the table, records their agreements; the gemeente arranges the beschikkingen; back to fase 3 for the check', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase3_Taak', beoordelen('opschalen'));
  // All involved organisations get an invitation with the meeting in it; the brandpuntfunctionaris convenes.
  const invitations = await h.mail(
    c.reference,
    (m) => m.filter((x) => x.attachments.some((a) => a.filename === 'escalatie-overleg.ics')).length >= h.seed.partners.length + 1,
    'meeting invitations',
  );
  const invited = invitations.filter((x) => x.attachments.length > 0).flatMap((x) => x.to);
  for (const partner of h.seed.partners) expect(invited).toContain(partner.contact.email.toLowerCase());
  expect(invited).toContain(h.seed.coordinator!.contact.email.toLowerCase());
  expect(invitations.find((x) => x.attachments.length > 0)!.subject).toContain('uitnodiging brandpuntoverleg');
  const decision = await h.complete(c.key, 'Fase4_Taak', besluit);
  expect(decision.candidateGroups).toEqual(['almere:brandpuntfunctionaris']);
  await h.mail(c.reference, (m) => m.some((x) => x.text.includes(besluit.responsibleParty)), 'the agreements mailed to the parties');
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('gemeente'))), 'the task mail to the gemeente');
  const beschikkingen = await h.complete(c.key, 'Fase4_Beschikkingen', { toelichting: 'Test: beschikking jeugdhulp afgegeven' });
  expect(beschikkingen.candidateGroups).toEqual(['almere:gemeente']);
  await h.complete(c.key, 'Controle_Taak', started);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Fase4_Overleg', 'Fase4_Informeren', 'Fase4_GemeenteMelden', 'Fase4_Beschikkingen', 'Controle_Taak', 'Afronden_Einde']));
  const changes = await h.tierChanges(c.id, 4);
  expect(changes.map((e) => e.tier)).toEqual([2, 3, 4, 3]);
  // After the decision the case steps down to procescoördinatie, which follows it up (afschalen).
  expect(changes[3]!.summary).toContain('Afgeschaald naar trede 3');
});

test('help not started after the agreements: back up to the brandpuntfunctionaris, who convenes again', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase3_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase4_Taak', besluit);
  await h.complete(c.key, 'Fase4_Beschikkingen', { toelichting: 'Test: beschikking afgegeven' });
  await h.complete(c.key, 'Controle_Taak', notStarted);
  await h.waitForTask(c.key, 'Fase4_Taak');
  expect((await h.tierChanges(c.id, 5)).map((e) => [e.kind, e.tier])).toEqual([
    ['tier-change', 2],
    ['tier-change', 3],
    ['tier-change', 4],
    ['tier-change', 3],
    ['tier-change', 4],
  ]);
  const { rows } = await h.ctx.db.query<{ n: string }>('SELECT count(*)::text AS n FROM escalation_meeting WHERE case_id = $1', [c.id]);
  expect(rows[0]!.n).toBe('2');
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('help not started by the hulp-gestart deadline (procescoördinatie solved it): the case goes up to fase 4 on its own', async () => {
  await h.useDeadlines({ 'hulp-gestart': { escalate: 'PT4S', remind: 'PT2S' } });
  const c = await h.start();
  try {
    await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
    await h.complete(c.key, 'Fase3_Taak', beoordelen('opgelost'));
    await h.waitForTask(c.key, 'Fase4_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  const changes = await h.tierChanges(c.id, 3);
  expect(changes.map((e) => [e.kind, e.tier])).toEqual([
    ['tier-change', 2],
    ['tier-change', 3],
    ['automatic-escalation', 4],
  ]);
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Controle_Verlopen', 'CasusOpgelost_Einde']));
});

test('grave concern: a professional reaches the brandpuntfunctionaris at once (entry direct)', async () => {
  const c = await h.start({ entry: 'direct' });
  await h.complete(c.key, 'Fase4_Taak', besluit);
  await h.complete(c.key, 'Fase4_Beschikkingen', { toelichting: 'Test: beschikking afgegeven' });
  await h.complete(c.key, 'Controle_Taak', started);
  const path = await h.finished(c.key);
  expect(path.slice(0, 4)).toEqual(['Start', 'Toegang', 'Fase4_Melden', 'Fase4_Overleg']);
  expect(path).not.toContain('Fase2_Taak');
  expect((await h.tierChanges(c.id, 2)).map((e) => e.tier)).toEqual([4, 3]);
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('brandpuntfunctionaris'))), 'mail to the brandpuntfunctionaris');
});

test('the casus-opgelost message ends the escalation in fase 3', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Fase3_Taak');
  await eventually(async () => ((await h.caseRow(c.id)).current_tier === 3 ? true : undefined), 'fase 3 on the case row');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_CasusregieTerug', 'CasusOpgelost_Einde']));
  await eventually(async () => ((await h.caseRow(c.id)).status === 'solved' ? true : undefined), 'case solved');
  expect((await h.caseRow(c.id)).current_tier).toBe(3);
});

test('a crisis melding runs on the short spans; public order and safety changes nothing in Almere', async () => {
  const crisis = await h.start({ urgentie: 'crisis', safety: true });
  const task = await h.waitForTask(crisis.key, 'Fase2_Taak');
  const due = new Date(task.dueDate!).getTime() - new Date(task.creationDate).getTime();
  expect(due).toBeGreaterThan(23.9 * 3_600_000);
  expect(due).toBeLessThanOrEqual(24 * 3_600_000 + 1_000);
  const regular = await h.start();
  const regularTask = await h.waitForTask(regular.key, 'Fase2_Taak');
  expect(new Date(regularTask.dueDate!).getTime() - new Date(regularTask.creationDate).getTime()).toBeGreaterThanOrEqual(10 * 86_400_000);
  for (const c of [crisis, regular]) {
    await h.solvedByMessage(c.id);
    await h.finished(c.key);
  }
});
