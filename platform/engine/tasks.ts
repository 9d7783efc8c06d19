import type { Camunda8 } from '@camunda8/sdk';

/** User-task commands go to the engine's REST API (/v2/user-tasks/...). */
export async function completeUserTask(camunda: Camunda8, key: string, variables: Record<string, unknown> = {}): Promise<void> {
  await camunda.getCamundaRestClient().completeUserTask({ userTaskKey: key, variables });
}

export async function assignUserTask(camunda: Camunda8, key: string, assignee: string): Promise<void> {
  await camunda.getCamundaRestClient().assignUserTask({ userTaskKey: key, assignee, allowOverride: false });
}

export async function unassignUserTask(camunda: Camunda8, key: string): Promise<void> {
  await camunda.getCamundaRestClient().unassignUserTask({ userTaskKey: key });
}
