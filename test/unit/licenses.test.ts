import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  declaredNpmLicence,
  failures,
  judgeExpression,
  judgePomLicences,
  licenceFromText,
  mapLicenceName,
  mavenLicences,
  npmRows,
  parseDependencyList,
  parsePom,
  summary,
} from '../../scripts/licenses.js';

/** The licence gate's pure parts on fixtures; `npm run licenses` itself runs in test/licenses/. */

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'doorzet-licences-'));
  dirs.push(dir);
  return dir;
}
function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('SPDX expressions', () => {
  test('an OSI-approved id is allowed, case-insensitively', () => {
    expect(judgeExpression('MIT')).toMatchObject({ verdict: 'allowed', expression: 'MIT' });
    expect(judgeExpression('apache-2.0')).toMatchObject({ verdict: 'allowed', expression: 'Apache-2.0' });
    expect(judgeExpression('MIT-0').verdict).toBe('allowed');
  });

  test('a known licence outside the allow-list is refused, naming it', () => {
    expect(judgeExpression('CC0-1.0')).toMatchObject({ verdict: 'refused', why: 'not on the OSI allow-list: CC0-1.0' });
    expect(judgeExpression('UNLICENSED').verdict).toBe('refused');
  });

  test('an unknown licence, a "SEE LICENSE IN" and a missing one are unknown, not allowed', () => {
    expect(judgeExpression('Acme-Proprietary-1.0')).toMatchObject({ verdict: 'unknown', why: 'not a known licence: "Acme-Proprietary-1.0"' });
    expect(judgeExpression('SEE LICENSE IN LICENSE.md').verdict).toBe('unknown');
    expect(judgeExpression('')).toMatchObject({ verdict: 'unknown', why: 'no licence declared' });
    // A bare "BSD" may be the 4-clause licence: not guessed.
    expect(judgeExpression('BSD').verdict).toBe('unknown');
  });

  test('OR passes when one alternative is allowed', () => {
    expect(judgeExpression('(MIT OR Apache-2.0)')).toMatchObject({ verdict: 'allowed', expression: 'MIT OR Apache-2.0' });
    expect(judgeExpression('(BSD-3-Clause OR GPL-2.0)')).toMatchObject({ verdict: 'allowed', expression: 'BSD-3-Clause OR GPL-2.0-only' });
    expect(judgeExpression('(MIT OR EUPL-1.1+)')).toMatchObject({ verdict: 'allowed', expression: 'MIT OR EUPL-1.1+' });
    expect(judgeExpression('CC0-1.0 OR Acme-1.0').verdict).toBe('unknown');
    expect(judgeExpression('(CC0-1.0 OR WTFPL)').verdict).toBe('refused');
    expect(judgeExpression('mit or apache-2.0').verdict).toBe('allowed');
  });

  test('AND passes only when every part is allowed', () => {
    expect(judgeExpression('MIT AND BSD-3-Clause').verdict).toBe('allowed');
    expect(judgeExpression('MIT AND CC0-1.0').verdict).toBe('refused');
    expect(judgeExpression('MIT AND Acme-1.0').verdict).toBe('unknown');
    expect(judgeExpression('(MIT AND CC0-1.0) OR Apache-2.0').verdict).toBe('allowed');
    expect(judgeExpression('MIT AND (CC0-1.0 OR ISC)')).toMatchObject({ verdict: 'allowed', expression: 'MIT AND (CC0-1.0 OR ISC)' });
  });

  test('WITH an exception is judged on its base licence; malformed expressions are unknown', () => {
    expect(judgeExpression('GPL-2.0-only WITH Classpath-exception-2.0').verdict).toBe('allowed');
    expect(judgeExpression('(MIT OR').verdict).toBe('unknown');
    expect(judgeExpression('MIT OR OR ISC').verdict).toBe('unknown');
  });

  test('legacy free-text npm licences are read through the name table', () => {
    expect(judgeExpression('Apache 2.0')).toMatchObject({ verdict: 'allowed', expression: 'Apache-2.0' });
  });
});

describe('pom licence names', () => {
  test.each([
    ['The Apache Software License, Version 2.0', 'Apache-2.0'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['Apache License 2.0', 'Apache-2.0'],
    ['Eclipse Public License v2.0', 'EPL-2.0'],
    ['Eclipse Public License v. 2.0', 'EPL-2.0'],
    ['EPL 2.0', 'EPL-2.0'],
    ['Eclipse Public License - v 1.0', 'EPL-1.0'],
    ['EDL 1.0', 'BSD-3-Clause'],
    ['Eclipse Distribution License - v 1.0', 'BSD-3-Clause'],
    ['Modified BSD', 'BSD-3-Clause'],
    ['BSD 2-Clause', 'BSD-2-Clause'],
    ['BSD-2-Clause', 'BSD-2-Clause'],
    ['GPL2 w/ CPE', 'GPL-2.0-only WITH Classpath-exception-2.0'],
    ['GNU General Public License, version 2 with the GNU Classpath Exception', 'GPL-2.0-only WITH Classpath-exception-2.0'],
    ['The GNU General Public License (GPL), Version 2, With Classpath Exception', 'GPL-2.0-only WITH Classpath-exception-2.0'],
    ['GPL-2.0-with-classpath-exception', 'GPL-2.0-only WITH Classpath-exception-2.0'],
    ['LGPL 2.1', 'LGPL-2.1-only'],
    ['MPL 1.1', 'MPL-1.1'],
    ['The MIT License', 'MIT'],
    ['jQuery license', 'MIT'],
    ['Public Domain, per Creative Commons CC0', 'CC0-1.0'],
  ])('%s -> %s', (name, id) => {
    expect(mapLicenceName(name)).toBe(id);
  });

  test('an unversioned or vague name is not guessed; its url decides only when it names one text', () => {
    expect(mapLicenceName('BSD')).toBeNull();
    expect(mapLicenceName('Public Domain')).toBeNull();
    expect(mapLicenceName('GNU Lesser General Public License')).toBeNull();
    expect(mapLicenceName('GNU Lesser General Public License', 'http://www.gnu.org/licenses/old-licenses/lgpl-2.1.html')).toBe('LGPL-2.1-only');
    expect(mapLicenceName('Apache License, Version 2.0', 'https://opensource.org/licenses/MIT')).toBe('Apache-2.0');
  });

  test('dual-licensed artifacts pass on one allowed alternative', () => {
    const jakarta = [
      { name: 'EPL 2.0', url: 'http://www.eclipse.org/legal/epl-2.0' },
      { name: 'GPL2 w/ CPE', url: 'https://www.gnu.org/software/classpath/license.html' },
    ];
    expect(judgePomLicences(jakarta)).toMatchObject({ verdict: 'allowed', expression: 'EPL-2.0 OR (GPL-2.0-only WITH Classpath-exception-2.0)' });
    expect(judgePomLicences([{ name: 'Public Domain, per Creative Commons CC0', url: '' }, { name: 'BSD-2-Clause', url: '' }]).verdict).toBe('allowed');
    // An unmapped extra alternative does not matter when another one passes; it is shown verbatim.
    expect(judgePomLicences([{ name: 'EPL 2.0', url: '' }, { name: 'Public Domain', url: '' }])).toMatchObject({ verdict: 'allowed', expression: 'EPL-2.0 OR "Public Domain"?' });
  });

  test('a refused or unknown pom licence fails, naming the licence text', () => {
    expect(judgePomLicences([{ name: 'Public Domain, per Creative Commons CC0', url: '' }])).toMatchObject({ verdict: 'refused', expression: 'CC0-1.0' });
    expect(judgePomLicences([{ name: 'Acme Commercial License', url: 'https://acme.example/licence' }])).toMatchObject({
      verdict: 'unknown',
      why: 'licence name not in the mapping table: "Acme Commercial License"',
    });
    expect(judgePomLicences([])).toMatchObject({ verdict: 'unknown', why: 'no <licenses> in the pom or its parents' });
  });
});

describe('npm package licences', () => {
  test('license, the legacy license object and licenses array', () => {
    expect(declaredNpmLicence({ license: 'MIT' })).toBe('MIT');
    expect(declaredNpmLicence({ license: { type: 'ISC' } })).toBe('ISC');
    expect(declaredNpmLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('MIT OR Apache-2.0');
    expect(declaredNpmLicence({})).toBeNull();
  });

  test('a LICENSE file is read only by the exact MIT, ISC or Apache-2.0 grant', () => {
    const mit =
      'MIT License\n\nCopyright (c) 2010 Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal ...\n' +
      'The above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n';
    expect(licenceFromText(mit)).toBe('MIT');
    expect(licenceFromText('All rights reserved. Use only with written permission.')).toBeNull();
  });

  test('the production tree of a lockfile: dev entries out, uninstalled optional binaries from the lockfile, no-licence packages from LICENSE', () => {
    const root = tempDir();
    write(
      path.join(root, 'package-lock.json'),
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { a: '1', b: '1' } },
          'node_modules/a': { version: '1.0.0', license: 'MIT' },
          'node_modules/b': { version: '2.0.0' },
          'node_modules/b/node_modules/@x/c': { version: '3.0.0', license: 'CC0-1.0' },
          'node_modules/@esbuild/darwin-arm64': { version: '0.1.0', license: 'MIT', optional: true },
          'node_modules/devonly': { version: '1.0.0', license: 'WTFPL', dev: true },
        },
      }),
    );
    write(path.join(root, 'node_modules/a/package.json'), JSON.stringify({ name: 'a', version: '1.0.0', license: 'MIT' }));
    write(path.join(root, 'node_modules/b/package.json'), JSON.stringify({ name: 'b', version: '2.0.0' }));
    write(
      path.join(root, 'node_modules/b/LICENSE'),
      'Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted, provided that the above copyright notice and this permission notice appear in all copies.',
    );
    write(path.join(root, 'node_modules/b/node_modules/@x/c/package.json'), JSON.stringify({ name: '@x/c', version: '3.0.0', license: 'CC0-1.0' }));
    const rows = npmRows(root);
    expect(rows.map((r) => [r.name, r.version, r.expression, r.verdict])).toEqual([
      ['a', '1.0.0', 'MIT', 'allowed'],
      ['b', '2.0.0', 'ISC', 'allowed'],
      ['@x/c', '3.0.0', 'CC0-1.0', 'refused'],
      ['@esbuild/darwin-arm64', '0.1.0', 'MIT', 'allowed'],
    ]);
    expect(rows[3]!.from).toBe('package-lock.json (not installed here)');
    expect(failures(rows)).toEqual([expect.stringMatching(/^REFUSED\tnpm\t@x\/c@3\.0\.0\tnot on the OSI allow-list: CC0-1\.0/)]);
    expect(summary(rows)).toMatch(/4 dependencies \(4 npm production, 0 Maven .*; 1 refused, 0 unknown\.$/);
  });
});

describe('Maven dependencies', () => {
  test('dependency:list lines, with a classifier, a module name, colour codes and (optional)', () => {
    const text = [
      '',
      'The following files have been resolved:',
      '   org.operaton.bpm:operaton-engine:jar:1.0.3:compile:/r/org/operaton/bpm/operaton-engine/1.0.3/operaton-engine-1.0.3.jar -- module operaton.engine (auto)',
      '   org.camunda.feel:feel-engine:jar:scala-shaded:1.19.3:compile:/r/org/camunda/feel/feel-engine/1.19.3/feel-engine-1.19.3-scala-shaded.jar -- module feel.engine [auto]',
      '\u001b[0m   org.postgresql:postgresql:jar:42.7.9:runtime:/r/org/postgresql/postgresql/42.7.9/postgresql-42.7.9.jar (optional)',
    ].join('\n');
    expect(parseDependencyList(text)).toEqual([
      { groupId: 'org.operaton.bpm', artifactId: 'operaton-engine', classifier: '', version: '1.0.3', scope: 'compile', file: '/r/org/operaton/bpm/operaton-engine/1.0.3/operaton-engine-1.0.3.jar' },
      { groupId: 'org.camunda.feel', artifactId: 'feel-engine', classifier: 'scala-shaded', version: '1.19.3', scope: 'compile', file: '/r/org/camunda/feel/feel-engine/1.19.3/feel-engine-1.19.3-scala-shaded.jar' },
      { groupId: 'org.postgresql', artifactId: 'postgresql', classifier: '', version: '42.7.9', scope: 'runtime', file: '/r/org/postgresql/postgresql/42.7.9/postgresql-42.7.9.jar' },
    ]);
  });

  test('a pom without <licenses> takes its nearest parent\'s, with ${properties} filled', () => {
    const repo = tempDir();
    const pom = (body: string): string => `<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion>${body}</project>`;
    write(
      path.join(repo, 'org/acme/child/1.0/child-1.0.pom'),
      pom('<parent><groupId>org.acme</groupId><artifactId>parent</artifactId><version>2</version></parent><artifactId>child</artifactId><!-- <licenses><license><name>Nope</name></license></licenses> -->'),
    );
    write(
      path.join(repo, 'org/acme/parent/2/parent-2.pom'),
      pom('<groupId>org.acme</groupId><artifactId>parent</artifactId><version>2</version><properties><lic.name>EPL 2.0</lic.name></properties><licenses><license><name>${lic.name}</name><url>u1</url></license><license><name>GPL2 w/ CPE</name></license></licenses>'),
    );
    expect(parsePom(`<project><licenses><license><name><![CDATA[MIT]]></name></license></licenses></project>`).licences).toEqual([{ name: 'MIT', url: '' }]);
    const found = mavenLicences(repo, { groupId: 'org.acme', artifactId: 'child', classifier: '', version: '1.0', scope: 'compile', file: '' });
    expect(found).toEqual({ licences: [{ name: 'EPL 2.0', url: 'u1' }, { name: 'GPL2 w/ CPE', url: '' }], from: 'org.acme:parent:2 pom' });
    expect(judgePomLicences(found.licences).verdict).toBe('allowed');
    expect(() => mavenLicences(repo, { groupId: 'org.acme', artifactId: 'gone', classifier: '', version: '1', scope: 'compile', file: '' })).toThrow(/pom not in the local repository/);
  });
});
