import type { AppContext } from '../../platform/context.js';
import type { Membership } from '../session/schemas.js';
import { searchAudit } from './repository.js';

/** Regions where the user is beleidsmedewerker or manager: the audit log they may read. */
export function auditRegions(memberships: Membership[]): string[] {
  return [...new Set(memberships.filter((m) => m.role === 'beleidsmedewerker' || m.role === 'manager').map((m) => m.region))];
}

export function queryAudit(ctx: AppContext, memberships: Membership[], q: { caseId?: string; from?: string; to?: string; limit: number }) {
  return searchAudit(ctx.db, {
    regions: auditRegions(memberships),
    caseId: q.caseId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit: q.limit,
  });
}

export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would make a spreadsheet run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** For a resident who asks who looked at their case: when, who, in which role, what. */
export async function caseAuditCsv(ctx: AppContext, caseId: string, region: string): Promise<string> {
  const rows = await searchAudit(ctx.db, { regions: [region], caseId, limit: 100_000 });
  return toCsv(
    ['tijdstip', 'gebeurtenis', 'casus', 'gebruiker', 'rol', 'route', 'uitkomst'],
    rows.map((r) => [r.occurredAt, r.event, r.clientReference, r.userName, r.responsibleRole, r.route, r.outcome]),
  );
}
