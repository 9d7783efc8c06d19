import { expect, test } from 'vitest';
import { interpret } from '../../scripts/audit.js';

test('a refused advisory request is "unreachable", not clean', () => {
  expect(interpret({ statusCode: 405, message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk' })).toEqual({
    kind: 'unreachable',
    reason: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  });
});

test('high and critical findings are listed; moderate ones only counted', () => {
  const report = {
    vulnerabilities: {
      a: { name: 'a', severity: 'critical', via: [{ title: 'Prototype pollution' }] },
      b: { name: 'b', severity: 'moderate', via: ['a'] },
    },
    metadata: { vulnerabilities: { critical: 1, moderate: 1 } },
  };
  expect(interpret(report)).toEqual({ kind: 'findings', findings: [{ name: 'a', severity: 'critical', via: 'Prototype pollution' }] });
  expect(interpret({ vulnerabilities: { b: report.vulnerabilities.b }, metadata: { vulnerabilities: { moderate: 1 } } })).toEqual({ kind: 'clean', total: 1 });
});
