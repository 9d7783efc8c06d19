import type { JobDefinition } from './job.js';
import { addToLearningAgenda } from './add-to-learning-agenda/handler.js';
import { conveneEscalationMeeting } from './convene-escalation-meeting/handler.js';
import { handBackCasusregie } from './hand-back-casusregie/handler.js';
import { informParties } from './inform-parties/handler.js';
import { notifyBoard } from './notify-board/handler.js';
import { notifyRole } from './notify-role/handler.js';
import { planDeadline } from './plan-deadline/handler.js';
import { recordTierChange } from './record-tier-change/handler.js';
import { referCase } from './refer-case/handler.js';
import { releaseParked } from './release-parked/handler.js';
import { reportBack } from './report-back/handler.js';

/**
 * Topics no model in bpmn/ uses any more (the ladders follow the tier from their lanes and compute
 * deadlines in the engine, docs/ladder-conventions.md), kept so cases still running on an older
 * model version finish.
 */
export const LEGACY_TOPICS: readonly string[] = ['plan-deadline', 'record-tier-change'];

/**
 * Every job type Doorzet executes, keyed by the external-task topic (`camunda:topic`) used in
 * bpmn/. A contract test keeps the two equal; the modeler's element templates are
 * generated from this table.
 */
export const registry: Record<string, JobDefinition> = {
  'plan-deadline': planDeadline,
  'notify-role': notifyRole,
  'notify-board': notifyBoard,
  'convene-escalation-meeting': conveneEscalationMeeting,
  'inform-parties': informParties,
  'record-tier-change': recordTierChange,
  'report-back': reportBack,
  'add-to-learning-agenda': addToLearningAgenda,
  'hand-back-casusregie': handBackCasusregie,
  'refer-case': referCase,
  'release-parked': releaseParked,
};

/**
 * The job types a new model may use, and so the modeler offers: the registry without the legacy
 * topics, which only cases on older versions still reach.
 */
export const modelRegistry: Record<string, JobDefinition> = Object.fromEntries(Object.entries(registry).filter(([topic]) => !LEGACY_TOPICS.includes(topic)));
export const modelJobTypes: string[] = Object.keys(modelRegistry);
