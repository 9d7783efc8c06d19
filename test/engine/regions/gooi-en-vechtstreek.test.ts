import { afterAll, beforeAll, expect, test } from 'vitest';
import { beoordelen, besluit, regionHarness } from './support.js';

const h = regionHarness('gooi-en-vechtstreek');
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

test('solved by the regisseur jeugd', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opgelost'));
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Afronden_CasusregieTerug', 'Afronden_Leeragenda']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
});

test('an expired deadline escalates to the Consultatie- en Adviesteam', async () => {
  await h.useDeadlines({ 'regisseur-jeugd': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await h.waitForTask(c.key, 'Consultatie_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'automatic-escalation', tier: 2 }]));
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Regisseur_Herinneren', 'Regisseur_Verlopen', 'CasusOpgelost_Start']));
});

test('expertteam with management, board and wethouder informed in parallel, then the regional expertteam decides', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Consultatie_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Expertteam_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Regionaal_Taak', besluit);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Expertteam_Parallel', 'Parallel_Management', 'Parallel_Wethouder', 'Parallel_Einde', 'Regionaal_Informeren']));
  expect((await h.caseRow(c.id)).current_tier).toBe(4);
  await h.mail(
    c.reference,
    (m) => m.some((x) => x.to.includes(h.contactOf('management'))) && m.some((x) => x.to.includes(h.contactOf('portefeuillehouder'))),
    'mail to management and wethouder',
  );
});

test('the casus-opgelost message ends the escalation at the expertteam', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Regisseur_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Consultatie_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Expertteam_Taak');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 3 });
});
