import { afterAll, beforeAll, expect, test } from 'vitest';
import { beoordelen, besluit, regionHarness } from './support.js';

const h = regionHarness('template');
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

test('solved by the uitvoerders: casusregie stays with them, on the learning agenda', async () => {
  const c = await h.start();
  const task = await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opgelost'));
  // The engine does not keep the model's order of candidate groups; Doorzet lists them sorted.
  expect(task.candidateGroups).toEqual(['template:procesregisseur', 'template:uitvoerder']);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Afronden_CasusregieTerug', 'Afronden_Leeragenda']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
});

test('an expired deadline escalates to the middenmanagers and reminds the procesregisseur', async () => {
  await h.useDeadlines({ uitvoerders: { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await h.waitForTask(c.key, 'Middenmanagers_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'automatic-escalation', tier: 2 }]));
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('procesregisseur'))), 'reminder to the procesregisseur');
  await h.solvedByMessage(c.id);
  await h.finished(c.key);
});

test('the bestuurders cut the knot at the top', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Middenmanagers_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Bestuurders_Taak', besluit);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Bestuurders_Informeren', 'Afronden_Einde']));
  expect((await h.caseRow(c.id)).current_tier).toBe(3);
});

test('the casus-opgelost message ends the escalation at the middenmanagers', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Uitvoerders_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Middenmanagers_Taak');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 2 });
});
