import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { settings, where, withIds } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture, ruleTester } from '../../../support/rule-tester';

const fx = (rule: string, file: string): string => readFixture('rules', rule, file);

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
      'refNotFound {kind=ConfigMap, name=web-settings, namespace=shop, searchedFileNames=searched 2 files: deploy.yaml, secrets.yaml}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/env-ref-not-found/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('env-ref-not-found', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'refNotFound',
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
          messageId: 'refNotFound',
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
