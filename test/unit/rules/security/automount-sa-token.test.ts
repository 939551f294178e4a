import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { applyFix, fixAllText, settings, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('automount-sa-token', () => {
  const RULE = ['automount-sa-token'];
  const text = fixture('automount-sa-token', 'fire.yaml');

  test('fires at serviceAccountName, else at the containers key', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['9:7-9:17', '18:3-18:21']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info'],
    );
    assert.equal(said(ds[0]), 'tokenMountedByDefault {saName=default}');
    assert.equal(said(ds[1]), 'tokenMountedByDefault {saName=reporter}');
  });

  test('the fix writes automountServiceAccountToken: false into the pod spec', () => {
    const [deploy, pod] = lint(text, RULE);
    assert.equal(
      applyFix(text, deploy),
      text.replace(
        '          image: nginx:1.27\n',
        '          image: nginx:1.27\n      automountServiceAccountToken: false\n',
      ),
    );
    assert.equal(
      applyFix(text, pod),
      text.replace(
        '      image: acme/report:1.0\n',
        '      image: acme/report:1.0\n  automountServiceAccountToken: false\n',
      ),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('a ServiceAccount in another file that turns the token off is found through the workspace index', () => {
    const ws = new Workspace();
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: quiet\n  containers:\n    - name: c\n      image: nginx:1.27\n';
    ws.setFile('file:///w/pod.yaml', pod);
    const rs = createRuleSet(settings(), new Set(RULE));
    assert.equal(ws.lint('file:///w/pod.yaml', rs).diagnostics.length, 1);
    ws.setFile(
      'file:///w/sa.yaml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: quiet\nautomountServiceAccountToken: false\n',
    );
    assert.deepEqual(ws.lint('file:///w/pod.yaml', rs).diagnostics, []);
  });

  test('a binding for ServiceAccount default in one namespace says nothing about default in another', () => {
    const ws = new Workspace();
    const pod = (ns: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ${ns}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n`;
    ws.setFile('file:///w/a.yaml', pod('shop'));
    ws.setFile('file:///w/b.yaml', pod('blog'));
    ws.setFile(
      'file:///w/rbac.yaml',
      [
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reader\n  namespace: shop',
        'subjects:\n  - kind: ServiceAccount\n    name: default\nroleRef:\n  kind: Role\n  name: reader\n  apiGroup: rbac.authorization.k8s.io',
        '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: broken',
        'subjects:\n  - kind: ServiceAccount\n    name: default\nroleRef:\n  kind: ClusterRole\n  name: view\n  apiGroup: rbac.authorization.k8s.io\n',
      ].join('\n'),
    );
    const rs = createRuleSet(settings(), new Set(RULE));
    assert.deepEqual(ws.lint('file:///w/a.yaml', rs).diagnostics, []);
    // the RoleBinding binds shop's default only; a ClusterRoleBinding subject without a namespace binds nothing
    assert.deepEqual(
      ws.lint('file:///w/b.yaml', rs).diagnostics.map((d) => d.ruleId),
      ['automount-sa-token'],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/automount-sa-token/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('automount-sa-token', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'tokenMountedByDefault',
          data: { saName: 'default' },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 17,
          severity: 'info',
          fix: 'Set automountServiceAccountToken: false',
        },
        {
          messageId: 'tokenMountedByDefault',
          data: { saName: 'reporter' },
          line: 'pod-batch+6',
          column: 3,
          endLine: 'pod-batch+6',
          endColumn: 21,
          severity: 'info',
          fix: 'Set automountServiceAccountToken: false',
        },
      ],
    },
  ],
});
