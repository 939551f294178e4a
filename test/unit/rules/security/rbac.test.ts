import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { settings, where, withIds } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('rbac-wildcard', () => {});

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
      'bindsCanDoAnything {detail= "b", how=ClusterRole "all", which grants every verb on every resource, objectKind=ClusterRoleBinding, scope=in every namespace, subjects=User bob}',
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

describe('rbac-secrets-access', () => {});

describe('rbac-exec-attach', () => {});

describe('rbac-escalation-verbs', () => {});

// The fixtures as a table: test/fixtures/rules/rbac-wildcard/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-wildcard', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'usesGrantsEverythingIncluding',
          data: { rule: 'Rule 1 of ClusterRole "ops"', list: 'verbs, resources and apiGroups' },
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 16,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'usesGrantsEverythingIncluding',
          data: { rule: 'Rule 2 of ClusterRole "ops"', list: 'verbs' },
          line: 12,
          column: 18,
          endLine: 12,
          endColumn: 21,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'usesGrantsEverythingIncluding',
          data: { rule: 'Rule 3 of ClusterRole "ops"', list: 'nonResourceURLs' },
          line: 13,
          column: 23,
          endLine: 13,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'usesGrantsEverythingIncluding',
          data: { rule: 'Rule 1 of Role "reader"', list: 'resources' },
          line: 'role-reader+10',
          column: 9,
          endLine: 'role-reader+10',
          endColumn: 12,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/rbac-cluster-admin-binding/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-cluster-admin-binding', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'bindsCanDoAnything',
          data: {
            objectKind: 'ClusterRoleBinding',
            detail: ' "ci-admin"',
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
          messageId: 'bindsCanDoAnything',
          data: {
            objectKind: 'RoleBinding',
            detail: ' "team-god"',
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

// The fixtures as a table: test/fixtures/rules/rbac-secrets-access/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-secrets-access', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'letsSubjectsAllSecrets',
          data: { rule: 'Rule 1 of ClusterRole "secret-reader"', detail: 'get/list/watch', detail2: '' },
          line: 8,
          column: 29,
          endLine: 8,
          endColumn: 36,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'letsSubjectsAllSecrets',
          data: { rule: 'Rule 1 of Role "app"', detail: 'do anything with', detail2: ' of the namespace' },
          line: 'role-app+10',
          column: 9,
          endLine: 'role-app+10',
          endColumn: 16,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/rbac-exec-attach/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-exec-attach', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'grantsSubjectsCanRun',
          data: { rule: 'Rule 1 of ClusterRole "debugger"', list: 'pods/exec and pods/attach' },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 32,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'grantsSubjectsCanRun',
          data: { rule: 'Rule 1 of Role "ops"', list: '*/exec' },
          line: 'role-ops+8',
          column: 17,
          endLine: 'role-ops+8',
          endColumn: 25,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/rbac-escalation-verbs/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-escalation-verbs', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'grants',
          data: {
            rule: 'Rule 1 of ClusterRole "role-manager"',
            list: 'bind (bind roles with permissions it does not hold), escalate (edit roles to grant permissions it does not hold)',
          },
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 30,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'grants',
          data: {
            rule: 'Rule 2 of ClusterRole "role-manager"',
            list: 'impersonate (act as other users, groups or ServiceAccounts)',
          },
          line: 15,
          column: 9,
          endLine: 15,
          endColumn: 20,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
