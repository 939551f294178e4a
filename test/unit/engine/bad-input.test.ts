/**
 * Bad input gets an answer, never a crash: for each nasty text, linting with every rule returns without throwing,
 * no rule fails, every diagnostic and fix range lies inside the document, and every fix applies.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRuleSet } from '../../../server/src/composition';
import type { LintDiagnostic, Range } from '../../../server/src/engine';
import { applyEdits, DocumentLinter, fixAll } from '../../../server/src/engine';
import { bigManifest } from '../../support/generate';
import { settings } from '../../support/lint';

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n';

function binary(n: number): string {
  let s = '';
  let x = 7;
  for (let i = 0; i < n; i++) s += String.fromCharCode((x = (x * 31 + 17) % 256));
  return s;
}

const CASES: Array<[string, string]> = [
  ['empty file', ''],
  ['only whitespace and comments', '\n\n# nothing\n   \n'],
  ['only separators', '---\n---\n...\n---\n'],
  ['binary data', binary(4000)],
  [
    'invalid UTF-8 decoded with replacement characters',
    new TextDecoder().decode(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a])),
  ],
  ['NUL bytes', 'apiVersion: v1\nkind: Pod\u0000\nspec: {}\n'],
  [
    'deep nesting (block)',
    'apiVersion: v1\nkind: ConfigMap\ndata:\n' +
      Array.from({ length: 300 }, (_, i) => ' '.repeat(2 * (i + 1)) + `k${i}:`).join('\n') +
      ' 1\n',
  ],
  ['deep nesting (flow)', 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n'],
  [
    'alias bomb',
    'apiVersion: v1\nkind: ConfigMap\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nspec: *f\n',
  ],
  ['alias cycle attempt', 'apiVersion: v1\nkind: Pod\nspec: &s\n  containers: *s\n'],
  ['tabs for indentation', 'apiVersion: v1\nkind: Pod\nspec:\n\tcontainers:\n\t\t- name: c\n'],
  ['CRLF line endings', POD.replace(/\n/g, '\r\n')],
  ['lone CR line endings', POD.replace(/\n/g, '\r')],
  ['BOM', '\uFEFF' + POD],
  [
    'Helm template',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\nspec:\n  {{- if .Values.replicas }}\n  replicas: {{ .Values.replicas }}\n  {{- end }}\n',
  ],
  [
    'JSON manifest',
    JSON.stringify(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      null,
      2,
    ),
  ],
  [
    'wrong types everywhere',
    'apiVersion: v1\nkind: Pod\nmetadata: 5\nspec:\n  containers: "no"\n  initContainers: [1, null, [2], {resources: 3}]\n---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template: []\n---\napiVersion: [v1]\nkind: {a: b}\n',
  ],
  [
    'null values everywhere',
    'apiVersion: v1\nkind: Pod\nmetadata:\nspec:\n  containers:\n    -\n    - name:\n      resources:\n        requests:\n        limits:\n          cpu:\n',
  ],
  [
    'keys that are not strings',
    'apiVersion: v1\nkind: Pod\n? [a, b]\n: 1\n1: 2\nnull: 3\nspec:\n  containers:\n    - ? {x: 1}\n      : y\n',
  ],
  ['unclosed quote and bracket', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "broken\nspec: [\n'],
  ['duplicate keys', POD + 'kind: Pod\n'],
  ['huge single line', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: ' + 'x'.repeat(200_000) + '\n'],
  ['directive and document end markers', '%YAML 1.2\n---\n' + POD + '...\n---\n' + POD],
  [
    'every quantity form, valid and not',
    POD.replace(
      'image: nginx',
      'image: nginx\n      resources:\n        requests: {cpu: 1.5.0, memory: 1e999999}\n        limits: {cpu: -1, memory: .5Gi}',
    ),
  ],
];

function assertInside(lines: string[], r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(
      p.line >= 0 && p.line < Math.max(lines.length, 1),
      `${what}: line ${p.line} outside 0..${lines.length - 1}`,
    );
    assert.ok(
      p.character >= 0 && p.character <= (lines[p.line] ?? '').length + 1,
      `${what}: character ${p.character} outside line ${p.line}`,
    );
  }
  assert.ok(
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
    `${what}: inverted range`,
  );
}

describe('bad input', () => {
  const ruleSet = createRuleSet(settings({ profile: 'strict' }));
  for (const [name, text] of CASES) {
    test(name, () => {
      const res = new DocumentLinter().lintText(text, ruleSet);
      const lines = text.split(/\r\n|\n|\r/);
      assert.deepEqual(res.failures, [], 'no rule may throw');
      for (const d of res.diagnostics as LintDiagnostic[]) {
        assertInside(lines, d.range, `${d.ruleId} range`);
        for (const fix of [d.fix, ...(d.suggestions ?? [])]) {
          if (!fix) continue;
          for (const e of fix.edits) assertInside(lines, e.range, `${d.ruleId} fix range`);
          assert.equal(typeof applyEdits(text, fix.edits), 'string');
        }
      }
      assert.equal(typeof fixAll(text, ruleSet).text, 'string');
    });
  }

  test('a 50,000-line file', () => {
    const text = bigManifest(50_000);
    const res = new DocumentLinter().lintText(text, ruleSet);
    assert.deepEqual(res.failures, []);
    assert.ok(res.diagnostics.length > 0);
    const lines = text.split('\n');
    for (const d of res.diagnostics) assertInside(lines, d.range, d.ruleId);
  });
});
