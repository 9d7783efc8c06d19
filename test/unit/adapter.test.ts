import { expect, test } from 'vitest';
import type { Engine, ExternalTask } from '../../platform/engine/client.js';
import { JOB_ATTEMPTS, PARK_MS, jobInfo, parkIfModelDoes, recordPark, report } from '../../workers/adapter.js';
import { fakeDeps } from '../support/fake-deps.js';
import { bpmnError, complete, incident, retry } from '../../workers/outcome.js';

/** Records the external-task calls the adapter makes, in place of Operaton's REST API. */
function recordingEngine() {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const engine = {
    completeExternalTask: record('complete'),
    externalTaskBpmnError: record('bpmnError'),
    externalTaskFailure: record('failure'),
  } as unknown as Engine;
  return { engine, calls };
}

const task = (retries: number | null): ExternalTask => ({
  id: 'et-1',
  topicName: 'notify-role',
  workerId: 'w',
  processInstanceId: 'pi-1',
  processDefinitionId: 'doorzet-wijchen:1:def',
  processDefinitionKey: 'doorzet-wijchen',
  activityId: 'Melden',
  businessKey: 'case-1',
  retries,
  variables: { caseId: 'case-1' },
  extensionProperties: { kanaal: 'mail' },
});

test('a new task (retries empty in Operaton) counts as having every attempt left', () => {
  expect(jobInfo(task(null))).toMatchObject({ key: 'et-1', type: 'notify-role', processInstanceKey: 'pi-1', elementId: 'Melden', retries: JOB_ATTEMPTS });
  expect(jobInfo(task(1)).retries).toBe(1);
  expect(jobInfo(task(null)).headers).toEqual({ kanaal: 'mail' });
});

test('each outcome becomes its external-task call; retries count down to an incident', async () => {
  const { engine, calls } = recordingEngine();
  const first = jobInfo(task(null));
  await report(engine, 'w', first, complete({ tier: 2 }));
  await report(engine, 'w', first, bpmnError('GEEN_CONTACT', 'geen contact', { role: 'x' }));
  await report(engine, 'w', first, retry('SMTP weg', 2_000));
  await report(engine, 'w', jobInfo(task(1)), retry('SMTP weg', 2_000));
  await report(engine, 'w', first, incident('verkeerde variabelen'));
  expect(calls).toEqual([
    ['complete', 'et-1', 'w', { tier: 2 }],
    ['bpmnError', 'et-1', 'w', 'GEEN_CONTACT', 'geen contact', { role: 'x' }],
    ['failure', 'et-1', 'w', { message: 'SMTP weg', retries: JOB_ATTEMPTS - 1, retryTimeoutMs: 2_000 }],
    ['failure', 'et-1', 'w', { message: 'SMTP weg', retries: 0, retryTimeoutMs: 2_000 }],
    ['failure', 'et-1', 'w', { message: 'verkeerde variabelen', retries: 0, retryTimeoutMs: 0 }],
  ]);
});

test('GEEN_CONTACT parks the step in a model with the contact sub-process: flag raised once, retries kept, no incident', async () => {
  const { engine, calls } = recordingEngine();
  const withConstruct = Object.assign(engine, {
    ladder: async () => ({ tierOf: new Map(), interruptingTimers: new Map(), parksMissingContact: true, milestones: new Map(), reads: new Set<string>() }),
    setVariables: async (...args: unknown[]) => void calls.push(['setVariables', ...args]),
  });
  const noContact = bpmnError('GEEN_CONTACT', 'geen contact', { missingRole: 'middenmanager' });
  const parked = await parkIfModelDoes(withConstruct, task(null), noContact);
  expect(parked).toEqual({ kind: 'park', message: 'geen contact', variables: { contactOntbreekt: true, ontbrekendeRol: 'middenmanager' } });
  await report(withConstruct, 'w', jobInfo(task(null)), parked);
  // A second step finds the flag up: it waits too, without a second task for policy staff.
  const flagged = { ...task(2), variables: { caseId: 'case-1', contactOntbreekt: true } };
  await report(withConstruct, 'w', jobInfo(flagged), await parkIfModelDoes(withConstruct, flagged, noContact));
  expect(calls).toEqual([
    ['setVariables', 'pi-1', { contactOntbreekt: true, ontbrekendeRol: 'middenmanager' }],
    ['failure', 'et-1', 'w', { message: 'geen contact', retries: JOB_ATTEMPTS, retryTimeoutMs: PARK_MS }],
    ['failure', 'et-1', 'w', { message: 'geen contact', retries: 2, retryTimeoutMs: PARK_MS }],
  ]);
});

test('models not yet redrawn keep catching GEEN_CONTACT as a BPMN error; other outcomes pass unchanged', async () => {
  const { engine } = recordingEngine();
  const without = Object.assign(engine, { ladder: async () => ({ tierOf: new Map(), interruptingTimers: new Map(), parksMissingContact: false, milestones: new Map(), reads: new Set<string>() }) });
  const noContact = bpmnError('GEEN_CONTACT', 'geen contact', { missingRole: 'x' });
  expect(await parkIfModelDoes(without, task(null), noContact)).toBe(noContact);
  const other = bpmnError('ANDERS', 'iets anders');
  expect(await parkIfModelDoes(without, task(null), other)).toBe(other);
});

test('a park that raised the flag is on the timeline once, naming the role; a step parked behind it adds nothing', async () => {
  const fake = fakeDeps();
  const raised = { kind: 'park' as const, message: 'geen contact', variables: { contactOntbreekt: true, ontbrekendeRol: 'middenmanager' } };
  await recordPark(fake.deps, task(null), raised);
  await recordPark(fake.deps, task(null), raised);
  await recordPark(fake.deps, { ...task(null), id: 'et-2' }, { ...raised, variables: {} });
  expect(fake.events()).toEqual([
    {
      caseId: 'case-1',
      idempotencyKey: 'park:et-1',
      kind: 'contact-missing',
      tier: null,
      summary: "Stap wacht: geen contactpersoon voor rol 'middenmanager'; de beleidsmedewerker vult de instellingen aan.",
      details: { role: 'middenmanager', elementId: 'Melden' },
    },
  ]);
});
