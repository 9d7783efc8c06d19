import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { diffModels } from '../../bpmn/diff.js';
import { validateModel } from '../../bpmn/validate.js';
import type { AppContext } from '../../platform/context.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { many, transaction } from '../../platform/db/pool.js';
import { workerElementTemplates } from '../../web-modeler/element-templates.js';
import { modelJobTypes, modelRegistry } from '../../workers/registry.js';
import { fail } from '../http/problems.js';
import { getRegion } from '../regions/service.js';
import * as repo from './repository.js';

const sha256 = (xml: string) => crypto.createHash('sha256').update(xml).digest('hex');

/** Running instances per engine version, read from the engine: the case table cannot know which version an instance runs on after a migration. */
async function instancesByEngineVersion(ctx: AppContext, region: string): Promise<Map<number, number>> {
  const settings = await getRegion(ctx, region);
  return new Map((await ctx.engine.runningVersions(settings.bpmnProcessId)).map((r) => [r.version, r.instances]));
}

export async function listVersions(ctx: AppContext, region: string) {
  const [versions, instances] = await Promise.all([repo.listVersions(ctx.db, region), instancesByEngineVersion(ctx, region)]);
  return versions.map((v) => ({ ...v, runningInstances: v.engineVersion === null ? 0 : instances.get(v.engineVersion) ?? 0 }));
}

export async function getVersion(ctx: AppContext, region: string, version: number) {
  const found = await repo.findVersion(ctx.db, region, version);
  if (!found) throw fail.notFound(`Versie ${version} bestaat niet.`);
  const instances = await instancesByEngineVersion(ctx, region);
  return { ...found, runningInstances: found.engineVersion === null ? 0 : instances.get(found.engineVersion) ?? 0 };
}

const EMPTY_MODEL =
  '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="leeg" targetNamespace="http://doorzet.example.org/leeg" />';

/** What going live with a version changes against the version live now, and how many cases stay on other versions. */
export async function changes(ctx: AppContext, region: string, version: number) {
  const candidate = await getVersion(ctx, region, version);
  const live = (await repo.listVersions(ctx.db, region))
    .filter((v) => v.deployedAt !== null)
    .sort((a, b) => Date.parse(b.deployedAt!) - Date.parse(a.deployedAt!))[0];
  const liveXml = live ? (await repo.findVersion(ctx.db, region, live.version))!.xml : EMPTY_MODEL;
  const settings = await getRegion(ctx, region);
  const diff = await diffModels(liveXml, candidate.xml, {
    roles: Object.fromEntries(settings.roles.map((r) => [r.id, r.name])),
    deadlines: Object.fromEntries(Object.entries(settings.deadlines).map(([key, d]) => [key, d.label])),
  });
  // Every running instance not on this version's engine definition keeps running where it is.
  const instances = await instancesByEngineVersion(ctx, region);
  const instancesOnOtherVersions = [...instances].filter(([engineVersion]) => engineVersion !== candidate.engineVersion).reduce((sum, [, n]) => sum + n, 0);
  return { liveVersion: live?.version ?? null, ...diff, instancesOnOtherVersions };
}

export async function validate(ctx: AppContext, region: string, xml: string) {
  return validateModel(xml, await getRegion(ctx, region), modelJobTypes);
}

/** Stores a new version only when validation finds nothing; a refused model leaves no trace but the audit entry. */
export async function upload(ctx: AppContext, region: string, xml: string, comment: string, author: string) {
  const findings = await validate(ctx, region, xml);
  if (findings.length > 0) throw fail.modelRefused(findings);
  const version = await repo.insertVersion(ctx.db, { region, xml, sha256: sha256(xml), author, comment });
  return getVersion(ctx, region, version);
}

/** Deploys a stored version; new cases start on it, running cases stay on theirs. */
export async function deploy(ctx: AppContext, region: string, version: number, by: string) {
  const stored = await getVersion(ctx, region, version);
  // Settings may have changed since upload: a version that no longer fits the region is not deployed.
  const findings = await validate(ctx, region, stored.xml);
  if (findings.length > 0) throw fail.modelRefused(findings);
  let deployed;
  try {
    deployed = await ctx.engine.deploy(`${region}-v${version}`, [{ name: `${region}-v${version}.bpmn`, content: stored.xml }]);
  } catch (error) {
    throw fail.engine('De procesengine weigerde dit model.', error);
  }
  const settings = await getRegion(ctx, region);
  const process = deployed.find((p) => p.bpmnProcessId === settings.bpmnProcessId);
  if (!process) throw fail.engine('De procesengine meldde geen proces voor deze regio terug.');
  await repo.markDeployed(ctx.db, region, version, by, process.processDefinitionKey, process.version);
  return getVersion(ctx, region, version);
}

export function templateXml(): string {
  return fs.readFileSync(path.join(BPMN_DIR, 'template', 'model.bpmn'), 'utf8');
}

/**
 * Records each region's seed model (bpmn/<region>/model.bpmn, deployed by the stack at
 * start) as version 1 when the region has no versions yet, so history starts at the seed.
 */
export async function seedModelVersions(ctx: AppContext): Promise<void> {
  const regions = await many(ctx.db, z.object({ id: z.string() }), 'SELECT id FROM region ORDER BY id');
  for (const { id } of regions) {
    const file = path.join(BPMN_DIR, id, 'model.bpmn');
    if (!fs.existsSync(file) || (await repo.hasVersions(ctx.db, id))) continue;
    const xml = fs.readFileSync(file, 'utf8');
    const hash = sha256(xml);
    await transaction(ctx.db, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(7514)');
      if (await repo.hasVersions(client, id)) return;
      const version = await repo.insertVersion(client, { region: id, xml, sha256: hash, author: 'Doorzet (startmodel)', comment: `bpmn/${id}/model.bpmn` });
      const deployed = await repo.seedDeployment(client, path.join(id, 'model.bpmn'), hash);
      if (deployed) await repo.markDeployed(client, id, version, 'Doorzet (start)', deployed.process_definition_key, deployed.version);
    });
  }
}

/** Camunda 7 element templates, one per job type, so the modeler offers exactly what the workers run. */
export function elementTemplates(): Record<string, unknown>[] {
  return workerElementTemplates(modelRegistry);
}
