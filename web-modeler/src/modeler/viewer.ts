import NavigatedViewerImport from 'bpmn-js/lib/NavigatedViewer.js';
import { defaultExport } from './interop.js';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import CasePathModule from './features/case-path/index.js';
import type CasePath from './features/case-path/CasePath.js';
import type { PathStep } from './features/case-path/taken.js';
import CasePositionModule from './features/case-position/index.js';
import type CasePosition from './features/case-position/CasePosition.js';
import ElementCountsModule from './features/element-counts/index.js';
import type ElementCounts from './features/element-counts/ElementCounts.js';

const NavigatedViewer = defaultExport(NavigatedViewerImport);

export type Diagram = {
  positions(ids: string[]): string[];
  /** Marks the elements and flows a case passed; returns the names of the tasks passed. */
  path(steps: PathStep[]): string[];
  /** Centres these elements at a readable zoom (the whole diagram when none). */
  focus(ids: string[]): void;
  counts(list: Parameters<ElementCounts['show']>[0]): void;
  destroy(): void;
};

/** A read-only diagram (case page, dashboard, "bekijk" of an old version). */
export async function showDiagram(container: HTMLElement, xml: string): Promise<Diagram> {
  const viewer = new NavigatedViewer({
    container,
    additionalModules: [CasePathModule, CasePositionModule, ElementCountsModule],
    moddleExtensions: { camunda: camundaModdle },
  });
  await viewer.importXML(xml);
  (viewer.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
  return {
    positions: (ids) => (viewer.get('casePosition') as CasePosition).show(ids),
    path: (steps) => (viewer.get('casePath') as CasePath).show(steps),
    focus: (ids) => (viewer.get('casePath') as CasePath).focus(ids),
    counts: (list) => (viewer.get('elementCounts') as ElementCounts).show(list),
    destroy: () => viewer.destroy(),
  };
}
