export type PathStep = { elementId: string; state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' };
export type Flow = { id: string; source: string; target: string };

/**
 * The sequence flows a case took. The engine records the elements it passed, not the flows;
 * a flow counts as taken when its source completed and its target started after that (steps
 * are in start order). An interrupted task (TERMINATED: its timer or "casus opgelost" fired)
 * left by its boundary event, not by its own outgoing flow.
 */
export function takenFlows(steps: PathStep[], flows: Flow[]): string[] {
  const firstCompleted = new Map<string, number>();
  const lastStarted = new Map<string, number>();
  steps.forEach((step, index) => {
    if (step.state === 'COMPLETED' && !firstCompleted.has(step.elementId)) firstCompleted.set(step.elementId, index);
    lastStarted.set(step.elementId, index);
  });
  return flows
    .filter((flow) => {
      const left = firstCompleted.get(flow.source);
      const reached = lastStarted.get(flow.target);
      return left !== undefined && reached !== undefined && reached > left;
    })
    .map((flow) => flow.id);
}
