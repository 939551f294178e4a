import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { applyFix, fixAllText, settings, where, withIds } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture, ruleTester } from '../../../support/rule-tester';

const fx = (rule: string, file: string): string => readFixture('rules', rule, file);

describe('duplicate-env-var', () => {
  const RULE = ['duplicate-env-var'];
  test('reports the overridden entry and deletes it, keeping the runtime value', () => {
    const text = fx('duplicate-env-var', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['12:15-12:30']);
    assert.equal(
      said(ds[0]),
      'environmentVariableSetAgain {laterLine= (line 16 of this document), name=LOG_LEVEL, value=web}',
    );
    const fixed = applyFix(text, ds[0]);
    // the entry goes; its comment stays
    assert.equal(
      fixed,
      text.replace(
        '            - name: LOG_LEVEL # first value\n              value: debug\n',
        '            # first value\n',
      ),
    );
    assert.deepEqual(lint(fixed, RULE), []);
  });
});

describe('label-values-invalid', () => {
  const RULE = ['label-values-invalid'];
  test('flags bad keys, bad values and non-string values', () => {
    const text = fx('label-values-invalid', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), !!d.fix]),
      [
        ['6:14-6:17', true],
        ['7:5-7:10', false],
        ['8:23-8:34', false],
        ['13:17-13:21', true],
      ],
    );
    assert.equal(said(ds[0]), 'labelHasValueLabel {key=version, text=1.0, value=number, where=object}');
    const fixed = fixAllText(text, RULE);
    assert.match(fixed, /version: "1.0" # a number to YAML/);
    assert.match(fixed, /canary: "true"/);
    assert.equal(lint(fixed, RULE).length, 2);
  });
});

describe('default-namespace', () => {
  const RULE = ['default-namespace'];
  test('is off by default and on in strict', () => {
    const text = fx('default-namespace', 'fire.yaml');
    assert.deepEqual(lint(text, RULE), []);
    const ds = lint(text, RULE, { profile: 'strict' });
    assert.deepEqual(ds.map(where), ['3:1-3:9', '12:3-12:21']);
    assert.equal(
      applyFix(text, ds[0]),
      text.replace(
        '  name: settings # no namespace\n',
        '  name: settings # no namespace\n  namespace: app # TODO: the application’s namespace\n',
      ),
    );
    assert.match(applyFix(text, ds[1]), / {2}namespace: app # TODO: the application’s namespace\n$/);
  });
  test('namespaced objects with a namespace and cluster-scoped kinds pass', () =>
    assert.deepEqual(lint(fx('default-namespace', 'pass.yaml'), RULE, { profile: 'strict' }), []));
});

describe('env-ref-not-found', () => {
  const RULE = ['env-ref-not-found'];
  test('objects in the same text or optional references pass', () =>
    assert.deepEqual(lint(fx('env-ref-not-found', 'pass.yaml'), RULE), []));
  test('objects in another file of the workspace count', () => {
    const ws = new Workspace();
    ws.setFile('file:///w/deploy.yaml', fx('env-ref-not-found', 'fire.yaml'));
    ws.setFile(
      'file:///w/secrets.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: shop\n',
    );
    const rs = createRuleSet(settings(), new Set(RULE));
    const linted = withIds(() => ws.lint('file:///w/deploy.yaml', rs));
    const ds = linted.result.diagnostics.map(linted.found);
    assert.deepEqual(ds.map(where), ['18:17-18:35']);
    assert.equal(
      said(ds[0]),
      'definedNamespaceWorkspace {kind=ConfigMap, name=web-settings, namespace=shop, searchedFileNames=searched 2 files: deploy.yaml, secrets.yaml}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/duplicate-env-var/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('duplicate-env-var', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'environmentVariableSetAgain',
          data: { name: 'LOG_LEVEL', value: 'web', laterLine: ' (line 16 of this document)' },
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 30,
          severity: 'warning',
          fix: 'Delete this "LOG_LEVEL" entry',
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/env-ref-not-found/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('env-ref-not-found', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'definedNamespaceWorkspace',
          data: {
            kind: 'Secret',
            name: 'db-credentials',
            namespace: 'shop',
            searchedFileNames: 'searched 1 file: manifest.yaml',
          },
          line: 15,
          column: 32,
          endLine: 15,
          endColumn: 52,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'definedNamespaceWorkspace',
          data: {
            kind: 'ConfigMap',
            name: 'web-settings',
            namespace: 'shop',
            searchedFileNames: 'searched 1 file: manifest.yaml',
          },
          line: 18,
          column: 17,
          endLine: 18,
          endColumn: 35,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/label-values-invalid/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('label-values-invalid', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'labelHasValueLabel',
          data: { where: 'object', key: 'version', value: 'number', text: '1.0' },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 17,
          severity: 'error',
          fix: 'Quote the value: "1.0"',
        },
        {
          messageId: 'invalidLabelKey',
          data: {
            where: 'object',
            key: '-bad-',
            keyProblem:
              'the name part must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."',
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 10,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidLabelValue',
          data: {
            where: 'object',
            v: 'front end',
            valueProblem:
              'a label value must be empty or start and end with a letter or digit, with only letters, digits, "-", "_" and "." between',
          },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 34,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'labelHasValueLabel',
          data: { where: 'pod template', key: 'canary', value: 'boolean', text: 'true' },
          line: 13,
          column: 17,
          endLine: 13,
          endColumn: 21,
          severity: 'error',
          fix: 'Quote the value: "true"',
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/default-namespace/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('default-namespace', {
  valid: [{ code: fixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: fixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'setsNoNamespace',
          data: { objectKind: 'ConfigMap', value: 'settings' },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 9,
          severity: 'warning',
          fix: 'Set metadata.namespace',
        },
        {
          messageId: 'defaultNamespace',
          data: { objectKind: 'Service', value: 'web' },
          line: 'service-web+5',
          column: 3,
          endLine: 'service-web+5',
          endColumn: 21,
          severity: 'warning',
          fix: 'Set metadata.namespace',
        },
      ],
    },
  ],
});
