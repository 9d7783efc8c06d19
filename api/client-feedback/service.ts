import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/pool.js';
import { fail } from '../http/problems.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';
import type { AnswerBody } from './schemas.js';

const DEFAULT_LINK_DAYS = 30;
const GONE = 'Deze link werkt niet meer. Hij is al gebruikt of te oud.';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * The comment is kept without personal data: people are asked not to write names, and what can be
 * recognised by its form (an e-mail address, a phone number, a BSN or other long number) is removed
 * before it is stored. Names cannot be recognised that way; the page asks for none.
 */
export function withoutContactDetails(text: string): string {
  return text
    .replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, '[weggehaald]')
    .replace(/(?:\+31|0031|\b0)[\s-]?(?:\d[\s-]?){7,8}\d\b/g, '[weggehaald]')
    .replace(/\b\d{7,}\b/g, '[weggehaald]');
}

async function closedCase(ctx: AppContext, caseId: string) {
  const found = await repo.caseForFeedback(ctx.db, caseId);
  if (!found) throw fail.notFound('Deze casus bestaat niet.');
  return found;
}

export async function status(ctx: AppContext, caseId: string) {
  const found = await closedCase(ctx, caseId);
  const [isAnswered, link] = await Promise.all([repo.answered(ctx.db, found.reference), repo.activeLink(ctx.db, caseId)]);
  return { canAsk: found.status !== 'open', answered: isAnswered, linkValidUntil: link?.expiresAt ?? null };
}

/** A one-time link for the resident or family; a new one makes the previous unused one stop working. */
export async function createLink(ctx: AppContext, caseId: string, by: string) {
  const found = await closedCase(ctx, caseId);
  if (found.status === 'open') throw fail.conflict('De vraag aan de inwoner kan pas als de casus is afgesloten.');
  if (await repo.answered(ctx.db, found.reference)) throw fail.conflict('De inwoner heeft de vraag over deze casus al beantwoord.');
  const settings = await getRegion(ctx, found.regionId);
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + (settings.clientFeedbackLinkDays ?? DEFAULT_LINK_DAYS) * 86_400_000);
  await repo.replaceLink(ctx.db, { tokenHash: hash(token), caseId, expiresAt, createdBy: by });
  return { token, expiresAt: expiresAt.toISOString() };
}

export async function lookup(ctx: AppContext, token: string) {
  const link = await repo.usableLinkByHash(ctx.db, hash(token));
  if (!link) throw fail.notFound(GONE);
  return { regionName: link.regionName };
}

/** Stores the answer under the case reference and region only; nothing goes to the case or the engine. */
export async function answer(ctx: AppContext, body: AnswerBody): Promise<void> {
  const tokenHash = hash(body.token);
  await transaction(ctx.db, async (client) => {
    const link = await repo.usableLinkByHash(client, tokenHash, true);
    if (!link) throw fail.notFound(GONE);
    const comment = body.opmerking ? withoutContactDetails(body.opmerking) : null;
    const stored = await repo.storeAnswer(client, { tokenHash, reference: link.reference, regionId: link.regionId, rating: body.cijfer, comment: comment || null });
    if (!stored) throw fail.conflict('Over deze casus is al een antwoord gegeven.');
  });
}
