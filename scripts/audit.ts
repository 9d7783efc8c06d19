import { execFile } from 'node:child_process';

/**
 * `npm run audit`: the production dependencies against the npm advisory database.
 * Exit 0: no high or critical finding. 1: findings (listed). 2: the advisory endpoint
 * could not be asked, so nothing is known, which is not the same as clean.
 */
export type AuditResult =
  | { kind: 'clean'; total: number }
  | { kind: 'findings'; findings: Array<{ name: string; severity: string; via: string }> }
  | { kind: 'unreachable'; reason: string };

type NpmAuditJson = {
  statusCode?: number;
  message?: string;
  vulnerabilities?: Record<string, { name: string; severity: string; via: Array<string | { title?: string; url?: string }> }>;
  metadata?: { vulnerabilities?: Record<string, number> };
};

export function interpret(json: NpmAuditJson): AuditResult {
  if (!json.vulnerabilities || !json.metadata?.vulnerabilities) {
    return { kind: 'unreachable', reason: json.message ?? `npm audit answered without a report (HTTP ${String(json.statusCode ?? '?')})` };
  }
  const findings = Object.values(json.vulnerabilities)
    .filter((v) => v.severity === 'high' || v.severity === 'critical')
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      via: v.via.map((via) => (typeof via === 'string' ? via : (via.title ?? via.url ?? '?'))).join('; '),
    }));
  if (findings.length > 0) return { kind: 'findings', findings };
  return { kind: 'clean', total: Object.values(json.metadata.vulnerabilities).reduce((a, b) => a + b, 0) };
}

export function runAudit(): Promise<AuditResult> {
  return new Promise((resolve) => {
    // npm audit exits non-zero both for findings and for a failed request; the JSON tells which.
    execFile('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 64 * 1024 * 1024 }, (_error, stdout) => {
      try {
        resolve(interpret(JSON.parse(stdout) as NpmAuditJson));
      } catch {
        resolve({ kind: 'unreachable', reason: `npm audit printed no JSON: ${stdout.slice(0, 200)}` });
      }
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runAudit();
  if (result.kind === 'clean') {
    process.stdout.write(`npm audit (production dependencies): no high or critical finding (${result.total} lower).\n`);
  } else if (result.kind === 'findings') {
    for (const f of result.findings) process.stdout.write(`${f.severity}\t${f.name}\t${f.via}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`npm audit could not ask the advisory database: ${result.reason}\n`);
    process.exitCode = 2;
  }
}
