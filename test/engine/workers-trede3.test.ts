import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mailboxFor } from '../../platform/mail/mailbox.js';
import { registry } from '../../workers/registry.js';
import { startWorkers } from '../../workers/service.js';
import { deployFile, eventually, testContext } from '../support/context.js';
import { testRegion } from '../support/fake-deps.js';
import { insertCase, upsertRegion } from '../support/seed-case.js';

const ctx = testContext();
const run = Date.now().toString(36);
const regionId = `wt3-${run}`;
const address = (name: string) => `${name}-${run}@example.org`;
let stopWorkers: () => Promise<void>;

beforeAll(async () => {
  const region = testRegion({
    id: regionId,
    name: `Trede 3 test ${run}`,
    partners: [
      { id: 'ggz', name: 'GGZ Oost', mandate: true, contact: { name: 'Gea', email: address('ggz') } },
      { id: 'wonen', name: 'Woonstichting', mandate: true, contact: { name: 'Wim', email: address('wonen') } },
      { id: 'buurt', name: 'Buurtteam', mandate: false, contact: { name: 'Bo', email: address('buurt') } },
    ],
    coordinator: { organisation: 'Zorg- en Veiligheidshuis Test', contact: { name: 'Zara', email: address('zvh') } },
  });
  const pho = region.roles.find((r) => r.id === 'portefeuillehouder-onbegrepen-gedrag');
  if (pho) pho.contacts = [{ name: 'Olga', email: address('pho') }];
  await upsertRegion(ctx.db, region);
  await deployFile(ctx, path.join(import.meta.dirname, 'fixtures', 'workers-trede3.bpmn'));
  // The real registry: these are the workers `npm start` runs.
  stopWorkers = (await startWorkers(ctx, registry)).stop;
});

afterAll(async () => {
  await stopWorkers?.();
  await ctx.close();
});

test('trede 3: deadline planned, tier recorded, meeting convened with .ics invitations, report back in the fixed format', async () => {
  const seeded = await insertCase(ctx.db, regionId, { responsibleParty: 'Gemeente Testdorp', knelpunten: ['wachtlijst'] });
  const before = Date.now();
  const instance = await ctx.engine.startInstance('test-workers-trede3', seeded.id, { caseId: seeded.id, caseReference: seeded.reference, region: regionId, safety: false, entry: 'regulier' });
  const key = instance.processInstanceKey;
  await eventually(async () => ((await ctx.engine.getProcessInstance(key))?.state === 'COMPLETED' ? true : undefined), 'the instance to complete');
  expect((await ctx.engine.elementInstances(key)).map((e) => `${e.elementId}:${e.state}`)).toEqual([
    'start:COMPLETED',
    'plan:COMPLETED',
    'tier:COMPLETED',
    'convene:COMPLETED',
    'report:COMPLETED',
    'end:COMPLETED',
  ]);

  const variables = Object.fromEntries((await ctx.engine.variablesOf([key])).map((v) => [v.name, v.value]));
  expect(variables).toMatchObject({ deadline_snelle_test: 'PT4S', reminder_snelle_test: 'PT1S', tier: 3 });
  expect(new Date(String(variables.due_snelle_test)).getTime()).toBeGreaterThanOrEqual(before + 4_000 - 1_000);
  expect(Object.values(variables).join(' ')).not.toContain(seeded.personName);

  const { rows: cases } = await ctx.db.query(`SELECT current_tier FROM "case" WHERE id = $1`, [seeded.id]);
  expect(cases).toEqual([{ current_tier: 3 }]);
  const { rows: events } = await ctx.db.query(`SELECT kind, tier, summary FROM case_event WHERE case_id = $1`, [seeded.id]);
  expect(events).toEqual([{ kind: 'automatic-escalation', tier: 3, summary: 'Automatisch opgeschaald na verlopen termijn naar trede 3 (Bestuurlijk)' }]);
  const { rows: meetings } = await ctx.db.query(`SELECT id, invited, proposed_start FROM escalation_meeting WHERE case_id = $1`, [seeded.id]);
  expect(meetings).toHaveLength(1);
  expect(variables.meetingId).toBe(meetings[0].id);
  expect(meetings[0].invited).toEqual([address('zvh'), address('ggz'), address('wonen')]);
  // Within the region's limit of 5 werkdagen: never more than 5 working days plus a weekend and holidays ahead.
  expect(new Date(meetings[0].proposed_start).getTime() - before).toBeLessThan(12 * 86_400_000);

  for (const invitee of ['zvh', 'ggz', 'wonen']) {
    const [mail, ...more] = await eventually(async () => {
      const received = await mailboxFor(ctx.db, address(invitee));
      return received.length > 0 ? received : undefined;
    }, `the invitation for ${invitee}`);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(`[Doorzet] Casus ${seeded.reference}: uitnodiging bestuurlijk escalatie overleg`);
    const ics = mail?.attachments.find((a) => a.filename === 'escalatie-overleg.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const unfolded = ics?.content.replace(/\r\n /g, '');
    expect(unfolded).toContain('METHOD:REQUEST');
    expect(unfolded).toContain(`UID:escalatie-overleg-${meetings[0].id}@doorzet`);
    expect(unfolded).toContain(`ATTENDEE;CN="Wim";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${address('wonen')}`);
  }
  expect(await mailboxFor(ctx.db, address('buurt'))).toEqual([]);

  const [report] = await eventually(async () => {
    const received = await mailboxFor(ctx.db, address('pho'));
    return received.length > 0 ? received : undefined;
  }, 'the report back');
  expect(report?.text).toContain(`1. Casusnummer: ${seeded.reference}`);
  expect(report?.text).toContain('8. Verantwoordelijke partij: Gemeente Testdorp');
  // This fixture has no feedback task: the report holds what is known.
  expect(report?.text).toContain('7. Oplossing: onbekend: de terugkoppeling is niet ingevuld');
  const { rows: reports } = await ctx.db.query(`SELECT tier_reached, responsible_party, knelpunten FROM report_back WHERE case_id = $1`, [seeded.id]);
  expect(reports).toEqual([{ tier_reached: 3, responsible_party: 'Gemeente Testdorp', knelpunten: ['wachtlijst'] }]);
});
