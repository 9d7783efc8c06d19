import { afterAll, beforeAll, expect, test } from 'vitest';
import { notifyUnattended } from '../../api/tasks/unattended.js';
import { eventually } from '../support/context.js';
import { flowModel } from './fixtures.js';
import { type Api, type Client, REGION_A, signIn, startTestApi } from './support.js';

/**
 * A task that lands on a role nobody has used Doorzet in for a day mails the role's contacts,
 * once; a role with someone active gets no mail. The day is shortened through the options.
 */
let api: Api;
const as: Record<string, Client> = {};

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['beleidsmedewerker', 'casusregisseur', 'accounthouder']) as[role] = await signIn(api, `${role}.${REGION_A}`);
  const upload = await as['beleidsmedewerker']!.json('POST', `/api/regions/${REGION_A}/models`, { xml: flowModel(REGION_A), comment: 'Testladder' });
  expect((await as['beleidsmedewerker']!.json('POST', `/api/regions/${REGION_A}/models/${upload.body.version}/deploy`)).status).toBe(200);
});
afterAll(async () => api?.close());

async function caseWithOpenTask(): Promise<string> {
  const r = await as['casusregisseur']!.json('POST', `/api/regions/${REGION_A}/cases`, {
    domains: ['wmo'],
    stuckReason: 'Test voor de onbeheerde taak.',
    organisations: [],
    safety: false,
    entry: 'regulier',
    person: { name: 'Test Inwoner' },
  });
  expect(r.status).toBe(201);
  const row = await api.ctx.db.query<{ key: string }>('SELECT process_instance_key AS key FROM "case" WHERE id = $1', [r.body.id]);
  await eventually(async () => ((await api.ctx.engine.searchUserTasks({ state: 'CREATED', processInstanceKeys: [row.rows[0]!.key] })).length > 0 ? true : undefined), 'the task');
  return r.body.id as string;
}

async function mailsFor(caseId: string) {
  const { rows } = await api.ctx.db.query<{ recipients: string[]; subject: string; text_body: string }>(
    `SELECT recipients, subject, text_body FROM mail_outbox WHERE case_id = $1 AND kind = 'onbeheerde-taak'`,
    [caseId],
  );
  return rows;
}

test('nobody of the role active: its contacts get one e-mail with the case and a link to the task, however often the check runs', async () => {
  const caseId = await caseWithOpenTask();
  // A presence window of one millisecond: nobody counts as active.
  await notifyUnattended(api.ctx, { olderThanMs: 0, presentWithinMs: 1 });
  await notifyUnattended(api.ctx, { olderThanMs: 0, presentWithinMs: 1 });
  const mails = await mailsFor(caseId);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.recipients).toEqual([`account.${REGION_A}@example.org`]);
  expect(mails[0]!.subject).toMatch(/^Casus DZ-\d{4}-\d{6}: een taak voor Accounthouder wacht al een dag$/);
  expect(mails[0]!.text_body).toContain('/#/taken/');
  expect(mails[0]!.text_body).not.toContain('Test Inwoner');
});

test('someone of the role used Doorzet within the window: no e-mail', async () => {
  const caseId = await caseWithOpenTask();
  expect((await as['accounthouder']!.json('GET', '/api/tasks')).status).toBe(200);
  await notifyUnattended(api.ctx, { olderThanMs: 0, presentWithinMs: 60_000 });
  expect(await mailsFor(caseId)).toEqual([]);
});

test('a task younger than the threshold is left alone', async () => {
  const caseId = await caseWithOpenTask();
  await notifyUnattended(api.ctx, { presentWithinMs: 1 });
  expect(await mailsFor(caseId)).toEqual([]);
});
