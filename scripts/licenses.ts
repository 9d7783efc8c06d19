import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../platform/config.js';

/**
 * `npm run licenses`: the licence gate. Lists the licence of every production npm package
 * (package-lock.json without the `dev` entries; optional platform binaries included) and of
 * every compile and runtime Maven dependency of engine/ (`mvn dependency:list`, each
 * artifact's pom `<licenses>` from the local repository, walking up to the parent poms when
 * a pom has none), and refuses any licence outside an allow-list of OSI-approved ones.
 *
 * Exit 0: every dependency passes. 1: some do not; they are listed by name with their licence.
 * 2: the list could not be made (Maven missing or failing, a pom unreadable), which says
 * nothing about the licences and so is not reported as a refusal.
 *
 * The table goes to stdout and, with the summary, to .cache/licenses/report.txt (git-ignored).
 * It downloads nothing itself; `mvn dependency:list` fetches from Maven Central only what the
 * engine build needs anyway (and maven-dependency-plugin on a cold ~/.m2).
 */

// ---------------------------------------------------------------------------------------------
// The allow-list. Only licences on the OSI's list of approved licences
// (opensource.org/licenses), by their SPDX id. A licence absent here fails the gate even when
// the OSI approved it: add it here, after reading it, rather than widening the matching.
// ---------------------------------------------------------------------------------------------
export const ALLOWED: ReadonlySet<string> = new Set([
  // Permissive.
  'MIT',
  'MIT-0', // MIT without the attribution condition; OSI-approved in 2020 (nodemailer, smtp-server).
  'ISC',
  '0BSD',
  'BSD-2-Clause',
  'BSD-3-Clause', // Also what the Eclipse Distribution License 1.0 is, see PATTERNS below.
  'Apache-1.1',
  'Apache-2.0',
  'BSL-1.0',
  'Zlib',
  'Python-2.0',
  'PostgreSQL',
  'UPL-1.0',
  'BlueOak-1.0.0',
  'Unlicense', // OSI-approved (2020): a public-domain dedication with a permissive fallback.
  'Artistic-2.0',
  'W3C',
  // Weak copyleft (file- or library-level).
  'MPL-1.1',
  'MPL-2.0',
  'EPL-1.0',
  'EPL-2.0',
  'CDDL-1.0',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'EUPL-1.1',
  'EUPL-1.2',
  // Strong copyleft. OSI-approved, so the gate lets them through: it asks "open source?", not
  // "compatible with how Doorzet is distributed?". GPL-2.0 WITH Classpath-exception-2.0 (the
  // JDK's licence, common as a second alternative of jakarta.* artifacts) passes on its base;
  // an exception only adds permissions. Take these out to make copyleft a deliberate decision.
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
]);

/**
 * Licences the gate knows and refuses, so that the report says "refused" (a decision) rather
 * than "unknown" (nobody has looked).
 * - CC0-1.0: a public-domain dedication that the OSI never approved (its review was withdrawn
 *   over the clause that keeps patent rights); refused, per the requirement.
 * - CC-BY-*: for content, not software; not OSI-approved.
 * - CDDL-1.1: not on the OSI list (1.0 is). The artifacts under it known to us are dual-licensed
 *   with GPL-2.0 WITH Classpath-exception-2.0 and pass on that alternative.
 * - WTFPL, SSPL-1.0, BUSL-1.1, Elastic-2.0, UNLICENSED (npm's word for proprietary): not open
 *   source in the OSI sense.
 */
export const KNOWN_REFUSED: ReadonlySet<string> = new Set([
  'CC0-1.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CDDL-1.1',
  'WTFPL',
  'SSPL-1.0',
  'BUSL-1.1',
  'Elastic-2.0',
  'UNLICENSED',
]);

/** Deprecated GNU ids (SPDX gave the GNU licences `-only`/`-or-later` ids instead of `+`). */
const DEPRECATED_IDS: Record<string, string> = {
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-2.0+': 'GPL-2.0-or-later',
  'GPL-3.0': 'GPL-3.0-only',
  'GPL-3.0+': 'GPL-3.0-or-later',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
  'LGPL-3.0': 'LGPL-3.0-only',
  'LGPL-3.0+': 'LGPL-3.0-or-later',
  'AGPL-3.0': 'AGPL-3.0-only',
  'AGPL-3.0+': 'AGPL-3.0-or-later',
};

/**
 * Free-text licence names (pom `<name>`, legacy npm fields) to SPDX ids. Matched on the name
 * lower-cased, with punctuation and the words "the", "license"/"licence", "version" dropped, so
 * "The Apache Software License, Version 2.0" and "Apache License 2.0" are one key. A name
 * matching none of these fails the gate as unknown, naming the artifact and its text; add it here
 * after reading what the artifact means, rather than guessing.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/^apache( software)? (v ?)?2(\.0)?$|^(asl|al) ?2(\.0)?$/, 'Apache-2.0'],
  [/^mit( x11)?$/, 'MIT'],
  // "Modified", "New" and "Revised" BSD are the 3-clause text. A bare "BSD" is not mapped: it
  // can be the 2-, 3- or (not OSI-approved) 4-clause licence.
  [/^(new|revised|modified) bsd$|^bsd (new|revised)$|^bsd 3 ?-?clause$|^3 ?-?clause bsd$/, 'BSD-3-Clause'],
  [/^(simplified |freebsd )?bsd 2 ?-?clause$|^2 ?-?clause bsd$|^simplified bsd$/, 'BSD-2-Clause'],
  [/^(eclipse public|epl) (v ?)?1(\.0)?$/, 'EPL-1.0'],
  [/^(eclipse public|epl) (v ?)?2(\.0)?$/, 'EPL-2.0'],
  // The Eclipse Distribution License 1.0 (jakarta.*, angus) is the BSD 3-Clause licence word for
  // word under another name; SPDX lists no id of its own for it and points to BSD-3-Clause.
  [/^(eclipse distribution|edl) (v ?)?1(\.0)?$/, 'BSD-3-Clause'],
  // GPL 2 with the Classpath exception, as the Jakarta and GlassFish poms write it: "GPL2 w/ CPE",
  // "GNU General Public License, version 2 with the GNU Classpath Exception", "The GNU General
  // Public License (GPL), Version 2, With Classpath Exception", "GPL-2.0-with-classpath-exception".
  [/^(gpl ?(v ?)?2(\.0)?|gnu general public( gpl)? (v ?)?2(\.0)?)( w\/ ?cpe| with( the)?( gnu)? classpath exception)$|^gpl-2\.0-with-classpath-exception$/, 'GPL-2.0-only WITH Classpath-exception-2.0'],
  [/^(gpl ?(v ?)?2(\.0)?|gnu general public( gpl)? (v ?)?2(\.0)?)$/, 'GPL-2.0-only'],
  // LGPL only with a version: "GNU Lesser General Public License" alone (logback's second
  // alternative) stays unmapped rather than guessed.
  [/^(gnu )?(lesser|library) general public( lgpl)? (v ?)?2\.1$|^(gnu )?lgpl ?(v ?)?2\.1$/, 'LGPL-2.1-only'],
  [/^(gnu )?lesser general public( lgpl)? (v ?)?3(\.0)?$|^(gnu )?lgpl ?(v ?)?3(\.0)?$/, 'LGPL-3.0-only'],
  [/^(cddl|common development and distribution)( (v ?)?1\.0)?$/, 'CDDL-1.0'],
  [/^(cddl|common development and distribution) (v ?)?1\.1$/, 'CDDL-1.1'],
  [/^(mozilla public|mpl) (v ?)?2(\.0)?$/, 'MPL-2.0'],
  [/^(mozilla public|mpl) (v ?)?1\.1$/, 'MPL-1.1'],
  [/^(boost software|bsl) (v ?)?1(\.0)?$/, 'BSL-1.0'],
  [/^postgresql$/, 'PostgreSQL'],
  [/^unlicense$/, 'Unlicense'],
  // The jQuery licence is MIT (jquery.org/license); the W3C Software Notice and License is the
  // OSI-approved W3C licence.
  [/^jquery$/, 'MIT'],
  [/^w3c( software notice and)?$/, 'W3C'],
  // Only CC0 named as such; a bare "Public Domain" is no licence and stays unmapped.
  [/^(public domain )?(per )?(creative commons )?(cc0|cc zero|zero)( 1\.0)?( universal)?$|^public domain per creative commons cc0$/, 'CC0-1.0'],
  [/^universal permissive (v ?)?1\.0$|^upl (v ?)?1\.0$/, 'UPL-1.0'],
];

/** Licence URLs in poms, for the artifacts whose `<name>` says nothing on its own. */
const URL_PATTERNS: Array<[RegExp, string]> = [
  [/apache\.org\/licenses\/license-2\.0/, 'Apache-2.0'],
  [/opensource\.org\/licenses\/mit/, 'MIT'],
  [/opensource\.org\/licenses\/bsd-3-clause/, 'BSD-3-Clause'],
  [/opensource\.org\/licenses\/bsd-2-clause/, 'BSD-2-Clause'],
  [/eclipse\.org\/legal\/epl-2\.0|eclipse\.org\/legal\/epl-v20/, 'EPL-2.0'],
  [/eclipse\.org\/legal\/epl-v10/, 'EPL-1.0'],
  [/eclipse\.org\/org\/documents\/edl-v10/, 'BSD-3-Clause'],
  [/gnu\.org\/licenses\/old-licenses\/lgpl-2\.1/, 'LGPL-2.1-only'],
  [/mozilla\.org\/mpl\/2\.0/, 'MPL-2.0'],
  [/creativecommons\.org\/publicdomain\/zero\/1\.0/, 'CC0-1.0'],
];

const CANONICAL = new Map<string, string>(
  [...ALLOWED, ...KNOWN_REFUSED, 'Classpath-exception-2.0'].map((id) => [id.toLowerCase(), id]),
);

/** Lower case; punctuation, " - ", "v." and the words "the", "licence", "version" dropped. */
export function simplifyName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[(),"';:]/g, ' ')
    .replace(/\s-\s/g, ' ')
    .replace(/\bv\.\s*/g, 'v ')
    .replace(/\b(the|licen[cs]e[sd]?|version)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A free-text licence name (and url) to an SPDX expression, or null when it is not known.
 * The name decides: an SPDX id or expression as such, else PATTERNS. Only a name that maps to
 * nothing (or is empty) is looked up by its url, which points at one exact licence text (logback's
 * "GNU Lesser General Public License" links the LGPL 2.1).
 */
export function mapLicenceName(name: string, url = ''): string | null {
  const trimmed = name.trim();
  const asId = CANONICAL.get(trimmed.toLowerCase()) ?? DEPRECATED_IDS[trimmed];
  if (asId) return asId;
  const asExpression = trimmed ? parse(trimmed) : null;
  if (asExpression && leaves(asExpression).every((l) => leafVerdict(l).verdict !== 'unknown')) return render(asExpression);
  const key = simplifyName(trimmed);
  for (const [re, id] of PATTERNS) if (re.test(key)) return id;
  const u = url.trim().toLowerCase();
  for (const [re, id] of URL_PATTERNS) if (u && re.test(u)) return id;
  return null;
}

// ---------------------------------------------------------------------------------------------
// SPDX expressions: `MIT`, `(MIT OR Apache-2.0)`, `BSD-3-Clause AND MIT`, `X WITH exception`.
// ---------------------------------------------------------------------------------------------
export type Verdict = 'allowed' | 'refused' | 'unknown';
type Node = { op: 'OR' | 'AND'; args: Node[] } | { op: 'ID'; id: string; exception?: string };

function tokenize(expr: string): string[] {
  return expr.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/).filter(Boolean);
}

function parse(expr: string): Node | null {
  const tokens = tokenize(expr);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const upper = (t: string | undefined): string | undefined => t?.toUpperCase();
  function orExpr(): Node | null {
    const args = [andExpr()];
    while (upper(peek()) === 'OR') {
      i++;
      args.push(andExpr());
    }
    if (args.some((a) => a === null)) return null;
    return args.length === 1 ? args[0]! : { op: 'OR', args: args as Node[] };
  }
  function andExpr(): Node | null {
    const args = [atom()];
    while (upper(peek()) === 'AND') {
      i++;
      args.push(atom());
    }
    if (args.some((a) => a === null)) return null;
    return args.length === 1 ? args[0]! : { op: 'AND', args: args as Node[] };
  }
  function atom(): Node | null {
    const t = tokens[i++];
    if (t === undefined || t === ')' || ['AND', 'OR', 'WITH'].includes(t.toUpperCase())) return null;
    if (t === '(') {
      const inner = orExpr();
      if (tokens[i++] !== ')') return null;
      return inner;
    }
    if (upper(peek()) === 'WITH') {
      i++;
      const exception = tokens[i++];
      if (exception === undefined || exception === '(' || exception === ')') return null;
      return { op: 'ID', id: t, exception };
    }
    return { op: 'ID', id: t };
  }
  const node = orExpr();
  return node && i === tokens.length ? node : null;
}

export type Judgement = { verdict: Verdict; expression: string; why: string };

function leafVerdict(id: string): { verdict: Verdict; id: string } {
  // `X+` ("X or any later version") passes when X does: the named version is one of the choices.
  const canonical = CANONICAL.get(id.toLowerCase()) ?? DEPRECATED_IDS[id] ?? (id.endsWith('+') ? CANONICAL.get(id.slice(0, -1).toLowerCase()) : undefined);
  if (!canonical) return { verdict: 'unknown', id };
  return { verdict: ALLOWED.has(canonical) ? 'allowed' : 'refused', id: canonical };
}

function leaves(node: Node): string[] {
  return node.op === 'ID' ? [node.id] : node.args.flatMap(leaves);
}

function evaluate(node: Node): Verdict {
  if (node.op === 'ID') return leafVerdict(node.id).verdict;
  const verdicts = node.args.map(evaluate);
  if (node.op === 'OR') {
    // One allowed alternative is enough; otherwise "unknown" while any alternative is unread.
    if (verdicts.includes('allowed')) return 'allowed';
    return verdicts.includes('unknown') ? 'unknown' : 'refused';
  }
  // AND: every part must be allowed; one refused part refuses the whole.
  if (verdicts.includes('refused')) return 'refused';
  return verdicts.includes('unknown') ? 'unknown' : 'allowed';
}

function render(node: Node, top = true): string {
  if (node.op === 'ID') {
    const leaf = leafVerdict(node.id);
    const plus = node.id.endsWith('+') && !(node.id in DEPRECATED_IDS) ? '+' : '';
    const id = leaf.verdict === 'unknown' ? node.id : `${leaf.id}${plus}`;
    return node.exception ? `${id} WITH ${node.exception}` : id;
  }
  const s = node.args.map((a) => render(a, false)).join(` ${node.op} `);
  return top ? s : `(${s})`;
}

/**
 * Judges one SPDX expression. Ids are matched case-insensitively against the allow-list and
 * the known-refused list; a leaf that is no SPDX id is tried as a free-text name (npm's legacy
 * "Apache 2.0", "BSD"); an expression that does not parse is unknown.
 */
export function judgeExpression(expr: string): Judgement {
  const text = expr.trim();
  if (text === '') return { verdict: 'unknown', expression: '', why: 'no licence declared' };
  let node = parse(text);
  if (node === null || (node.op === 'ID' && leafVerdict(node.id).verdict === 'unknown')) {
    // Not an SPDX expression (or one unknown word): try the whole text as a licence name.
    const mapped = mapLicenceName(text);
    if (mapped === null) return { verdict: 'unknown', expression: text, why: `not a known licence: "${text}"` };
    node = parse(mapped);
    if (node === null) return { verdict: 'unknown', expression: text, why: `not a known licence: "${text}"` };
  }
  const verdict = evaluate(node);
  const expression = render(node);
  const why =
    verdict === 'allowed' ? 'allowed' : verdict === 'refused' ? `not on the OSI allow-list: ${expression}` : `not a known licence: ${expression}`;
  return { verdict, expression, why };
}

/**
 * The `<license>` entries of one pom. Several are alternatives (Maven's rule: "the user can
 * select any of them"), so one allowed entry is enough, as for `EPL 2.0` + `GPL2 w/ CPE`. A name
 * the mapping table does not know is shown verbatim and decides only when no other entry passes.
 */
export function judgePomLicences(licences: ReadonlyArray<{ name: string; url: string }>): Judgement {
  if (licences.length === 0) return { verdict: 'unknown', expression: '', why: 'no <licenses> in the pom or its parents' };
  const parts: Array<{ text: string; j: Judgement | null }> = [];
  for (const l of licences) {
    const text = l.name || l.url;
    const id = mapLicenceName(l.name, l.url);
    const j = id === null ? null : judgeExpression(id);
    if (!parts.some((p) => (j ? p.j?.expression === j.expression : p.text === text))) parts.push({ text, j });
  }
  const expression = parts.map((p) => (p.j ? (parts.length > 1 && p.j.expression.includes(' ') ? `(${p.j.expression})` : p.j.expression) : `"${p.text}"?`)).join(' OR ');
  if (parts.some((p) => p.j?.verdict === 'allowed')) return { verdict: 'allowed', expression, why: 'allowed' };
  const unmapped = parts.filter((p) => p.j === null || p.j.verdict === 'unknown');
  if (unmapped.length > 0) {
    return { verdict: 'unknown', expression, why: `licence name not in the mapping table: ${unmapped.map((p) => `"${p.text}"`).join(', ')}` };
  }
  return { verdict: 'refused', expression, why: `not on the OSI allow-list: ${expression}` };
}

// ---------------------------------------------------------------------------------------------
// npm: package-lock.json and node_modules.
// ---------------------------------------------------------------------------------------------
type LockEntry = { version?: string; license?: string; dev?: boolean; link?: boolean; name?: string };
type PackageJson = {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: string | Array<{ type?: string } | string> | { type?: string };
};

export type Row = { source: 'npm' | 'maven'; name: string; version: string; declared: string; from: string } & Judgement;

/** The licence a package.json declares, as an SPDX expression; legacy `licenses` arrays are alternatives. */
export function declaredNpmLicence(pkg: PackageJson): string | null {
  const one = (l: unknown): string | null =>
    typeof l === 'string' ? l : l && typeof l === 'object' && typeof (l as { type?: unknown }).type === 'string' ? (l as { type: string }).type : null;
  if (pkg.license !== undefined) return one(pkg.license);
  if (pkg.licenses !== undefined) {
    const list = (Array.isArray(pkg.licenses) ? pkg.licenses : [pkg.licenses]).map(one).filter((x): x is string => x !== null);
    if (list.length === 0) return null;
    return list.length === 1 ? list[0]! : list.map((l) => (l.includes(' ') ? `(${l})` : l)).join(' OR ');
  }
  return null;
}

/**
 * For a package whose package.json declares nothing: the licence its LICENSE file states,
 * recognised only by the exact grant sentences of MIT, ISC and Apache-2.0, never by a guess.
 */
export function licenceFromText(text: string): string | null {
  const t = text.toLowerCase().replace(/[“”"]/g, '"').replace(/\s+/g, ' ');
  if (
    t.includes('permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files') &&
    t.includes('the above copyright notice and this permission notice shall be included in all copies or substantial portions of the software')
  )
    return 'MIT';
  if (
    t.includes('permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted, provided that the above copyright notice and this permission notice appear in all copies')
  )
    return 'ISC';
  if (t.includes('apache license version 2.0, january 2004')) return 'Apache-2.0';
  return null;
}

function licenceFileOf(dir: string): string | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const file = names.find((n) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(n));
  return file ? readFileSync(path.join(dir, file), 'utf8') : null;
}

export function npmRows(root: string): Row[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, LockEntry> };
  if (!lock.packages) throw new Error('package-lock.json has no "packages" (lockfile version 1?); run npm install with npm 7 or newer');
  // Without an install only the lockfile's copies of the licences are there, and none for the
  // packages that declare theirs in a LICENSE file only.
  if (!existsSync(path.join(root, 'node_modules'))) throw new Error('node_modules is missing: run npm ci (or bash scripts/setup.sh) first');
  const rows = new Map<string, Row>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev === true || entry.link === true) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const dir = path.join(root, key);
    let pkg: PackageJson | null = null;
    try {
      pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    } catch {
      pkg = null;
    }
    const version = pkg?.version ?? entry.version ?? '?';
    const id = `${name}@${version}`;
    if (rows.has(id)) continue;
    let declared: string | null;
    let from: string;
    if (pkg) {
      declared = declaredNpmLicence(pkg);
      from = `${key}/package.json`;
      if (declared === null) {
        const text = licenceFileOf(dir);
        declared = text === null ? null : licenceFromText(text);
        from = text === null ? `${key}: no licence in package.json, no LICENSE file` : `${key}/LICENSE (package.json declares none)`;
      }
    } else {
      // An optional platform binary for another system is not installed: the lockfile has the
      // licence npm read from the registry.
      declared = entry.license ?? null;
      from = 'package-lock.json (not installed here)';
    }
    rows.set(id, { source: 'npm', name, version, declared: declared ?? '', from, ...judgeExpression(declared ?? '') });
  }
  return [...rows.values()];
}

// ---------------------------------------------------------------------------------------------
// Maven: dependency:list and the poms in the local repository.
// ---------------------------------------------------------------------------------------------
export type Artifact = { groupId: string; artifactId: string; classifier: string; version: string; scope: string; file: string };

/** Parses `mvn dependency:list -DoutputAbsoluteArtifactFilename=true` output. */
export function parseDependencyList(text: string): Artifact[] {
  const out: Artifact[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\u001b\[[0-9;]*m/g, '').replace(/ -- module .*$/, '').replace(/ \(optional\)\s*$/, '').trim();
    const m = /^([\w.-]+):([\w.-]+):([\w.-]+)(?::([\w.-]+))?:([\w.+-]+):(compile|runtime|provided|system|test)(?::(.*))?$/.exec(line);
    if (!m) continue;
    out.push({ groupId: m[1]!, artifactId: m[2]!, classifier: m[4] ?? '', version: m[5]!, scope: m[6]!, file: m[7] ?? '' });
  }
  return out;
}

type Pom = { parent: { groupId: string; artifactId: string; version: string } | null; licences: Array<{ name: string; url: string }>; properties: Record<string, string> };

function tag(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>\\s*([\\s\\S]*?)\\s*</${name}>`).exec(xml);
  return m ? m[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim() : null;
}

/** The parts of a pom the gate reads: its parent, its `<licenses>` and its `<properties>`. */
export function parsePom(xml: string): Pom {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const parentXml = tag(body, 'parent');
  const parent = parentXml
    ? { groupId: tag(parentXml, 'groupId') ?? '', artifactId: tag(parentXml, 'artifactId') ?? '', version: tag(parentXml, 'version') ?? '' }
    : null;
  const licencesXml = tag(body, 'licenses');
  const licences = licencesXml
    ? [...licencesXml.matchAll(/<license>([\s\S]*?)<\/license>/g)].map((m) => ({ name: tag(m[1]!, 'name') ?? '', url: tag(m[1]!, 'url') ?? '' }))
    : [];
  const properties: Record<string, string> = {};
  const propsXml = tag(body, 'properties');
  if (propsXml) for (const m of propsXml.matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) properties[m[1]!] = m[2]!.trim();
  return { parent, licences, properties };
}

function pomPath(repo: string, g: string, a: string, v: string): string {
  return path.join(repo, ...g.split('.'), a, v, `${a}-${v}.pom`);
}

/**
 * The licences that apply to an artifact: its pom's `<licenses>`, else the nearest parent's
 * (Maven inherits the element whole). `${...}` in a name is filled from the poms' properties.
 */
export function mavenLicences(repo: string, a: Artifact): { licences: Array<{ name: string; url: string }>; from: string } {
  let coords = { groupId: a.groupId, artifactId: a.artifactId, version: a.version };
  const props: Record<string, string> = {};
  const seen = new Set<string>();
  for (;;) {
    const file = pomPath(repo, coords.groupId, coords.artifactId, coords.version);
    const key = `${coords.groupId}:${coords.artifactId}:${coords.version}`;
    if (seen.has(key)) throw new Error(`parent cycle at ${key}`);
    seen.add(key);
    if (!existsSync(file)) throw new Error(`pom not in the local repository: ${file}`);
    const pom = parsePom(readFileSync(file, 'utf8'));
    for (const [k, v] of Object.entries(pom.properties)) if (!(k in props)) props[k] = v;
    if (pom.licences.length > 0) {
      const fill = (s: string): string => s.replace(/\$\{([\w.-]+)\}/g, (all, k: string) => props[k] ?? all);
      return { licences: pom.licences.map((l) => ({ name: fill(l.name), url: fill(l.url) })), from: `${key} pom` };
    }
    if (!pom.parent) return { licences: [], from: `${a.groupId}:${a.artifactId}:${a.version} pom and parents` };
    coords = pom.parent;
  }
}

export class MavenUnavailable extends Error {}

export function listMavenArtifacts(root: string, outFile: string, mvn: string): Promise<Artifact[]> {
  const args = [
    '-f', path.join(root, 'engine', 'pom.xml'),
    '-q', '-B', '-Dstyle.color=never',
    'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list',
    // compile + runtime: what the engine jar ships and runs with.
    '-DincludeScope=runtime',
    '-DoutputAbsoluteArtifactFilename=true',
    `-DoutputFile=${outFile}`,
    '-DappendOutput=false',
  ];
  return new Promise((resolve, reject) => {
    execFile(mvn, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new MavenUnavailable(`Maven ("${mvn}") is not installed or not on PATH. Install it (e.g. apt-get install -y maven, or bash scripts/setup.sh) or set MAVEN_CMD.`));
        return;
      }
      if (error) {
        const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-20).join('\n');
        reject(new MavenUnavailable(`mvn dependency:list failed (exit ${String(error.code)}):\n${tail}`));
        return;
      }
      resolve(parseDependencyList(readFileSync(outFile, 'utf8')));
    });
  });
}

/** The local repository root, from an artifact's absolute file path (…/repo/g/r/p/a/v/file). */
function repoOf(a: Artifact): string {
  const depth = a.groupId.split('.').length + 3;
  let dir = a.file;
  for (let i = 0; i < depth; i++) dir = path.dirname(dir);
  return dir;
}

export function mavenRows(artifacts: Artifact[]): Row[] {
  return artifacts.map((a) => {
    const name = `${a.groupId}:${a.artifactId}${a.classifier ? `:${a.classifier}` : ''}`;
    const { licences, from } = mavenLicences(repoOf(a), a);
    const declared = licences.map((l) => l.name || l.url).join(' | ');
    return { source: 'maven', name, version: a.version, declared, from, ...judgePomLicences(licences) };
  });
}

// ---------------------------------------------------------------------------------------------
// The report.
// ---------------------------------------------------------------------------------------------
/** The table; with `withFrom`, a last column saying where each licence was read (for the report file). */
export function table(rows: Row[], withFrom = false): string {
  const head = ['SOURCE', 'PACKAGE', 'VERSION', 'VERDICT', 'LICENCE', ...(withFrom ? ['READ FROM'] : [])];
  const cells = rows.map((r) => [
    r.source,
    r.name,
    r.version,
    r.verdict === 'allowed' ? 'ok' : r.verdict.toUpperCase(),
    r.expression || '(none)',
    ...(withFrom ? [r.from] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [head, ...cells].map((c) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** How many dependencies carry each licence expression, most frequent first. */
export function tally(rows: Row[]): Array<[string, number]> {
  const byLicence = new Map<string, number>();
  for (const r of rows) byLicence.set(r.expression || '(none)', (byLicence.get(r.expression || '(none)') ?? 0) + 1);
  return [...byLicence.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function summary(rows: Row[]): string {
  const count = (s: 'npm' | 'maven'): number => rows.filter((r) => r.source === s).length;
  const ids = new Set(rows.flatMap((r) => r.expression.match(/[A-Za-z0-9.-]+(?:-exception-[\d.]+)?/g) ?? []).filter((t) => !['OR', 'AND', 'WITH'].includes(t) && CANONICAL.has(t.toLowerCase())));
  const refused = rows.filter((r) => r.verdict === 'refused').length;
  const unknown = rows.filter((r) => r.verdict === 'unknown').length;
  return (
    `licences: ${rows.length} dependencies (${count('npm')} npm production, ${count('maven')} Maven engine/ compile+runtime), ` +
    `${tally(rows).length} licence expressions over ${ids.size} SPDX ids; ` +
    (refused + unknown === 0 ? 'all allowed.' : `${refused} refused, ${unknown} unknown.`)
  );
}

export function failures(rows: Row[]): string[] {
  return rows
    .filter((r) => r.verdict !== 'allowed')
    .map((r) => `${r.verdict.toUpperCase()}\t${r.source}\t${r.name}@${r.version}\t${r.why}${r.declared && r.declared !== r.expression ? ` (declared: "${r.declared}")` : ''}\t[${r.from}]`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.join(root, '.cache', 'licenses');
  mkdirSync(outDir, { recursive: true });
  let rows: Row[];
  try {
    const npm = npmRows(root);
    const maven = mavenRows(await listMavenArtifacts(root, path.join(outDir, 'maven-dependencies.txt'), loadConfig().MAVEN_CMD));
    rows = [...npm, ...maven];
  } catch (error) {
    process.stderr.write(`licences: could not list the dependencies, so nothing is known about their licences.\n${(error as Error).message}\n`);
    return 2;
  }
  const bad = failures(rows);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const licences = tally(rows).map(([l, n]) => `${String(n).padStart(5)}  ${l}`).join('\n');
  const text =
    `${table(rows, true)}\n\nLicences:\n${licences}\n\n${summary(rows)}\n` +
    (bad.length ? `\nNot allowed (refused: a licence outside the OSI allow-list; unknown: not read or not in the mapping table of scripts/licenses.ts):\n${bad.join('\n')}\n` : '') +
    `\n(${seconds} s, ${new Date().toISOString()})\n`;
  writeFileSync(path.join(outDir, 'report.txt'), text);
  process.stdout.write(`${table(rows)}\n\nLicences:\n${licences}\n\n${summary(rows)}\n`);
  if (bad.length) {
    process.stderr.write(`\nlicences: ${bad.length} ${bad.length === 1 ? 'dependency is' : 'dependencies are'} not under an allowed licence:\n${bad.join('\n')}\n`);
  }
  process.stdout.write(`Report: ${path.relative(root, path.join(outDir, 'report.txt'))} (${seconds} s)\n`);
  return bad.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
