import { SelectEntry } from '@bpmn-io/properties-panel';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import type { EventBus } from '../../types.js';

export type RegionRole = { id: string; name: string };

type Entry = { id: string; component: unknown; [key: string]: unknown };
type Group = { id: string; entries?: Entry[]; [key: string]: unknown };
type PanelElement = { type: string; businessObject: { get(name: string): unknown } };

/**
 * Groups policy staff never need for an escalation model: code hooks, variable plumbing and engine tuning.
 * The API refuses listeners anyway; hiding them keeps the panel to what a ladder is made of.
 */
export const ADVANCED_GROUPS = new Set([
  'CamundaPlatform__ExecutionListener',
  'CamundaPlatform__TaskListener',
  'CamundaPlatform__ExtensionProperties',
  'CamundaPlatform__Input',
  'CamundaPlatform__Output',
  'CamundaPlatform__InMapping',
  'CamundaPlatform__OutMapping',
  'CamundaPlatform__InMappingPropagation',
  'CamundaPlatform__OutMappingPropagation',
  'CamundaPlatform__FieldInjection',
  'CamundaPlatform__ConnectorInput',
  'CamundaPlatform__ConnectorOutput',
  // Engine tuning and start rights: Doorzet sets these itself or does not use them.
  'CamundaPlatform__AsynchronousContinuations',
  'CamundaPlatform__JobExecution',
  'CamundaPlatform__ExternalTask',
  'CamundaPlatform__Tasklist',
  'CamundaPlatform__CandidateStarter',
  'CamundaPlatform__ProcessVariables',
]);
/** Entries a user task may not have (the API refuses assignee and candidate users: tasks go to roles). */
const REFUSED_ENTRIES = new Set(['assignee', 'candidateUsers']);

/**
 * Doorzet's properties provider: a user task's candidate group is chosen from the region's
 * roles (a typed group that is not a role would strand the task with nobody), and a beginner's
 * mode hides the advanced groups. Registered after the Camunda 7 provider so it edits its groups.
 */
export default class DoorzetProperties {
  static $inject = ['propertiesPanel', 'eventBus'];

  region = '';
  roles: RegionRole[] = [];
  beginner = true;

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    private readonly eventBus: EventBus,
  ) {
    propertiesPanel.registerProvider(100, this);
  }

  setRoles(region: string, roles: RegionRole[]): void {
    this.region = region;
    this.roles = roles;
    this.eventBus.fire('propertiesPanel.providersChanged');
  }

  setBeginner(on: boolean): void {
    this.beginner = on;
    this.eventBus.fire('propertiesPanel.providersChanged');
  }

  getGroups(element: PanelElement) {
    return (groups: Group[]): Group[] => {
      const shown = this.beginner ? groups.filter((g) => !ADVANCED_GROUPS.has(g.id)) : groups;
      if (element.type !== 'bpmn:UserTask') return shown;
      return shown.map((group) => {
        if (group.id !== 'CamundaPlatform__UserAssignment' || !group.entries) return group;
        return {
          ...group,
          entries: group.entries
            .filter((e) => !REFUSED_ENTRIES.has(e.id))
            .map((e) => (e.id === 'candidateGroups' ? { ...e, component: CandidateGroupSelect, isEdited: () => Boolean(element.businessObject.get('camunda:candidateGroups')) } : e)),
        };
      });
    };
  }
}

/** The candidate group as a choice between the region's roles, stored as `<region>:<role>`. */
function CandidateGroupSelect(props: { element: PanelElement; id: string }) {
  const { element, id } = props;
  const modeling = useService('modeling') as { updateProperties(element: unknown, properties: Record<string, unknown>): void };
  const translate = useService('translate') as (s: string) => string;
  const doorzet = useService('doorzetProperties') as DoorzetProperties;
  const getValue = () => (element.businessObject.get('camunda:candidateGroups') as string | undefined) ?? '';
  const setValue = (value: string) => modeling.updateProperties(element, { 'camunda:candidateGroups': value || undefined });
  const getOptions = () => {
    const options = [{ value: '', label: '— kies een rol —' }, ...doorzet.roles.map((r) => ({ value: `${doorzet.region}:${r.id}`, label: r.name }))];
    const current = getValue();
    // A value from an older model stays visible (and is reported by the check) instead of silently vanishing.
    if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: `${current} (geen rol van deze regio)` });
    return options;
  };
  return jsx(SelectEntry, { element, id, label: translate('Candidate groups'), getValue, setValue, getOptions });
}
