import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { settings, where, withIds } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('rbac-cluster-admin-binding', () => {
  const RULE = ['rbac-cluster-admin-binding'];

  test('the role is found in another file through the workspace index', () => {
    const ws = new Workspace();
    const rs = createRuleSet(settings(), new Set(RULE));
    ws.setFile(
      'file:///w/binding.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef: {kind: ClusterRole, name: all, apiGroup: rbac.authorization.k8s.io}\nsubjects: [{kind: User, name: bob}]\n',
    );
    assert.deepEqual(ws.lint('file:///w/binding.yaml', rs).diagnostics, []);
    ws.setFile(
      'file:///w/role.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: all\nrules:\n  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n',
    );
    const linted = withIds(() => ws.lint('file:///w/binding.yaml', rs));
    const ds = linted.result.diagnostics.map(linted.found);
    assert.deepEqual(ds.map(where), ['5:36-5:39']);
    assert.equal(
      said(ds[0]),
      'bindsClusterAdmin {binding=ClusterRoleBinding "b", how=ClusterRole "all", which grants every verb on every resource, scope=in every namespace, subjects=User bob}',
    );
  });

  test("kube-linter's and Polaris's annotations suppress it", () => {
    const text = fixture('rbac-cluster-admin-binding', 'fire.yaml');
    const annotate = (a: string): string =>
      text.replace('  name: ci-admin\n', `  name: ci-admin\n  annotations:\n    ${a}\n`);
    assert.equal(lint(annotate('ignore-check.kube-linter.io/cluster-admin-role-binding: "bootstrap"'), RULE).length, 1);
    assert.equal(lint(annotate('polaris.fairwinds.com/clusterrolebindingClusterAdmin-exempt: "true"'), RULE).length, 1);
  });
});

// The fixtures as a table: test/fixtures/rules/rbac-cluster-admin-binding/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-cluster-admin-binding', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'bindsClusterAdmin',
          data: {
            binding: 'ClusterRoleBinding "ci-admin"',
            how: 'cluster-admin',
            subjects: 'ServiceAccount tools/ci',
            scope: 'in every namespace',
          },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 22,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'bindsClusterAdmin',
          data: {
            binding: 'RoleBinding "team-god"',
            how: 'Role "god", which grants every verb on every resource',
            subjects: 'Group shop-devs',
            scope: 'in namespace "shop"',
          },
          line: 'rolebinding-team-god+6',
          column: 66,
          endLine: 'rolebinding-team-god+6',
          endColumn: 69,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
