import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from '../../support/context.js';
import { beoordelen, besluit, regionHarness } from './support.js';

/**
 * Wijchen's ladder as seed 000 writes it: the coördinator IDT's finding is the melding (stap 1–2),
 * so the first task is the accounthouder's (stap 3); bestuurlijke opschaling by portefeuillehouder
 * and burgemeester (stap 4); after a decision casusregie goes back to the consulent, who reports
 * whether the help started to whoever must hear it; every ending goes to the Driehoeksoverleg (stap 5).
 */
const h = regionHarness('wijchen');
const started = { helpStarted: true, toelichting: 'Test: hulp gestart' };
const notStarted = { helpStarted: false, toelichting: 'Test: hulp niet gestart' };
const TIER2 = 'Opgeschaald naar trede 2 (Accounthouder Rondom Wijchen consulteert en spreekt directies en besturen)';
const TIER3 = 'naar trede 3 (Bestuurlijke opschaling: portefeuillehouder sociaal domein en burgemeester)';

beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

const mailTo = (role: string) => (mails: { to: string[] }[]) => mails.some((m) => m.to.includes(h.contactOf(role)));
const mailsTo = (role: string, mails: { to: string[]; subject: string }[]) => mails.filter((m) => m.to.includes(h.contactOf(role)));
/** The case row's tier once the workers' tier tracker has caught up with the engine's history. */
const tierBecomes = (caseId: string, tier: number) =>
  eventually(async () => ((await h.caseRow(caseId)).current_tier === tier ? true : undefined), `tier ${tier} on the case row`);
const openTasks = async (key: string) => (await h.ctx.engine.searchUserTasks({ processInstanceKeys: [key], state: 'CREATED' })).map((t) => t.elementId);

test('the melding goes straight to the accounthouder, who solves it; the consulent reports the help started to the coördinator IDT', async () => {
  const c = await h.start();
  // No step for the coördinator IDT: the finding that a direct decision is needed is the melding itself.
  await h.waitForTask(c.key, 'Accounthouder_Taak');
  expect(await openTasks(c.key)).toEqual(['Accounthouder_Taak']);
  const task = await h.complete(c.key, 'Accounthouder_Taak', beoordelen('opgelost'));
  // Ten working days, computed in the engine from the case's `termijnen`.
  const due = new Date(task.dueDate!).getTime() - new Date(task.creationDate).getTime();
  expect(due).toBeGreaterThanOrEqual(10 * 86_400_000);
  expect(due).toBeLessThanOrEqual(18 * 86_400_000);
  const check = await h.complete(c.key, 'Opvolging2_Voortgang', started);
  expect(check.candidateGroups).toEqual(['wijchen:consulent']);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Accounthouder_Melden', 'Opvolging2_Melden', 'Opvolging2_Informeren', 'Afronden_CasusregieTerug', 'Afronden_Leeragenda', 'Afronden_Einde']));
  expect(path).not.toContain('Bestuur_Taak');
  await tierBecomes(c.id, 2);
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
  expect(await h.tierChanges(c.id, 1)).toEqual([{ kind: 'tier-change', tier: 2, summary: TIER2 }]);
  const { rows } = await h.ctx.db.query('SELECT meeting_name FROM learning_agenda_item WHERE case_id = $1', [c.id]);
  expect(rows).toEqual([{ meeting_name: 'Driehoeksoverleg Rondom Wijchen' }]);
  const mails = await h.mail(
    c.reference,
    (m) => mailTo('accounthouder')(m) && mailTo('consulent')(m) && m.some((x) => x.to.includes(h.contactOf('coordinator-idt')) && x.subject.includes('voortgang na het besluit')),
    'the melding to the accounthouder, the task to the consulent and the progress report to the coördinator IDT',
  );
  expect(mails.every((m) => !m.text.includes(c.personName) && !m.subject.includes(c.personName))).toBe(true);
});

test('the accounthouder lets the deadline pass: a reminder, then bestuurlijke opschaling by itself, with portefeuillehouder and burgemeester told', async () => {
  await h.useDeadlines({ accounthouder: { escalate: 'PT4S', remind: 'PT1S' } });
  let c;
  try {
    c = await h.start();
  } finally {
    await h.restoreDeadlines();
  }
  await h.waitForTask(c.key, 'Bestuur_Taak', 40_000);
  expect(await h.tierChanges(c.id, 2)).toEqual([
    { kind: 'tier-change', tier: 2, summary: TIER2 },
    { kind: 'automatic-escalation', tier: 3, summary: `Automatisch opgeschaald na verlopen termijn ${TIER3}` },
  ]);
  await tierBecomes(c.id, 3);
  await h.mail(
    c.reference,
    (m) => mailsTo('accounthouder', m).length >= 2 && mailTo('portefeuillehouder')(m) && mailTo('burgemeester')(m),
    'the melding and reminder to the accounthouder, the board melding to portefeuillehouder and burgemeester',
  );
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Accounthouder_Herinneren', 'Accounthouder_Verlopen', 'Bestuur_Melden', 'CasusOpgelost_Einde']));
});

test('bestuurlijke opschaling: the board decides, all parties hear it, the consulent reports to the portefeuillehouder', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Accounthouder_Taak', beoordelen('opschalen'));
  const task = await h.complete(c.key, 'Bestuur_Taak', besluit);
  // The engine does not keep the model's order of candidate groups; Doorzet lists them sorted.
  expect(task.candidateGroups).toEqual(['wijchen:burgemeester', 'wijchen:portefeuillehouder']);
  await h.complete(c.key, 'Opvolging3_Voortgang', started);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Bestuur_Melden', 'Bestuur_Informeren', 'Opvolging3_Melden', 'Opvolging3_Informeren', 'Opvolging3_CasusregieTerug', 'Opvolging3_Leeragenda']));
  expect(await h.tierChanges(c.id, 2)).toEqual([
    { kind: 'tier-change', tier: 2, summary: TIER2 },
    { kind: 'tier-change', tier: 3, summary: `Opgeschaald ${TIER3}` },
  ]);
  expect((await h.caseRow(c.id)).current_tier).toBe(3);
  const mails = await h.mail(
    c.reference,
    (m) => m.some((x) => x.text.includes(besluit.responsibleParty)) && m.some((x) => x.to.includes(h.contactOf('portefeuillehouder')) && x.subject.includes('voortgang na het besluit')),
    'the decision to all parties and the progress report to the portefeuillehouder',
  );
  // The burgemeester was told of the opschaling (seed 000 stap 4), the coördinator IDT not of this progress.
  expect(mailsTo('burgemeester', mails).length).toBeGreaterThan(0);
  expect(mailsTo('coordinator-idt', mails).filter((m) => m.subject.includes('voortgang'))).toEqual([]);
  expect(mails.every((m) => !m.text.includes(c.personName) && !m.subject.includes(c.personName))).toBe(true);
});

test('the help did not start after the board decided: the case goes back to the board, which decides again', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Accounthouder_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Bestuur_Taak', besluit);
  await h.complete(c.key, 'Opvolging3_Voortgang', notStarted);
  await h.waitForTask(c.key, 'Bestuur_Taak');
  expect(await openTasks(c.key)).toEqual(['Bestuur_Taak']);
  await tierBecomes(c.id, 3);
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'open', current_tier: 3 });
  // A second board melding for the second round.
  await h.mail(c.reference, (m) => mailsTo('portefeuillehouder', m).filter((x) => x.subject.includes('bestuurlijke opschaling')).length >= 2, 'a second board melding');
  await h.complete(c.key, 'Bestuur_Taak', besluit);
  await h.complete(c.key, 'Opvolging3_Voortgang', started);
  const path = await h.finished(c.key);
  expect(path.filter((e) => e === 'Bestuur_Taak')).toHaveLength(2);
  expect(path.filter((e) => e === 'Opvolging3_Voortgang')).toHaveLength(2);
  expect(path).toContain('Opvolging3_Einde');
});

test('the help did not start in time after the accounthouder solved it: back to the accounthouder, who can then scale up', async () => {
  await h.useDeadlines({ 'hulp-gestart': { escalate: 'PT3S', remind: 'PT1S' } });
  let c;
  try {
    c = await h.start();
  } finally {
    await h.restoreDeadlines();
  }
  await h.complete(c.key, 'Accounthouder_Taak', beoordelen('opgelost'));
  const check = await h.waitForTask(c.key, 'Opvolging2_Voortgang');
  // The consulent's due date is the moment the timer fires.
  const span = new Date(check.dueDate!).getTime() - new Date(check.creationDate).getTime();
  expect(span).toBeGreaterThanOrEqual(2_900);
  expect(span).toBeLessThanOrEqual(3_100);
  await eventually(async () => ((await openTasks(c.key)).includes('Accounthouder_Taak') ? true : undefined), 'the accounthouder task again', 30_000);
  expect(await openTasks(c.key)).toEqual(['Accounthouder_Taak']);
  await h.complete(c.key, 'Accounthouder_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Bestuur_Taak');
  await h.solvedByMessage(c.id);
  const path = await h.finished(c.key);
  expect(path).toContain('Opvolging2_Verlopen');
  expect(path.filter((e) => e === 'Accounthouder_Melden')).toHaveLength(2);
  await tierBecomes(c.id, 3);
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 3 });
});

test('afschalen: the accounthouder finds no direct decision needed; the escalation ends and goes on the agenda', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Accounthouder_Taak', beoordelen('afschalen'));
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Afronden_In', 'Afronden_CasusregieTerug', 'Afronden_Leeragenda', 'Afronden_Einde']));
  expect(path).not.toContain('Opvolging2_Voortgang');
  await tierBecomes(c.id, 2);
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
});

test('the casus-opgelost message ends the escalation at the accounthouder and hands casusregie back', async () => {
  const c = await h.start();
  await h.waitForTask(c.key, 'Accounthouder_Taak');
  await h.solvedByMessage(c.id);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_CasusregieTerug', 'CasusOpgelost_Leeragenda', 'CasusOpgelost_Einde']));
  expect(path).not.toContain('Bestuur_Taak');
  await tierBecomes(c.id, 2);
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
});

test('a crisis melding runs on the crisis spans: 24 hours for the accounthouder instead of ten working days', async () => {
  const c = await h.start({ urgentie: 'crisis' });
  const task = await h.waitForTask(c.key, 'Accounthouder_Taak');
  const span = new Date(task.dueDate!).getTime() - new Date(task.creationDate).getTime();
  expect(span).toBeGreaterThanOrEqual(24 * 3_600_000 - 5_000);
  expect(span).toBeLessThanOrEqual(24 * 3_600_000 + 5_000);
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('safety route: a case with the safety of the resident or society at stake goes to the regional aanpak Escalatie', async () => {
  const c = await h.start({ safety: true });
  const path = await h.finished(c.key);
  expect(path).toEqual(['Start', 'Veiligheid', 'Veiligheid_Melden', 'Veiligheid_Einde']);
  const [handover] = await h.mail(c.reference, mailTo('regionale-aanpak-escalatie'), 'mail to the regionale aanpak Escalatie');
  expect(handover?.subject).toContain('casus aan u overgedragen');
  // Handed over, not left open: it no longer counts among Wijchen's open cases.
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'referred' });
  expect((await h.caseRow(c.id)).closed_at).not.toBeNull();
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'referred', tier: 1 }]));
});

test('a board role without a contact parks the board melding: one task for policy staff, then the melding goes out once', async () => {
  const holder = h.seed.roles.find((r) => r.id === 'burgemeester')!.contacts;
  await h.setContacts('burgemeester', []);
  let c;
  try {
    c = await h.start();
    await h.complete(c.key, 'Accounthouder_Taak', beoordelen('opschalen'));
    await h.waitForTask(c.key, 'ContactOntbreekt_Aanvullen');
    expect(await h.ctx.engine.incidents({ processInstanceKey: c.key })).toEqual([]);
    expect(await openTasks(c.key)).toEqual(['ContactOntbreekt_Aanvullen']);
    await h.setContacts('burgemeester', holder);
  } finally {
    await h.restoreDeadlines();
  }
  await h.complete(c.key, 'ContactOntbreekt_Aanvullen', { toelichting: 'Burgemeester aangevuld' });
  await h.waitForTask(c.key, 'Bestuur_Taak');
  const mails = await h.mail(c.reference, mailTo('burgemeester'), 'the board melding to the burgemeester');
  expect(mailsTo('burgemeester', mails)).toHaveLength(1);
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});
