import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Pool, maybeOne } from './db/pool.js';
import type { Engine } from './engine/client.js';
import { StartupError } from './errors.js';

export const BPMN_DIR = path.resolve(import.meta.dirname, '..', 'bpmn');

export type DeployResult = { file: string; bpmnProcessId: string; version: number; deployed: boolean };

export function listModels(dir = BPMN_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.bpmn') && !f.split(path.sep).some((part) => part.startsWith('_') || part === 'fixtures'))
    .sort()
    .map((f) => path.join(dir, f));
}

const deployedRow = z.object({ bpmn_process_id: z.string(), version: z.number() });

/**
 * Deploys each model whose content the engine has not seen yet. The engine would
 * also recognise a duplicate, but checking here first avoids a round trip per model
 * on every start and keeps a record of which file became which engine version.
 */
export async function deployModels(engine: Engine, pool: Pool, files = listModels()): Promise<DeployResult[]> {
  const results: DeployResult[] = [];
  for (const file of files) {
    const content = fs.readFileSync(file);
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const name = path.relative(BPMN_DIR, file);
    const known = await maybeOne(
      pool,
      deployedRow,
      'SELECT bpmn_process_id, version FROM engine_deployment WHERE resource_name = $1 AND sha256 = $2',
      [name, sha256],
    );
    if (known) {
      results.push({ file: name, bpmnProcessId: known.bpmn_process_id, version: known.version, deployed: false });
      continue;
    }
    let deployed;
    try {
      deployed = await engine.deploy(name, [{ name: path.basename(file), content }]);
    } catch (error) {
      throw new StartupError('DEPLOY_FAILED', `The engine refused ${name}: ${(error as Error).message}`, { cause: error });
    }
    for (const process of deployed) {
      await pool.query(
        `INSERT INTO engine_deployment (resource_name, sha256, bpmn_process_id, process_definition_key, version)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [name, sha256, process.bpmnProcessId, process.processDefinitionKey, process.version],
      );
      results.push({ file: name, bpmnProcessId: process.bpmnProcessId, version: process.version, deployed: true });
    }
  }
  return results;
}
