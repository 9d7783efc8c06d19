import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type { RegionSettings } from '../domain/region.js';

const require = createRequire(import.meta.url);
const camundaSchema = require('camunda-bpmn-moddle/resources/camunda.json') as object;

type Element = { $type: string; id?: string; name?: string; [key: string]: unknown };
const children = (element: Element, key: string): Element[] => (element[key] as Element[] | undefined) ?? [];

function* everything(element: Element): Generator<Element> {
  yield element;
  for (const key of ['flowElements', 'laneSets', 'lanes', 'childLaneSet']) {
    const value = element[key];
    for (const child of Array.isArray(value) ? (value as Element[]) : value ? [value as Element] : []) yield* everything(child);
  }
}

/** A lane's tier: its `trede` extension property (docs/ladder-conventions.md §1). */
function laneTier(lane: Element): number | undefined {
  const values = children((lane.extensionElements as Element | undefined) ?? { $type: 'none' }, 'values');
  const properties = values.filter((v) => v.$type === 'camunda:Properties').flatMap((p) => children(p, 'values'));
  const trede = properties.find((p) => p.name === 'trede')?.value;
  return typeof trede === 'string' && /^\d+$/.test(trede) ? Number(trede) : undefined;
}

/**
 * The template region's model made into another region's: read by element, not by text, so it
 * holds for whatever the template's diagram is. The process id becomes the new region's
 * (references follow, they are objects here), every candidate group `<template>:<role>` names
 * the new region, the process is named after it, and a lane whose name carries the template's
 * name for its tier carries the new region's tier name instead. Roles and deadline keys stay:
 * the new region's settings start from the template's, and validation checks they still match.
 */
export async function copyTemplateModel(xml: string, template: RegionSettings, target: RegionSettings): Promise<string> {
  const moddle = new BpmnModdle({ camunda: camundaSchema });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const definitions = rootElement as Element;
  const tierName = (settings: RegionSettings, n: number) => settings.tiers.find((t) => t.number === n)?.name;
  for (const process of children(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process')) {
    if (process.id === template.bpmnProcessId) {
      process.id = target.bpmnProcessId;
      process.name = `Escalatiemodel ${target.name}`;
    }
    for (const element of everything(process)) {
      if (typeof element.candidateGroups === 'string') {
        element.candidateGroups = element.candidateGroups
          .split(',')
          .map((group) => group.trim().replace(new RegExp(`^${template.id}:`), `${target.id}:`))
          .join(',');
      }
      if (element.$type === 'bpmn:Lane' && typeof element.name === 'string') {
        const tier = laneTier(element);
        const from = tier === undefined ? undefined : tierName(template, tier);
        const to = tier === undefined ? undefined : tierName(target, tier);
        if (from && to && element.name.includes(from)) element.name = element.name.replace(from, to);
      }
    }
  }
  for (const participant of children(definitions, 'rootElements').flatMap((e) => children(e, 'participants'))) {
    if ((participant.processRef as Element | undefined)?.id === target.bpmnProcessId) participant.name = target.name;
  }
  // The diagram's own ids were made from the process id (BPMNDiagram_doorzet-template): they follow it.
  for (const diagram of children(definitions, 'diagrams')) {
    for (const shown of [diagram, diagram.plane as Element | undefined]) {
      if (shown?.id) shown.id = shown.id.replace(template.bpmnProcessId, target.bpmnProcessId);
    }
  }
  return (await moddle.toXML(definitions, { format: true })).xml;
}
