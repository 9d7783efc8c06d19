import type { JobDefinition } from './job.js';

/**
 * Every job type Doorzet executes, keyed by the `zeebe:taskDefinition type` used in
 * bpmn/. A contract test keeps the two equal; the modeler's element templates are
 * generated from this table.
 */
export const registry: Record<string, JobDefinition> = {};
