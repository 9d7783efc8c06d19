import { afterAll, beforeAll, expect, test } from 'vitest';
import { beoordelen, besluit, regionHarness } from './support.js';

const h = regionHarness('almere');
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

test('solved in fase 1: casusregie back to the zorgcoördinator', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Fase1_Taak', beoordelen('opgelost'));
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Fase1_Taak', 'Afronden_CasusregieTerug', 'Afronden_Leeragenda']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 1 });
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('zorgcoordinator'))), 'mail to the zorgcoördinator');
});

test('an expired fase-1 deadline escalates to zorgcoördinatie', async () => {
  await h.useDeadlines({ 'fase-1': { escalate: 'PT4S', remind: 'PT1S' } });
  const c = await h.start();
  try {
    await h.waitForTask(c.key, 'Fase2_Taak', 40_000);
  } finally {
    await h.restoreDeadlines();
  }
  expect((await h.caseRow(c.id)).current_tier).toBe(2);
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'automatic-escalation', tier: 2 }]));
  await h.mail(c.reference, (m) => m.filter((x) => x.to.includes(h.contactOf('professional'))).length >= 2, 'task mail and reminder to the professional');
  await h.solvedByMessage(c.id);
  expect(await h.finished(c.key)).toEqual(expect.arrayContaining(['Fase1_Verlopen', 'Fase1_OpschalenTermijn', 'CasusOpgelost_Start']));
});

test('through the fases to the brandpuntfunctionaris, who records the agreements', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Fase1_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase3_Taak', beoordelen('afschalen'));
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase3_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase4_Taak', besluit);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['Fase4_Melden', 'Fase4_Taak', 'Fase4_Informeren', 'Afronden_Einde']));
  expect((await h.events(c.id)).filter((e) => e.kind === 'tier-change').map((e) => e.tier)).toEqual([2, 3, 2, 3, 4]);
  await h.mail(c.reference, (m) => m.some((x) => x.text.includes(besluit.responsibleParty)), 'the decision mailed to the parties');
});

test('the casus-opgelost message ends the escalation in fase 3', async () => {
  const c = await h.start();
  await h.complete(c.key, 'Fase1_Taak', beoordelen('opschalen'));
  await h.complete(c.key, 'Fase2_Taak', beoordelen('opschalen'));
  await h.waitForTask(c.key, 'Fase3_Taak');
  await h.solvedByMessage(c.id);
  const path = await h.finished(c.key);
  expect(path).toEqual(expect.arrayContaining(['CasusOpgelost_Start', 'CasusOpgelost_CasusregieTerug', 'CasusOpgelost_Einde']));
  expect(await h.caseRow(c.id)).toMatchObject({ status: 'solved', current_tier: 3 });
});

test('direct access: a professional with grave concern reaches the brandpuntfunctionaris at once', async () => {
  const c = await h.start({ entry: 'direct' });
  await h.complete(c.key, 'Fase4_Taak', besluit);
  const path = await h.finished(c.key);
  expect(path.slice(0, 4)).toEqual(['Start', 'Toegang', 'Direct_Fase4', 'Fase4_Melden_In']);
  expect(path).not.toContain('Fase1_Taak');
  expect(await h.events(c.id)).toEqual(expect.arrayContaining([{ kind: 'tier-change', tier: 4 }]));
  expect((await h.caseRow(c.id)).current_tier).toBe(4);
  await h.mail(c.reference, (m) => m.some((x) => x.to.includes(h.contactOf('brandpuntfunctionaris'))), 'mail to the brandpuntfunctionaris');
});
