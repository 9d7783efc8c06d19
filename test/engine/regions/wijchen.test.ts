import { afterAll, beforeAll, expect, test } from 'vitest';
import { beoordelen, besluit, regionHarness } from './support.js';

const h = regionHarness('wijchen');
const voortgang = { helpStarted: true, toelichting: 'Test: hulp gestart' };

beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

const mailTo = (role: string) => (mails: { to: string[] }[]) => mails.some((m) => m.to.includes(h.contactOf(role)));

test('solved at the first tier: casusregie back to the consulent, progress reported, on the Driehoeksoverleg agenda', async () => {
  const c = await h.start();
  await h.complete(c.key, 'IDT_Taak', beoordelen('opgelost'));
  await h.complete(c.key, 'Afronden_Voortgang', voortgang);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['IDT_Melden', 'IDT_Termijn', 'IDT_Taak', 'Afronden_CasusregieTerug', 'Afronden_Leeragenda', 'Afronden_Einde']));
  expect(path).not.toContain('Accounthouder_Taak');
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
  expect((await h.caseRow(c.id)).closed_at).not.toBeNull();
  const { rows } = await h.ctx.db.query('SELECT meeting_name FROM learning_agenda_item WHERE case_id = $1', [c.id]);
  expect(rows).toEqual([{ meeting_name: 'Driehoeksoverleg Rondom Wijchen' }]);
  const mails = await h.mail(c.reference, (m) => mailTo('coordinator-idt')(m) && mailTo('consulent')(m) && mailTo('accounthouder')(m), 'mail to IDT, consulent and the agenda');
  expect(mails.every((m) => !m.text.includes(c.personName))).toBe(true);
});

test('an expired deadline escalates to the accounthouder automatically, after a reminder', async () => {
  await h.useDeadlines({ 'coordinator-idt': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await h.waitForTask(c.key, 'Accounthouder_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'open', current_tier: 2 });
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'automatic-escalation', tier: 2 }]));
  // Task mail and reminder to the coördinator IDT, then the melding to the accounthouder.
  await h.mail(
    c.reference,
    (m) => m.filter((x) => x.to.includes(h.contactOf('coordinator-idt'))).length >= 2 && mailTo('accounthouder')(m),
    'reminder to the coördinator IDT and the melding to the accounthouder',
  );
  await h.solvedByMessage(c.id);
  await h.complete(c.key, 'CasusOpgelost_Voortgang', voortgang);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['IDT_Herinnering', 'IDT_Herinneren', 'IDT_Verlopen', 'IDT_OpschalenTermijn', 'Accounthouder_Melden']));
});

test('afschalen and opschalen up to bestuurlijke opschaling: portefeuillehouder and burgemeester decide, all parties informed', async () => {
  const c = await h.start();
  await h.complete(c.key, 'IDT_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Accounthouder_Taak', beoordelen('afschalen'));
  await h.complete(c.key, 'IDT_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Accounthouder_Taak', beoordelen('opschalen'));
  const task = await h.complete(c.key, 'Bestuur_Taak', besluit);
  // The engine does not keep the model's order of candidate groups; Doorzet lists them sorted.
  expect(task.candidateGroups).toEqual(['wijchen:burgemeester', 'wijchen:portefeuillehouder']);
  await h.complete(c.key, 'Afronden_Voortgang', voortgang);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Bestuur_Melden', 'Bestuur_Burgemeester', 'Bestuur_Taak', 'Bestuur_Informeren', 'Afronden_Leeragenda']));
  expect((await h.events(c.id)).filter((e) => e.kind === 'tier-change').map((e) => e.tier)).toEqual([2, 1, 2, 3]);
  expect((await h.caseRow(c.id)).current_tier).toBe(3);
  const mails = await h.mail(c.reference, (m) => mailTo('portefeuillehouder')(m) && mailTo('burgemeester')(m) && m.some((x) => x.text.includes(besluit.responsibleParty)), 'board mails and the decision');
  expect(mails.every((m) => !m.text.includes(c.personName) && !m.subject.includes(c.personName))).toBe(true);
});

test('the casus-opgelost message ends the escalation mid-way and hands casusregie back', async () => {
  const c = await h.start();
  await h.complete(c.key, 'IDT_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Accounthouder_Taak');
  await h.solvedByMessage(c.id);
  await h.complete(c.key, 'CasusOpgelost_Voortgang', voortgang);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_CasusregieTerug', 'CasusOpgelost_Leeragenda', 'CasusOpgelost_Einde']));
  expect(path).not.toContain('Bestuur_Taak');
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
});

test('safety route: a case with openbare orde en veiligheid at stake goes to the regional aanpak Escalatie', async () => {
  const c = await h.start({ safety: true });
  const path = await h.finished(c.key);
  expect(path).toEqual(['Start', 'Veiligheid', 'Veiligheid_Melden_In', 'Veiligheid_Melden', 'Veiligheid_Einde']);
  const [handover] = await h.mail(c.reference, mailTo('regionale-aanpak-escalatie'), 'mail to the regionale aanpak Escalatie');
  expect(handover?.subject).toContain('casus aan u overgedragen');
  // Handed over, not left open: it no longer counts among Wijchen's open cases.
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'referred' });
  expect((await h.caseRow(c.id)).closed_at).not.toBeNull();
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'referred', tier: 1 }]));
});
