import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { nl, translateNl } from '../../web-modeler/src/modeler/features/translate/nl.js';

const lib = (p: string) => path.join(import.meta.dirname, '..', '..', 'node_modules', p);
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));

/** The English strings the installed bpmn-js shows in the palette, the context pad and the replace menu. */
function shownStrings(): string[] {
  const found = new Set<string>();
  for (const dir of ['bpmn-js/lib/features/palette', 'bpmn-js/lib/features/context-pad', 'bpmn-js/lib/features/popup-menu']) {
    for (const file of filesUnder(lib(dir))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/translate\(\s*'([^']+)'/g)) found.add(m[1]!);
    }
  }
  const entries = fs.readFileSync(lib('bpmn-js/lib/features/popup-menu/PopupEntries.js'), 'utf8');
  for (const m of entries.matchAll(/label: '([^']+)'/g)) found.add(m[1]!);
  const options = fs.readFileSync(lib('bpmn-js/lib/features/replace/ReplaceOptions.js'), 'utf8');
  for (const m of options.matchAll(/^\s*(?:replaceWith\(.*)?label: '([^']+)'/gm)) found.add(m[1]!);
  return [...found].sort();
}

test('every palette, context-pad and replace-menu string of the installed bpmn-js has Dutch', () => {
  const strings = shownStrings();
  expect(strings.length).toBeGreaterThan(100);
  expect(strings.filter((s) => !Object.hasOwn(nl, s))).toEqual([]);
});

test('every other string bpmn-js and diagram-js translate has Dutch too (examples in doc comments aside)', () => {
  const found = new Set<string>();
  for (const dir of ['bpmn-js/lib', 'diagram-js/lib']) {
    for (const file of filesUnder(lib(dir))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/translate\(\s*'([^']+)'\s*[,)]/g)) found.add(m[1]!);
    }
  }
  found.delete('HELLO {you}');
  // BpmnRenderer builds an SVG transform with 'translate(' + shift + …: not text.
  found.delete(' + shift + ');
  expect(found.size).toBeGreaterThan(40);
  expect([...found].filter((s) => !Object.hasOwn(nl, s.trim()) && !Object.hasOwn(nl, s))).toEqual([]);
});

test('the properties panel groups policy staff use are Dutch', () => {
  for (const s of ['General', 'User assignment', 'Candidate groups', 'Timer', 'Forms', 'Due date', 'Execution listeners', 'Extension properties', 'Inputs', 'Outputs']) {
    expect(translateNl(s), s).not.toBe(s);
  }
});

test('replacements in a template are filled in, and unknown strings pass through unchanged', () => {
  expect(translateNl('no translation for {x}', { x: 'dit' })).toBe('no translation for dit');
  expect(translateNl('Delete')).toBe('Verwijderen');
});
