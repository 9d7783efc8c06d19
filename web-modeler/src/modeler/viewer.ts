import NavigatedViewerImport from 'bpmn-js/lib/NavigatedViewer.js';
import { defaultExport } from './interop.js';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import CasePositionModule from './features/case-position/index.js';
import type CasePosition from './features/case-position/CasePosition.js';
import ElementCountsModule from './features/element-counts/index.js';
import type ElementCounts from './features/element-counts/ElementCounts.js';

const NavigatedViewer = defaultExport(NavigatedViewerImport);

/** A read-only diagram (case page, dashboard, "bekijk" of an old version). */
export async function showDiagram(container: HTMLElement, xml: string): Promise<{ positions(ids: string[]): string[]; counts(list: Parameters<ElementCounts['show']>[0]): void; destroy(): void }> {
  const viewer = new NavigatedViewer({
    container,
    additionalModules: [CasePositionModule, ElementCountsModule],
    moddleExtensions: { camunda: camundaModdle },
  });
  await viewer.importXML(xml);
  (viewer.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
  return {
    positions: (ids) => (viewer.get('casePosition') as CasePosition).show(ids),
    counts: (list) => (viewer.get('elementCounts') as ElementCounts).show(list),
    destroy: () => viewer.destroy(),
  };
}
