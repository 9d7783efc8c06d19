import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { diffModels } from '../../bpmn/diff.js';
import { BPMN_DIR } from '../../platform/deploy.js';
import { readSeedSettings } from '../../platform/regions.js';

const settings = readSeedSettings('twente');
const labels = {
  roles: Object.fromEntries(settings.roles.map((r) => [r.id, r.name])),
  deadlines: Object.fromEntries(Object.entries(settings.deadlines).map(([k, d]) => [k, d.label])),
};
const live = fs.readFileSync(path.join(BPMN_DIR, 'twente', 'model.bpmn'), 'utf8');

/** `xml` with one exact piece replaced; fails loudly when the seed model no longer contains it. */
function edit(xml: string, from: string, to: string): string {
  expect(xml, `seed model contains ${from}`).toContain(from);
  return xml.replace(from, to);
}

test('the same model, or only moved shapes, has no changes', async () => {
  expect(await diffModels(live, live, labels)).toEqual({ added: [], removed: [], changed: [] });
  const moved = live.replace(/(<dc:Bounds x=")(\d+)/, (_m, a: string, x: string) => `${a}${Number(x) + 40}`);
  expect(moved).not.toBe(live);
  expect(await diffModels(live, moved, labels)).toEqual({ added: [], removed: [], changed: [] });
});

test('a changed candidate group is named in words, with the role names of the region', async () => {
  const next = edit(live, 'camunda:formKey="overleg-uitkomst" camunda:candidateGroups="twente:zvh-coordinator"', 'camunda:formKey="overleg-uitkomst" camunda:candidateGroups="twente:beleidsmedewerker"');
  const diff = await diffModels(live, next, labels);
  expect(diff.added).toEqual([]);
  expect(diff.removed).toEqual([]);
  expect(diff.changed).toEqual([
    {
      id: 'Trede3_Taak',
      name: 'Uitkomst bestuurlijk escalatie overleg vastleggen',
      type: 'bpmn:UserTask',
      changes: [`Rol gewijzigd: was ${labels.roles['zvh-coordinator']} (zvh-coordinator), wordt ${labels.roles.beleidsmedewerker} (beleidsmedewerker).`],
    },
  ]);
});

test('timer and due-date changes say which deadline, by its label', async () => {
  let next = edit(live, "${termijn.verloopt(execution, 'bestuurlijk-overleg')}</bpmn:timeDate>", "${termijn.verloopt(execution, 'verzoek-minister')}</bpmn:timeDate>");
  next = edit(next, 'camunda:dueDate="${termijn.verloopt(execution, &#39;bestuurlijk-overleg&#39;)}"', 'camunda:dueDate="${termijn.verloopt(execution, &#39;verzoek-minister&#39;)}"');
  const diff = await diffModels(live, next, labels);
  const byId = Object.fromEntries(diff.changed.map((c) => [c.id, c.changes]));
  expect(byId.Trede3_Verlopen).toEqual([
    `Termijn gewijzigd: wachtte op het verlopen van termijn "${labels.deadlines['bestuurlijk-overleg']}" (bestuurlijk-overleg), wacht nu op het verlopen van termijn "${labels.deadlines['verzoek-minister']}" (verzoek-minister).`,
  ]);
  expect(byId.Trede3_Taak).toEqual([
    `Vervaldatum gewijzigd: was "${labels.deadlines['bestuurlijk-overleg']}" (bestuurlijk-overleg), wordt "${labels.deadlines['verzoek-minister']}" (verzoek-minister).`,
  ]);
  expect(diff.changed.map((c) => c.id).sort()).toEqual(['Trede3_Taak', 'Trede3_Verlopen']);
});

test('added and removed elements are listed by id with their names; a renamed element is changed, not replaced', async () => {
  let next = edit(live, 'id="Trede4_Besluit" name="Bindend besluit van de minister vastleggen"', 'id="Trede4_Besluit" name="Besluit van de minister vastleggen"');
  next = edit(next, '</bpmn:process>', '<bpmn:task id="Extra_Stap" name="Extra overleg" />\n  </bpmn:process>');
  // Removing an element: the 'herinnering verstuurd' end event and its incoming flow.
  next = next.replace(/<bpmn:endEvent id="Trede4_HerinneringVerstuurd"[\s\S]*?<\/bpmn:endEvent>/, '');
  const flow = /<bpmn:sequenceFlow id="(\w+)" sourceRef="[^"]+" targetRef="Trede4_HerinneringVerstuurd" \/>/.exec(next);
  expect(flow, 'flow into the removed end event').not.toBeNull();
  next = next.replace(flow![0], '');
  const diff = await diffModels(live, next, labels);
  expect(diff.added).toEqual([{ id: 'Extra_Stap', name: 'Extra overleg', type: 'bpmn:Task' }]);
  expect(diff.removed).toEqual(
    [
      { id: flow![1]!, name: null, type: 'bpmn:SequenceFlow' },
      { id: 'Trede4_HerinneringVerstuurd', name: 'Herinnerd', type: 'bpmn:EndEvent' },
    ].sort((a, b) => a.id.localeCompare(b.id)),
  );
  const renamed = diff.changed.find((c) => c.id === 'Trede4_Besluit');
  expect(renamed?.changes).toEqual(['Naam gewijzigd van "Bindend besluit van de minister vastleggen" in "Besluit van de minister vastleggen".']);
});

test('a change the diff has no words for is still reported, not hidden', async () => {
  const next = edit(live, '<camunda:inputParameter name="role">casusregisseur</camunda:inputParameter>', '<camunda:inputParameter name="role">casusregisseur</camunda:inputParameter><camunda:inputParameter name="extra">ja</camunda:inputParameter>');
  const diff = await diffModels(live, next, labels);
  expect(diff.changed).toHaveLength(1);
  expect(diff.changed[0]!.changes).toEqual(['Overige instellingen gewijzigd.']);
});

test('on a ladder drawn with the bean termijn, timer and due-date changes also say which deadline', async () => {
  const template = readSeedSettings('template');
  const words = { deadlines: Object.fromEntries(Object.entries(template.deadlines).map(([k, d]) => [k, d.label])) };
  const ladder = fs.readFileSync(path.join(BPMN_DIR, 'template', 'model.bpmn'), 'utf8');
  let next = edit(ladder, "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${termijn.verloopt(execution, 'middenmanagers')}", "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${termijn.verloopt(execution, 'bestuurders')}");
  next = edit(next, "camunda:dueDate=\"${termijn.verloopt(execution, 'middenmanagers')}\"", "camunda:dueDate=\"${termijn.verloopt(execution, 'bestuurders')}\"");
  const byId = Object.fromEntries((await diffModels(ladder, next, words)).changed.map((c) => [c.id, c.changes]));
  const [was, wordt] = [`"${words.deadlines.middenmanagers}" (middenmanagers)`, `"${words.deadlines.bestuurders}" (bestuurders)`];
  expect(byId.Middenmanagers_Verlopen).toEqual([`Termijn gewijzigd: wachtte op het verlopen van termijn ${was}, wacht nu op het verlopen van termijn ${wordt}.`]);
  expect(byId.Middenmanagers_Taak).toEqual([`Vervaldatum gewijzigd: was ${was}, wordt ${wordt}.`]);
});
