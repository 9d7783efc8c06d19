import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from '../../support/context.js';
import { beoordelen, besluit, regionHarness } from './support.js';

/**
 * The template is the reference ladder (docs/ladder-conventions.md): lanes per tier and no
 * bookkeeping steps, so every tier change on the timeline here comes from the workers' tier
 * tracker, and every due date and timer from the engine's bean `termijn`.
 */
const h = regionHarness('template');
const started = { helpStarted: true, toelichting: 'Test: de hulp loopt' };
const notStarted = { helpStarted: false, toelichting: 'Test: de aanbieder is niet begonnen' };
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

test('solved by the uitvoerders: they check that the help started, then casusregie stays with them, on the learning agenda, tier unchanged', async () => {
  const c = await h.start();
  const task = await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opgelost'));
  // The engine does not keep the model's order of candidate groups; Doorzet lists them sorted.
  expect(task.candidateGroups).toEqual(['template:procesregisseur', 'template:uitvoerder']);
  // Five working days from the melding, computed in the engine from the case's `termijnen`.
  const due = new Date(task.dueDate!).getTime() - new Date(task.creationDate).getTime();
  expect(due).toBeGreaterThanOrEqual(5 * 86_400_000);
  expect(due).toBeLessThanOrEqual(11 * 86_400_000);
  const check = await h.complete(c.key, 'Controle_Taak', started);
  expect(check.candidateGroups).toEqual(['template:uitvoerder']);
  // The check's own deadline (`hulp-gestart`, five working days), counted from when the check began.
  const checkDue = new Date(check.dueDate!).getTime() - new Date(check.creationDate).getTime();
  expect(checkDue).toBeGreaterThanOrEqual(5 * 86_400_000);
  expect(checkDue).toBeLessThanOrEqual(11 * 86_400_000);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Controle_Uitkomst', 'Afronden_CasusregieTerug', 'Afronden_Leeragenda']));
  expect(path).not.toContain('Bestuurders_Taak');
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
  expect((await h.events(c.id)).filter((e) => e.kind === 'tier-change' || e.kind === 'automatic-escalation')).toEqual([]);
});

test('an expired deadline escalates to the middenmanagers on its own and reminds the procesregisseur', async () => {
  await h.useDeadlines({ uitvoerders: { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  let first;
  try {
    first = await h.waitForTask(c.key, 'Uitvoerders_Taak');
    await h.waitForTask(c.key, 'Middenmanagers_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  // The task's due date is the moment its timer fired: one computation for both.
  expect(new Date(first.dueDate!).getTime() - new Date(first.creationDate).getTime()).toBeGreaterThanOrEqual(3_900);
  expect(new Date(first.dueDate!).getTime() - new Date(first.creationDate).getTime()).toBeLessThanOrEqual(4_100);
  expect(await h.tierChanges(c.id, 1)).toEqual([
    { kind: 'automatic-escalation', tier: 2, summary: 'Automatisch opgeschaald na verlopen termijn naar trede 2 (Middenmanagers)' },
  ]);
  await eventually(async () => ((await h.caseRow(c.id)).current_tier === 2 ? true : undefined), 'tier 2 on the case row');
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('procesregisseur'))), 'reminder to the procesregisseur');
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('the bestuurders cut the knot at the top; the uitvoerder checks the help started: each step up and the afschalen are on the timeline', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Middenmanagers_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Bestuurders_Taak', besluit);
  await h.complete(c.key, 'Controle_Taak', started);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Bestuurders_Informeren', 'Controle_Uitkomst', 'Afronden_Einde']));
  // All changes, in order, even when the tracker reads them in one go.
  expect(await h.tierChanges(c.id, 3)).toEqual([
    { kind: 'tier-change', tier: 2, summary: 'Opgeschaald naar trede 2 (Middenmanagers)' },
    { kind: 'tier-change', tier: 3, summary: 'Opgeschaald naar trede 3 (Bestuurders)' },
    { kind: 'tier-change', tier: 1, summary: 'Afgeschaald naar trede 1 (Uitvoerders)' },
  ]);
  await eventually(async () => ((await h.caseRow(c.id)).current_tier === 1 ? true : undefined), 'tier 1 on the case row');
});

test('help not started after the decision: the case goes back up to the bestuurders, who decide again', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Middenmanagers_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Bestuurders_Taak', besluit);
  await h.complete(c.key, 'Controle_Taak', notStarted);
  await h.complete(c.key, 'Bestuurders_Taak', besluit);
  await h.complete(c.key, 'Controle_Taak', started);
  const path = await h.finished(c.key);
  expect(path.filter((id) => id === 'Bestuurders_Taak')).toHaveLength(2);
  expect(path.filter((id) => id === 'Controle_Taak')).toHaveLength(2);
  expect(path).not.toContain('Controle_Verlopen');
  // A "nee" is the uitvoerder's answer, not a deadline: the way back up is a plain escalation.
  expect((await h.tierChanges(c.id, 5)).map((e) => e.summary)).toEqual([
    'Opgeschaald naar trede 2 (Middenmanagers)',
    'Opgeschaald naar trede 3 (Bestuurders)',
    'Afgeschaald naar trede 1 (Uitvoerders)',
    'Opgeschaald naar trede 3 (Bestuurders)',
    'Afgeschaald naar trede 1 (Uitvoerders)',
  ]);
});

test('help not started by the hulp-gestart deadline: the case goes back up to the bestuurders on its own', async () => {
  await h.useDeadlines({ 'hulp-gestart': { escalate: 'PT4S', remind: 'PT2S' } });
  const c = await h.start();
  try {
    await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opgelost'));
    await h.waitForTask(c.key, 'Controle_Taak');
    await h.waitForTask(c.key, 'Bestuurders_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await h.tierChanges(c.id, 1)).toEqual([
    { kind: 'automatic-escalation', tier: 3, summary: 'Automatisch opgeschaald na verlopen termijn naar trede 3 (Bestuurders)' },
  ]);
  await eventually(async () => ((await h.caseRow(c.id)).current_tier === 3 ? true : undefined), 'tier 3 on the case row');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Controle_Verlopen', 'CasusOpgelost_Einde']));
});

test('the middenmanagers hand the case back down; the casus-opgelost message then ends it', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Middenmanagers_Taak', beoordelen('afschalen'));
  await h.waitForTask(c.key, 'Uitvoerders_Taak');
  expect((await h.tierChanges(c.id, 2)).map((e) => e.summary)).toEqual(['Opgeschaald naar trede 2 (Middenmanagers)', 'Afgeschaald naar trede 1 (Uitvoerders)']);
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
});

test('the casus-opgelost message ends the escalation at the middenmanagers', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Middenmanagers_Taak');
  // The tier follows the case in the workers' own time: wait for it before the case ends.
  await h.tierChanges(c.id, 1);
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
});

test('a role without a contact parks its step: one task for policy staff, then the step runs once, no incident', async () => {
  const holder = h.seed.roles.find((r) => r.id === 'middenmanager')!.contacts;
  await h.setContacts('middenmanager', []);
  const c = await h.start();
  try {
    await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opschalen'));
    await h.waitForTask(c.key, 'ContactOntbreekt_Aanvullen');
    expect(await h.ctx.engine.incidents({ processInstanceKey: c.key })).toEqual([]);
    const open = await h.ctx.engine.searchUserTasks({ processInstanceKeys: [c.key], state: 'CREATED' });
    expect(open.map((t) => t.elementId)).toEqual(['ContactOntbreekt_Aanvullen']);
    expect(open[0]!.candidateGroups).toEqual(['template:beleidsmedewerker']);
    expect((await h.events(c.id)).filter((e) => e.kind === 'contact-missing')).toEqual([{ kind: 'contact-missing', tier: null }]);
    await h.setContacts('middenmanager', holder);
  } finally {
    await h.restoreDeadlines();
  }
  await h.complete(c.key, 'ContactOntbreekt_Aanvullen', { toelichting: 'Middenmanager aangevuld' });
  await h.waitForTask(c.key, 'Middenmanagers_Taak');
  const mails = await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('middenmanager'))), 'the task mail to the middenmanager');
  expect(mails.filter((x) => x.to.includes(h.contactOf('middenmanager')))).toHaveLength(1);
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});
