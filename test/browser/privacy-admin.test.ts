import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserStack, expectAccessible, login, startBrowserStack } from './browser.js';

/**
 * The functioneel beheerder handles a parent's inzage and erasure request in the browser: the
 * export finds the case, erasure of an open case is refused until a reason is given, then the
 * case is gone from Doorzet and the engine.
 */
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
  await stack.ctx.db.query('DELETE FROM public_melding_attempt');
});
afterAll(async () => {
  await stack?.ctx.db.query('DELETE FROM public_melding_attempt');
  await stack?.close();
});

test('inzage and erasure through the privacy page, which passes axe', async () => {
  const sent = await fetch(`${stack.baseUrl}/api/public/regions/wijchen/meldingen`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      relatie: 'ouder',
      melder: { naam: 'Iris Inzage', email: 'iris.inzage@example.org' },
      inwoner: { naam: 'Ivo Inzage', geboortedatum: '2016-07-08' },
      onderwerp: 'jeugd',
      wat: 'Ivo wacht op een plek. Fictief voor de test.',
    }),
  });
  expect(sent.status).toBe(201);
  const { reference } = (await sent.json()) as { reference: string };
  const { rows } = await stack.ctx.db.query<{ process_instance_key: string }>('SELECT process_instance_key FROM "case" WHERE reference = $1', [reference]);
  const instance = rows[0]!.process_instance_key;

  const page = await stack.newPage();
  await login(page, 'functioneel-beheerder.wijchen');
  await page.getByRole('link', { name: 'Privacy' }).click();
  await page.getByRole('heading', { level: 1, name: 'Privacyverzoeken en bewaartermijn' }).waitFor();
  await expectAccessible(page, 'the privacy page');

  const inzage = page.locator('#inzage-form');
  await inzage.getByLabel('Naam').fill('Ivo Inzage');
  await inzage.getByLabel('Geboortedatum').fill('08-07-2016');
  await page.getByRole('button', { name: 'Gegevens verzamelen' }).click();
  await page.getByText('1 casus gevonden.').waitFor();
  const download = await Promise.all([page.waitForEvent('download'), page.locator('#inzage-download').click()]).then(([d]) => d);
  const file = JSON.parse(await new Response((await download.createReadStream()) as unknown as ReadableStream).text()) as { cases: Array<{ case: { reference: string } }> };
  expect(file.cases.map((c) => c.case.reference)).toEqual([reference]);

  // The parent who reported it: what they left, then erased; the case stays for the person's own request.
  await page.getByLabel('E-mailadres of telefoonnummer van de melder').fill('iris.inzage@example.org');
  await page.getByRole('button', { name: 'Meldingen tonen' }).click();
  await page.locator('#melder-meldingen').getByText(reference).waitFor();
  await page.getByLabel('Toelichting (bij wissen)').fill('Bezwaar per brief.');
  await page.getByRole('button', { name: 'Gegevens van de melder wissen' }).click();
  await page.getByText('Gegevens van de melder bij 1 melding gewist.').waitFor();
  expect((await stack.ctx.db.query(`SELECT 1 FROM public_melding_contact k JOIN "case" c ON c.id = k.case_id WHERE c.reference = $1`, [reference])).rows).toHaveLength(0);
  await expectAccessible(page, 'the privacy page after erasing a reporter');

  const wissen = page.locator('#wissen-form');
  await wissen.getByLabel('Naam').fill('Ivo Inzage');
  await wissen.getByLabel('Geboortedatum').fill('08-07-2016');
  await wissen.getByLabel('Grondslag').selectOption('avg-17-1b');
  await wissen.getByLabel('Toelichting (verplicht, geen namen)').fill('Ouder trekt toestemming in, brief van 30 november.');
  await page.getByRole('button', { name: 'Wissen', exact: true }).click();
  await page.locator('#wissen-refused').waitFor();
  expect(await page.locator('#wissen-refused').textContent()).toContain(reference);
  await expectAccessible(page, 'the privacy page with the refusal');
  await page.getByLabel('Reden om de lopende casus(sen) toch te wissen').fill('Ouder wil niet dat de escalatie doorgaat');
  await page.getByRole('button', { name: 'Wissen', exact: true }).click();
  await page.getByText('1 casus gewist uit Doorzet en de procesengine.').waitFor();

  expect((await stack.ctx.db.query('SELECT 1 FROM "case" WHERE reference = $1', [reference])).rows).toHaveLength(0);
  expect(await stack.ctx.engine.getProcessInstance(instance)).toBeUndefined();
  await page.context().close();
});
