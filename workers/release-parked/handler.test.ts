import { expect, test } from 'vitest';
import { decide } from '../adapter.js';
import { fakeDeps, fakeJob, testCase, testRegion } from '../../test/support/fake-deps.js';
import { releaseParked } from './handler.js';

test("hands back the parked steps of the job's own process instance and sends nothing itself", async () => {
  const facts = testCase();
  const fake = fakeDeps({ regions: [testRegion()], cases: [facts] });
  const job = fakeJob('release-parked');
  expect(await decide(releaseParked, { caseId: facts.id, region: 'testregio' }, job, fake.deps)).toEqual({ kind: 'complete', variables: {} });
  expect(fake.released()).toEqual([job.processInstanceKey]);
  expect(fake.outbox()).toEqual([]);
});
