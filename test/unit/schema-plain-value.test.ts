/**
 * The schema rules' conversion of YAML to what the API server decodes (schema/plain-value.ts) reads the plain subset
 * of YAML directly (`plainValueDirect`) and leaves the rest to the general conversion: where the direct one answers,
 * it must equal the general one, on hand-picked edge cases (each of which must also take the path it is meant to
 * take) and on every node of every file of the public corpus.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isNode, visit } from 'yaml';
import { plainValue, plainValueDirect, plainValueGeneral } from '../../server/src/schema/plain-value';
import { DocNav } from '../../server/src/yaml/nodes';
import { parseYamlSegment } from '../../server/src/yaml/parse';
import { yamlFilesUnder } from '../support/yaml-files';

const ROOT = join(__dirname, '../../../..');

/** Every node of every document of `text`, both ways. Returns how many nodes the direct conversion answered. */
function compareAll(text: string, where: string): number {
  let direct = 0;
  for (const doc of parseYamlSegment(text).docs) {
    const nav = new DocNav(doc);
    const check = (node: unknown): void => {
      const general = plainValueGeneral(nav, node);
      const fast = plainValueDirect(node);
      const at = `${where}: the node at offset ${(node as { range?: number[] } | null)?.range?.[0]}`;
      if (fast) {
        direct++;
        // deepStrictEqual: also the objects' prototypes; then the key order, which it leaves aside
        assert.deepStrictEqual(fast.value, general, at);
        assert.equal(JSON.stringify(fast.value), JSON.stringify(general), `${at}: key order`);
      }
      assert.deepStrictEqual(plainValue(nav, node), general, at);
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
  return direct;
}

const CASES: Record<string, string> = {
  plain: 'a: 1\nb: [x, 2, true, null, ~, 1.5]\nc: {d: e}\n',
  'null values left out, empty ones kept': 'a:\nb: {}\nc: []\nd: ""\ne: null\nf: ~\ng: [~, null]\n',
  'YAML 1.1 booleans': 'a: yes\nb: "yes"\nc: Off\nd: n\ne: on\nf: [y, NO, "no", yesterday, only]\n',
  'duplicate keys, a later null one ignored': 'a: 1\nb: 2\na: 3\nb:\n',
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
  'nesting past the general limit': `v: ${'['.repeat(120)}1${']'.repeat(120)}\n`,
  'block scalars and comments': 'a: |\n  line\n  two\nb: >-\n  folded\n  text\n# c\nc: x # trailing\n',
  'a kubernetes object': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, labels: {app: web}}',
    'spec:',
    '  template:',
    '    spec:',
    '      securityContext: {runAsNonRoot: yes}',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          ports: [{containerPort: 80, name: http}]',
    '          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: "1Gi"}}',
    '          env: [{name: A, value: no}, {name: B}]',
    '',
  ].join('\n'),
};

test('the direct schema conversion equals the general one on edge cases', () => {
  for (const [name, text] of Object.entries(CASES)) compareAll(text, name);
});

test('the edge cases take both paths: the plain subset converted directly, the rest by the general conversion', () => {
  const direct = (text: string): boolean => plainValueDirect(parseYamlSegment(text).docs[0].contents) !== undefined;
  for (const name of [
    'plain',
    'null values left out, empty ones kept',
    'YAML 1.1 booleans',
    'duplicate keys, a later null one ignored',
    'object-prototype names as keys',
    'a __proto__ key',
    'integer-like keys after others',
    'special numbers',
    'deep nesting',
    'block scalars and comments',
    'a kubernetes object',
  ])
    assert.equal(direct(CASES[name]), true, name);
  for (const name of [
    'numeric and boolean keys',
    'a collection as a key',
    'anchors and aliases',
    'merge keys',
    'a quoted merge-key spelling',
    'tags',
    'nesting past the general limit',
  ])
    assert.equal(direct(CASES[name]), false, name);
});

test('a tree of more nodes than the budget is not converted, either way', () => {
  const text = `items: [${Array.from({ length: 100_001 }, (_, i) => String(i)).join(', ')}]\n`;
  const doc = parseYamlSegment(text).docs[0];
  assert.equal(plainValueDirect(doc.contents), undefined);
  assert.equal(plainValue(new DocNav(doc), doc.contents), undefined);
  const small = parseYamlSegment('items: [1, 2]\n').docs[0];
  assert.deepEqual(plainValue(new DocNav(small), small.contents), { items: [1, 2] });
});

test('the direct schema conversion equals the general one on every node of the public corpus', () => {
  const files = yamlFilesUnder(join(ROOT, 'test/corpus'));
  assert.ok(files.length > 300);
  let direct = 0;
  for (const f of files) direct += compareAll(readFileSync(f, 'utf8'), f);
  assert.ok(direct > 50_000, `${direct} nodes converted directly`);
});
