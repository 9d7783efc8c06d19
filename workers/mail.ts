import type { Contact } from '../domain/region.js';
import { outboxKey } from '../platform/mail/outbox.js';
import type { Config } from '../platform/config.js';
import type { CaseFacts, WorkerDeps } from './deps.js';
import type { JobInfo } from './job.js';

/**
 * E-mail leaves the protected system, so every Doorzet mail names the case only by
 * its reference and links to it; the reader logs in to see anything more.
 */

export const caseLink = (config: Config, caseId: string) => `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/casus/${caseId}`;

const FOOTER = [
  '',
  'Deze e-mail bevat bewust geen persoonsgegevens. Log in bij Doorzet om de casus te bekijken.',
  '',
  '— Doorzet (automatisch bericht, niet beantwoorden)',
];

export function composeBody(config: Config, facts: CaseFacts, lines: string[]): string {
  return [...lines, '', `Casus: ${facts.reference}`, `Openen: ${caseLink(config, facts.id)}`, ...FOOTER].join('\n');
}

export const subjectFor = (facts: CaseFacts, what: string) => `[Doorzet] Casus ${facts.reference}: ${what}`;

/** Unique contacts by address, so one person holding two roles gets one mail per job. */
export function uniqueContacts(contacts: Contact[]): Contact[] {
  const seen = new Map<string, Contact>();
  for (const c of contacts) if (!seen.has(c.email.toLowerCase())) seen.set(c.email.toLowerCase(), c);
  return [...seen.values()];
}

export type MailPlan = { kind: string; subject: string; text: string; ics?: { filename: string; content: string } };

/** One outbox row per recipient, keyed by job + recipient + kind. Returns how many were new. */
export async function queueForEach(deps: WorkerDeps, job: JobInfo, facts: CaseFacts, contacts: Contact[], plan: MailPlan): Promise<number> {
  let fresh = 0;
  for (const contact of uniqueContacts(contacts)) {
    const queued = await deps.outbox.enqueue({
      idempotencyKey: outboxKey(job.key, contact.email, plan.kind),
      caseId: facts.id,
      kind: plan.kind,
      recipients: [contact.email],
      subject: plan.subject,
      text: plan.text,
      ...(plan.ics ? { ics: plan.ics } : {}),
    });
    if (queued) fresh += 1;
  }
  return fresh;
}
