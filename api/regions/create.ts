import crypto from 'node:crypto';
import { copyTemplateModel } from '../../bpmn/copy.js';
import { validateModel } from '../../bpmn/validate.js';
import type { RegionSettings } from '../../domain/region.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/pool.js';
import { readSeedSettings } from '../../platform/regions.js';
import { modelJobTypes } from '../../workers/registry.js';
import { fail } from '../http/problems.js';
import { insertVersion, markDeployed } from '../models/repository.js';
import { templateXml } from '../models/service.js';
import { addMembership } from '../session/repository.js';
import { seedDemoUsers } from '../session/service.js';
import { findRegion } from './repository.js';
import { settingsErrors } from './service.js';

/** The region whose settings and model a new region starts from (bpmn/template). */
export const TEMPLATE_REGION = 'template';

/** The template's settings, from the repository's bpmn/template, the pair its model was drawn for. */
export function templateSettings(): RegionSettings {
  return readSeedSettings(TEMPLATE_REGION);
}

/**
 * The template's model as an existing region's first version would start: copied for the region
 * by the same element-wise rewrite a new region gets, so the modeler opens what the region's
 * own process id, candidate groups and tier names make of it.
 */
export async function templateModelFor(ctx: AppContext, region: string): Promise<string> {
  const target = await findRegion(ctx.db, region);
  if (!target) throw fail.notFound('Deze regio bestaat niet.');
  return copyTemplateModel(templateXml(), templateSettings(), target);
}

/**
 * A new region from the template, all or nothing: its settings, the template's model rewritten
 * for it (process id, candidate groups, lane names; bpmn/copy.ts) and validated against those
 * settings, stored as version 1, deployed to the engine, and the creator made its policy
 * officer, in one transaction; when the engine refuses the model, nothing of the region stays.
 * Demo accounts for its roles follow in the embedded mode, as for the seed regions.
 */
export async function createRegion(ctx: AppContext, input: Omit<RegionSettings, 'bpmnProcessId'>, creator: { id: string; name: string }) {
  const template = templateSettings();
  const settings: RegionSettings = { ...input, bpmnProcessId: `doorzet-${input.id}` };
  const errors = settingsErrors(settings);
  if (errors.length > 0) throw fail.validation('Deze regio kan zo niet worden aangemaakt.', errors);
  if (await findRegion(ctx.db, settings.id)) throw fail.conflict(`Er bestaat al een regio met id "${settings.id}". Kies een ander id.`);

  const xml = await copyTemplateModel(templateXml(), template, settings);
  const findings = await validateModel(xml, settings, modelJobTypes);
  if (findings.length > 0) throw fail.modelRefused(findings);

  const version = await transaction(ctx.db, async (client) => {
    const inserted = await client.query(`INSERT INTO region (id, name, settings, updated_by) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
      settings.id,
      settings.name,
      JSON.stringify(settings),
      creator.name,
    ]);
    if (inserted.rowCount !== 1) throw fail.conflict(`Er bestaat al een regio met id "${settings.id}". Kies een ander id.`);
    const number = await insertVersion(client, {
      region: settings.id,
      xml,
      sha256: crypto.createHash('sha256').update(xml).digest('hex'),
      author: creator.name,
      comment: `Nieuwe regio op basis van het sjabloon (${template.name})`,
    });
    await addMembership(client, creator.id, { region: settings.id, role: 'beleidsmedewerker' });
    let deployed;
    try {
      deployed = await ctx.engine.deploy(`${settings.id}-v${number}`, [{ name: `${settings.id}-v${number}.bpmn`, content: xml }]);
    } catch (error) {
      throw fail.engine('De procesengine weigerde het model van de nieuwe regio; er is niets aangemaakt.', error);
    }
    const process = deployed.find((p) => p.bpmnProcessId === settings.bpmnProcessId);
    if (!process) throw fail.engine('De procesengine meldde geen proces voor de nieuwe regio terug; er is niets aangemaakt.');
    await markDeployed(client, settings.id, number, creator.name, process.processDefinitionKey, process.version);
    return number;
  });
  await seedDemoUsers(ctx);
  return { settings, version };
}
