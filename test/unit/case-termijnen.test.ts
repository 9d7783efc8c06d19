import { expect, test } from 'vitest';
import { caseTermijnen } from '../../domain/process.js';
import { testRegion } from '../support/fake-deps.js';

test("a case's termijnen are the region's spans; a crisis case takes the crisis span where set, with its reminder halfway", () => {
  const region = testRegion();
  region.deadlines = {
    accounthouder: { label: 'Accounthouder lost op', escalateAfter: { werkdagen: 10 }, remindAfter: { werkdagen: 7 }, crisisEscalateAfter: { werkdagen: 2 } },
    bestuur: { label: 'Bestuur besluit', escalateAfter: { duration: 'P14D' } },
  };
  expect(caseTermijnen(region, 'regulier')).toEqual({
    accounthouder: { escalateAfter: { werkdagen: 10 }, remindAfter: { werkdagen: 7 } },
    bestuur: { escalateAfter: { duration: 'P14D' } },
  });
  expect(caseTermijnen(region, 'crisis')).toEqual({
    accounthouder: { escalateAfter: { werkdagen: 2 } },
    bestuur: { escalateAfter: { duration: 'P14D' } },
  });
});
