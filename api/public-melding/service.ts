import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { createCase } from '../cases/service.js';
import { fail } from '../http/problems.js';
import { findRegion } from '../regions/repository.js';
import * as repo from './repository.js';
import type { PublicMelding } from './schemas.js';

/** Who the timeline and the case list name as the reporter: never the resident's or parent's name. */
export const RESIDENT_ACTOR = 'Inwoner of ouder (eigen melding)';

export async function publicRegion(ctx: AppContext, region: string) {
  const settings = await findRegion(ctx.db, region);
  if (!settings) throw fail.notFound('Deze regio bestaat niet.');
  return { id: settings.id, name: settings.name };
}

/**
 * A resident's or parent's own melding lands like a professional's: the region's model starts at
 * its first tier. What they wrote may name people and health details, so it goes to the
 * resident's protected data (case_person.details), not to the case's stuck reason that every
 * member of the region reads; their own name and contact go to public_melding_contact.
 */
export async function createPublicMelding(ctx: AppContext, region: string, body: PublicMelding, address: string) {
  await publicRegion(ctx, region);
  const addressHash = crypto.createHash('sha256').update(address).digest('hex');
  if ((await repo.countAndRecordAttempt(ctx.db, addressHash)) >= ctx.config.PUBLIC_MELDINGEN_PER_HOUR) throw fail.tooMany(3600);
  const organisations = (body.organisaties ?? '')
    .split(/[,;\n]/)
    .map((o) => o.trim())
    .filter(Boolean)
    .slice(0, 30)
    .map((o) => o.slice(0, 200));
  const created = await createCase(
    ctx,
    region,
    {
      domains: [body.onderwerp],
      stuckReason: 'Eigen melding van een inwoner of ouder via het formulier; wat er vastloopt staat bij de gegevens van de inwoner.',
      organisations: [...new Set(organisations)],
      safety: false,
      entry: 'regulier',
      urgentie: 'regulier',
      person: { name: body.inwoner.naam, ...(body.inwoner.geboortedatum ? { birthDate: body.inwoner.geboortedatum } : {}), details: body.wat },
    },
    RESIDENT_ACTOR,
  );
  await repo.insertContact(ctx.db, { caseId: created.id, relation: body.relatie, name: body.melder.naam, email: body.melder.email ?? null, phone: body.melder.telefoon ?? null });
  return { reference: created.reference };
}

export async function reporterContact(ctx: AppContext, caseId: string) {
  const contact = await repo.findContact(ctx.db, caseId);
  if (!contact) throw fail.notFound('Deze casus is niet door een inwoner of ouder zelf gemeld.');
  return contact;
}
