import type { AppContext } from '../../platform/context.js';
import { many } from '../../platform/db/pool.js';
import { z } from 'zod';
import { appendEvent } from '../cases/repository.js';
import { fail } from '../http/problems.js';
import { getRegion } from '../regions/service.js';

/** A retried external task gets this many tries again before the worker raises a new incident. */
const RETRIES = 3;

function namesIn(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of xml.matchAll(/<[\w:]+\s[^>]*?\bid="([^"]+)"[^>]*?\bname="([^"]*)"/g)) names.set(m[1]!, m[2]!.replace(/&#10;|\s+/g, ' ').trim());
  return names;
}

/** The region's open incidents over every model version, with the case they hold up and the worker's error. */
export async function incidents(ctx: AppContext, region: string) {
  const settings = await getRegion(ctx, region);
  const found = await ctx.engine.incidents({ bpmnProcessId: settings.bpmnProcessId });
  if (found.length === 0) return [];
  const heads = await many(
    ctx.db,
    z.object({ id: z.string(), reference: z.string(), key: z.string() }),
    'SELECT id, reference, process_instance_key AS key FROM "case" WHERE region_id = $1 AND process_instance_key = ANY($2::text[])',
    [region, [...new Set(found.map((i) => i.processInstanceKey))]],
  );
  const byInstance = new Map(heads.map((h) => [h.key, h]));
  const names = new Map<string, Map<string, string>>();
  for (const key of new Set(found.map((i) => i.processDefinitionKey))) names.set(key, namesIn((await ctx.engine.definition(key))?.xml ?? ''));
  return found
    .map((i) => ({
      id: i.id,
      caseId: byInstance.get(i.processInstanceKey)?.id ?? null,
      caseReference: byInstance.get(i.processInstanceKey)?.reference ?? null,
      elementId: i.elementId,
      elementName: names.get(i.processDefinitionKey)?.get(i.elementId) || i.elementId,
      type: i.type,
      message: i.message,
      created: i.created,
      retryable: i.externalTaskId !== null,
    }))
    .sort((a, b) => a.created.localeCompare(b.created));
}

/**
 * Retries the failed external task behind an incident of this region. The route writes the audit
 * entry; the case's timeline says so too, since the case moves again because of it.
 */
export async function retry(ctx: AppContext, region: string, incidentId: string, toelichting: string, actor: string) {
  const settings = await getRegion(ctx, region);
  // Looked up within the region, so an id from another region is simply not found.
  const incident = (await ctx.engine.incidents({ bpmnProcessId: settings.bpmnProcessId })).find((i) => i.id === incidentId);
  if (!incident) throw fail.notFound('Deze storing bestaat niet (meer): misschien is ze al opgelost.');
  if (!incident.externalTaskId) throw fail.conflict('Deze storing is geen mislukte worker-taak en kan hier niet opnieuw worden geprobeerd.');
  try {
    await ctx.engine.retryExternalTask(incident.externalTaskId, RETRIES);
  } catch (error) {
    throw fail.engine('Opnieuw proberen lukt niet: de procesengine weigert of antwoordt niet.', error);
  }
  const [head] = await many(ctx.db, z.object({ id: z.string(), reference: z.string(), tier: z.number() }), 'SELECT id, reference, current_tier AS tier FROM "case" WHERE process_instance_key = $1', [
    incident.processInstanceKey,
  ]);
  if (head) {
    await appendEvent(ctx.db, {
      caseId: head.id,
      kind: 'incident-retried',
      tier: head.tier,
      actor,
      summary: 'Storing opnieuw geprobeerd',
      details: { elementId: incident.elementId, message: incident.message, toelichting },
    });
  }
  return { head, result: { status: 'retried' as const, incidentId } };
}

export async function queues(ctx: AppContext, region: string) {
  const settings = await getRegion(ctx, region);
  return ctx.engine.externalTaskQueues(settings.bpmnProcessId);
}
