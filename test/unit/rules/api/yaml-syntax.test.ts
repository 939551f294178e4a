import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'yaml-syntax';
const run = (text: string) => lint(text, [ID]);

test('the fixes remove a repeated duplicate and replace indentation tabs', () => {
  const text = readFixture(ID, 'fire');
  const ds = run(text);
  assert.match(applyFix(text, ds[0]), /labels:\n {4}app: web\nspec:/);
  assert.match(applyFix(text, ds[2]), /metadata:\n {2}name: tabbed\n/);
  const all = fixAllText(text, [ID]);
  assert.equal(run(all).length, 3);
});

test('removing a duplicate keeps the comment of its line', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: a # second\n';
  const [d] = run(text);
  assert.equal(where(d), '5:3-5:7');
  assert.equal(applyFix(text, d), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  # second\n');
});

test('semantic rules skip a broken document; other documents are still checked', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: [{name: c}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers: [{name: c}]\n';
  const ds = lint(text, [ID, 'cpu-request-missing']);
  assert.deepEqual(
    ds.map((d) => d.ruleId),
    ['yaml-syntax', 'cpu-request-missing'],
  );
  assert.equal(ds[1].range.start.line + 1, 12);
});

test('a duplicate key breaks no structure: the document is still checked, with the last value', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: a\nspec:\n  containers: [{name: c}]\n';
  const ds = lint(text, [ID, 'cpu-request-missing']);
  assert.deepEqual(
    ds.map((d) => `${d.ruleId} ${d.range.start.line + 1}`),
    ['yaml-syntax 5', 'cpu-request-missing 7'],
  );
});

test('an error in every profile; non-Kubernetes YAML and Helm templates are not checked', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: ['error'],
    recommended: ['error'],
    strict: ['error'],
  });
  assert.deepEqual(run('services:\n  a: 1\n  a: 2\n'), []);
  assert.deepEqual(run('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  name: x\n'), []);
});

// The fixtures as a table: test/fixtures/rules/yaml-syntax/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('yaml-syntax', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'duplicateKeySameValue',
          data: { key: 'app' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 8,
          severity: 'error',
          fix: 'Remove the duplicate "app"',
        },
        {
          messageId: 'duplicateKey',
          data: { key: 'image' },
          line: 12,
          column: 7,
          endLine: 12,
          endColumn: 12,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'parseError',
          data: { problem: 'Tabs are not allowed for indentation in YAML; use spaces.' },
          line: 'configmap+5',
          column: 1,
          endLine: 'configmap+5',
          endColumn: 2,
          severity: 'error',
          fix: 'Replace tabs with spaces',
        },
        {
          messageId: 'parseError',
          data: { problem: 'A flow map `{…}` is not closed with `}` (or continues at a smaller indentation).' },
          line: 'configmap-unclosed+5',
          column: 13,
          endLine: 'configmap-unclosed+5',
          endColumn: 14,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'undefinedAlias',
          data: { source: 'nowhere' },
          line: 'configmap-alias+6',
          column: 6,
          endLine: 'configmap-alias+6',
          endColumn: 14,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
