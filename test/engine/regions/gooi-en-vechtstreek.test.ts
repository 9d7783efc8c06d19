import { afterAll, beforeAll, expect, test } from 'vitest';
import { complete as completeTask } from '../../../api/tasks/service.js';
import { eventually } from '../../support/context.js';
import { beoordelen, besluit, regionHarness } from './support.js';

/**
 * Gooi en Vechtstreek as seed 001 §2 writes it: the regisseur jeugd, the Consultatie- en
 * Adviesteam, the expertteam multiprobleem huishoudens with its binding advice and management,
 * bestuur and wethouder informed in parallel, then the regionaal expertteam complexe zaken.
 * After the advice or the besluit the regisseur jeugd checks that the help started.
 */
const h = regionHarness('gooi-en-vechtstreek');
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

const REGION = 'gooi-en-vechtstreek';
const advies = { outcome: 'advies', responsibleParty: 'Ggz-instelling (voorbeeld)', rationale: 'Test: de ggz-instelling start de behandeling, het lvb-team sluit aan.' };
const startedHelp = { helpStarted: true, toelichting: 'Test: de hulp loopt.' };
const noHelp = { helpStarted: false, toelichting: 'Test: nog geen plek.' };

/** Completes a task the way the API does (form check, milestones, decision record), as the task's role. */
async function viaApi(key: string, elementId: string, caseId: string, role: string, input: Record<string, unknown>) {
  const task = await h.waitForTask(key, elementId);
  await completeTask(h.ctx, task.key, input, { userId: `test-${role}`, name: `Test ${role}`, roles: [role], region: REGION, caseId });
}

async function caseFacts(caseId: string) {
  const { rows } = await h.ctx.db.query<{ decided_at: Date | null; help_started_at: Date | null; responsible_party: string | null }>(
    'SELECT decided_at, help_started_at, responsible_party FROM "case" WHERE id = $1',
    [caseId],
  );
  return rows[0]!;
}

async function decisions(caseId: string) {
  const { rows } = await h.ctx.db.query<{ form: string; responsible_party: string | null; decided_role: string }>(
    'SELECT form, responsible_party, decided_role FROM decision WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  return rows;
}

const summaries = async (caseId: string, count: number) => (await h.tierChanges(caseId, count)).map((e) => `${e.kind} ${e.tier}`);

test('solved by the regisseur jeugd: casusregie stays with them, no tier change', async () => {
  const c = await h.start();
  const task = await h.complete(c.key, 'Regisseur_Taak', beoordelen('opgelost'));
  // A week from the melding (seed 001 §6.5), counted in working days by the engine.
  const due = new Date(task.dueDate!).getTime() - new Date(task.creationDate).getTime();
  expect(due).toBeGreaterThanOrEqual(5 * 86_400_000);
  expect(due).toBeLessThanOrEqual(11 * 86_400_000);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Afronden_CasusregieTerug', 'Afronden_Leeragenda', 'Afronden_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
  expect((await h.events(c.id)).filter((e) => e.kind === 'tier-change' || e.kind === 'automatic-escalation')).toEqual([]);
});

test('a crisis melding runs on the crisis spans: the regisseur jeugd has 24 hours', async () => {
  const c = await h.start({ urgentie: 'crisis' });
  const task = await h.waitForTask(c.key, 'Regisseur_Taak');
  const due = new Date(task.dueDate!).getTime() - new Date(task.creationDate).getTime();
  expect(due).toBeGreaterThanOrEqual(24 * 3_600_000 - 5_000);
  expect(due).toBeLessThanOrEqual(24 * 3_600_000 + 5_000);
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('an expired deadline takes the case to the Consultatie- en Adviesteam on its own, after a reminder to the regisseur', async () => {
  await h.useDeadlines({ 'regisseur-jeugd': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await h.waitForTask(c.key, 'Consultatie_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await summaries(c.id, 1)).toEqual(['automatic-escalation 2']);
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('regisseur-jeugd'))), 'reminder to the regisseur jeugd');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Regisseur_Herinneren', 'Regisseur_Verlopen', 'CasusOpgelost_Start', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
});

test('the Consultatie- en Adviesteam advises the regisseur jeugd: the case goes back down to them', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Consultatie_Taak', beoordelen('afschalen'));
  await h.waitForTask(c.key, 'Regisseur_Taak');
  expect(await summaries(c.id, 2)).toEqual(['tier-change 2', 'tier-change 1']);
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opgelost'));
  await h.finished(c.key);
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
});

test('the expertteam gives a binding advice, recorded as the decision; management, bestuur and wethouder are informed in parallel; the regisseur confirms the help started', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Consultatie_Taak', beoordelen('opschalen'));
  await h.mail(
    c.reference,
    (m) => m.some((x) => x.to.includes(h.contactOf('management'))) && m.some((x) => x.to.includes(h.contactOf('portefeuillehouder'))),
    'mail to management and wethouder',
  );
  await viaApi(c.key, 'Expertteam_Taak', c.id, 'expertteam', advies);
  expect(await decisions(c.id)).toEqual([{ form: 'bindend-advies', responsible_party: advies.responsibleParty, decided_role: 'expertteam' }]);
  expect(await caseFacts(c.id)).toMatchObject({ responsible_party: advies.responsibleParty, decided_at: expect.any(Date), help_started_at: null });

  // Back with the regisseur jeugd, who has the regie on the help (seed 001 §2): afgeschaald after the advice.
  await viaApi(c.key, 'Voortgang_Taak', c.id, 'regisseur-jeugd', startedHelp);
  expect(await h.finished(c.key)).toEqual(
    expect.arrayContaining(['Expertteam_Parallel', 'Parallel_Management', 'Parallel_Wethouder', 'Parallel_Einde', 'Expertteam_Informeren', 'Afronden_Einde']),
  );
  expect(await summaries(c.id, 3)).toEqual(['tier-change 2', 'tier-change 3', 'tier-change 1']);
  expect((await caseFacts(c.id)).help_started_at).toEqual(expect.any(Date));
  expect((await h.caseRow(c.id)).status).toBe('decided');
  await h.mail(
    c.reference,
    (m) => m.some((x) => x.to.includes(h.contactOf('regisseur-jeugd')) && x.text.includes(`Verantwoordelijke partij: ${advies.responsibleParty}`)),
    'the ladder hears who starts the help',
  );
});

test('no solution at local level: the regional expertteam decides; help that does not start brings the case back to it', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Consultatie_Taak', beoordelen('opschalen'));
  await viaApi(c.key, 'Expertteam_Taak', c.id, 'expertteam', { outcome: 'opschalen', rationale: 'Test: lokaal geen passend aanbod.' });
  await h.waitForTask(c.key, 'Regionaal_Taak');
  // Passing the case up is no decision: no decision row, the waiting time keeps running.
  expect(await decisions(c.id)).toEqual([]);
  expect((await caseFacts(c.id)).decided_at).toBeNull();

  await h.complete(c.key, 'Regionaal_Taak', besluit);
  await viaApi(c.key, 'Voortgang_Taak', c.id, 'regisseur-jeugd', noHelp);
  await h.waitForTask(c.key, 'Regionaal_Taak');
  expect(await summaries(c.id, 5)).toEqual(['tier-change 2', 'tier-change 3', 'tier-change 4', 'tier-change 1', 'tier-change 4']);
  expect((await caseFacts(c.id)).help_started_at).toBeNull();
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Regionaal_Informeren', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 4 });
});

test('help not started within hulp-gestart: the case goes to the regional expertteam by itself', async () => {
  await h.useDeadlines({ 'hulp-gestart': { escalate: 'PT4S', remind: 'PT2S' } });
  const c = await h.start();
  try {
    await h.complete(c.key, 'Regisseur_Taak', beoordelen('opschalen'));
    await h.complete(c.key, 'Consultatie_Taak', beoordelen('opschalen'));
    await h.complete(c.key, 'Expertteam_Taak', advies);
    await h.waitForTask(c.key, 'Voortgang_Taak');
    await h.waitForTask(c.key, 'Regionaal_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await summaries(c.id, 4)).toEqual(['tier-change 2', 'tier-change 3', 'tier-change 1', 'automatic-escalation 4']);
  await eventually(async () => ((await h.caseRow(c.id)).current_tier === 4 ? true : undefined), 'tier 4 on the case row');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Voortgang_Verlopen', 'CasusOpgelost_Einde']));
});

test('the casus-opgelost message ends the escalation at the expertteam, parallel track included', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Consultatie_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Expertteam_Taak');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Einde']));
  await eventually(async () => ((await h.caseRow(c.id)).current_tier === 3 ? true : undefined), 'tier 3 on the case row');
  expect((await h.caseRow(c.id)).status).toBe('solved');
});
