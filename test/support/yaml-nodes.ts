/**
 * For the tests of conversions from YAML nodes to plain data (yaml/nodes.ts `DocNav.plain`, schema/plain-value.ts):
 * every node of a text, and YAML texts at the edges of the plain subset those conversions read directly.
 */
import type { Document } from 'yaml';
import { isNode, visit } from 'yaml';
import { parseYamlSegment } from '../../server/src/yaml/parse';

/** Calls `check` on every node of every document of `text`: each root, map, list, scalar and alias, each pair's value. */
export function forEveryNode(text: string, check: (doc: Document.Parsed, node: unknown) => void): void {
  for (const doc of parseYamlSegment(text).docs) {
    check(doc, doc.contents);
    visit(doc, {
      Map: (_k, n) => check(doc, n),
      Seq: (_k, n) => check(doc, n),
      Scalar: (_k, n) => check(doc, n),
      Alias: (_k, n) => check(doc, n),
      Pair: (_k, p) => {
        if (isNode(p.value)) check(doc, p.value);
      },
    });
  }
}

/** The position of a node in messages. */
export function at(where: string, node: unknown): string {
  return `${where}: the node at offset ${(node as { range?: number[] } | null)?.range?.[0]}`;
}

/** Texts at the edges of the plain subset: odd keys, aliases, merge keys, tags, numbers, nesting, a manifest. */
export const EDGE_CASES: Readonly<Record<string, string>> = {
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
