import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { applyFix, settings, where, withIds } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('service-account-not-found', () => {
  const RULE = ['service-account-not-found'];
  const text = fixture('service-account-not-found', 'fire.yaml');

  test('fires on the name, says which files were searched, and appends a ServiceAccount', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:27-10:37']);
    assert.equal(ds[0].severity, 'info');
    assert.equal(
      said(ds[0]),
      'serviceAccountNotFoundInNamespace {files=manifest.yaml, namespace=shop, saName=web-runner}',
    );
    const fixed = applyFix(text, ds[0]);
    assert.equal(
      fixed,
      text.replace(
        '          image: nginx:1.27\n',
        '          image: nginx:1.27\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web-runner\n  namespace: shop\n',
      ),
    );
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('a workload without a namespace accepts the ServiceAccount from whatever namespace it lands in', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: runner\n  containers:\n    - {name: c, image: "nginx:1.27"}\n';
    const sa = '---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n  namespace: team-a\n';
    assert.deepEqual(lint(pod + sa, RULE), []);
    const [d] = lint(pod, RULE);
    assert.equal(said(d), 'serviceAccountNotFound {files=manifest.yaml, saName=runner}');
  });

  test('defined beside the pod, `default`, or in another file of the workspace: passes', () => {
    assert.deepEqual(lint(fixture('service-account-not-found', 'pass.yaml'), RULE), []);
    const ws = new Workspace();
    const rs = createRuleSet(settings(), new Set(RULE));
    const deploy = text.split('---')[0];
    ws.setFile('file:///w/app/deploy.yaml', deploy);
    ws.setFile('file:///w/app/other.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const linted = withIds(() => ws.lint('file:///w/app/deploy.yaml', rs));
    const before = linted.result.diagnostics.map(linted.found);
    assert.equal(
      said(before[0]),
      'serviceAccountNotFoundInNamespace {files=deploy.yaml, other.yaml, namespace=shop, saName=web-runner}',
    );
    ws.setFile(
      'file:///w/app/sa.yaml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web-runner\n  namespace: shop\n',
    );
    assert.deepEqual(ws.lint('file:///w/app/deploy.yaml', rs).diagnostics, []);
  });
});

// The fixtures as a table: test/fixtures/rules/service-account-not-found/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('service-account-not-found', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'serviceAccountNotFoundInNamespace',
          data: { saName: 'web-runner', namespace: 'shop', files: 'manifest.yaml' },
          line: 10,
          column: 27,
          endLine: 10,
          endColumn: 37,
          severity: 'info',
          fix: 'Add a ServiceAccount "web-runner"',
        },
      ],
    },
  ],
});
