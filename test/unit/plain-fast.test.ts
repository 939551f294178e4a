/**
 * `DocNav.plain` converts the plain subset of YAML itself (yaml/nodes.ts `plainFast`) and leaves everything else to
 * the parser's `toJS`: its answers must equal `toJS` on every node, on hand-picked edge cases (each of which must
 * also take the path it is meant to take) and on every node of every file of the public corpus.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Document } from 'yaml';
import { isNode, visit } from 'yaml';
import { DocNav } from '../../server/src/yaml/nodes';
import { parseYamlSegment } from '../../server/src/yaml/parse';
import { yamlFilesUnder } from '../support/yaml-files';

const ROOT = join(__dirname, '../../../..');

function toJsOf(doc: Document.Parsed, node: unknown): unknown {
  const nav = new DocNav(doc);
  const n = nav.deref(node);
  if (!n) return undefined;
  try {
    return n.toJS(doc, { maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

/** Every node of every document of `text`: `plain` against `toJS`. Returns how many nodes were compared. */
function compareAll(text: string, where: string): number {
  let compared = 0;
  for (const doc of parseYamlSegment(text).docs) {
    const nav = new DocNav(doc);
    const check = (node: unknown): void => {
      compared++;
      // deepStrictEqual: also the objects' prototypes, own property order aside
      assert.deepStrictEqual(
        nav.plain(node),
        toJsOf(doc, node),
        `${where}: the node at offset ${(node as { range?: number[] } | null)?.range?.[0]}`,
      );
      const value = nav.plain(node);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const expected = toJsOf(doc, node) as Record<string, unknown>;
        assert.deepEqual(Object.keys(value), Object.keys(expected), `${where}: key order`);
      }
    };
    check(doc.contents);
    visit(doc, {
      Map: (_k, n) => check(n),
      Seq: (_k, n) => check(n),
      Scalar: (_k, n) => check(n),
      Alias: (_k, n) => check(n),
      Pair: (_k, p) => {
        if (isNode(p.value)) check(p.value);
      },
    });
  }
  return compared;
}

const CASES: Record<string, string> = {
  plain: 'a: 1\nb: [x, 2, true, null, ~, 1.5]\nc: {d: e}\n',
  'empty values': 'a:\nb: {}\nc: []\nd: ""\ne: null\n',
  'duplicate keys, the last wins in the first place': 'a: 1\nb: 2\na: 3\n',
  'object-prototype names as keys': 'constructor: 1\ntoString: x\nhasOwnProperty: [1]\nvalueOf: {a: b}\n',
  'a __proto__ key': '__proto__: {polluted: true}\nx: 1\n',
  'integer-like keys after others': 'b: 1\n"2": two\n"1": one\na: 0\n',
  'numeric and boolean keys': '1: one\ntrue: yes\nnull: n\n1.5: x\n',
  'a collection as a key': '? [a, b]\n: v\n? {k: v}\n: w\n',
  'anchors and aliases': 'base: &b {cpu: 1, list: &l [1, 2]}\nuse: *b\nagain: *l\nscalar: &s x\nref: *s\n',
  'merge keys': 'base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  b: 3\nmany:\n  <<: [*b, {c: 4}]\n',
  'a quoted merge-key spelling': '"<<": {a: 1}\nx: y\n',
  tags: 'set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\nbin: !!binary aGVsbG8=\nstr: !!str 12\nint: !!int "7"\n',
  'special numbers': 'a: .inf\nb: -.inf\nc: .nan\nd: 0x1F\ne: 0o17\nf: -0\ng: 1e3\n',
  'deep nesting': `${Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} end\n`,
  'deep lists': `v: ${'['.repeat(70)}1${']'.repeat(70)}\n`,
  'block scalars and comments': 'a: |\n  line\n  two\nb: >-\n  folded\n  text\n# c\nc: x # trailing\n',
  'a kubernetes object': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, labels: {app: web}}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          ports: [{containerPort: 80, name: http}]',
    '          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: "1Gi"}}',
    '',
  ].join('\n'),
};

test('plain equals the parser conversion on edge cases', () => {
  for (const [name, text] of Object.entries(CASES)) assert.ok(compareAll(text, name) > 0, name);
});

test('the edge cases take both paths: the subset converted directly, the rest by toJS', () => {
  // A plain subset value is a new object each call either way; told apart by the parser's conversion being asked.
  const direct = (text: string): boolean => {
    const doc = parseYamlSegment(text).docs[0];
    const nav = new DocNav(doc);
    const contents = doc.contents!;
    const original = contents.toJS.bind(contents);
    let asked = false;
    contents.toJS = ((...args: Parameters<typeof original>) => {
      asked = true;
      return original(...args);
    }) as typeof contents.toJS;
    nav.plain(contents);
    return !asked;
  };
  for (const name of ['plain', 'duplicate keys, the last wins in the first place', 'a kubernetes object'])
    assert.equal(direct(CASES[name]), true, name);
  for (const name of ['a __proto__ key', 'numeric and boolean keys', 'anchors and aliases', 'merge keys', 'tags'])
    assert.equal(direct(CASES[name]), false, name);
});

test('plain equals the parser conversion on every node of the public corpus', () => {
  const files = yamlFilesUnder(join(ROOT, 'test/corpus'));
  assert.ok(files.length > 300);
  let nodes = 0;
  for (const f of files) nodes += compareAll(readFileSync(f, 'utf8'), f);
  assert.ok(nodes > 50_000, `${nodes} nodes`);
});
