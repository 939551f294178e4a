import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRuleSet, Workspace } from '../../../../server/src/engine';
import { lint, settings, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('rbac-wildcard', () => {
  const RULE = ['rbac-wildcard'];

  test('one diagnostic per rule entry, at its first "*", naming every field with one', () => {
    const ds = lint(fixture('rbac-wildcard', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['9:13-9:16', '12:18-12:21', '13:23-13:26', '25:9-25:12']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'warning', 'warning'],
    );
    assert.match(ds[0].message, /^Rule 1 of ClusterRole "ops" uses "\*" in verbs, resources and apiGroups/);
    assert.match(ds[2].message, /in nonResourceURLs/);
    assert.match(ds[3].message, /^Rule 1 of Role "reader" uses "\*" in resources/);
  });

  test('explicit lists, subresources, URL prefixes and aggregated roles pass', () => {
    assert.deepEqual(lint(fixture('rbac-wildcard', 'pass.yaml'), RULE), []);
  });
});

describe('rbac-cluster-admin-binding', () => {
  const RULE = ['rbac-cluster-admin-binding'];

  test('bindings to cluster-admin, or to a role that grants everything, fire on the role name', () => {
    const ds = lint(fixture('rbac-cluster-admin-binding', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['9:9-9:22', '20:66-20:69']);
    assert.equal(
      ds[0].message,
      'ClusterRoleBinding "ci-admin" binds cluster-admin: ServiceAccount tools/ci can do anything in every namespace.',
    );
    assert.match(
      ds[1].message,
      /RoleBinding "team-god" binds Role "god", which grants every verb on every resource: Group shop-devs can do anything in namespace "shop"/,
    );
  });

  test('bindings to narrow roles pass, even a Role that is only named cluster-admin', () => {
    assert.deepEqual(lint(fixture('rbac-cluster-admin-binding', 'pass.yaml'), RULE), []);
  });

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
    const ds = ws.lint('file:///w/binding.yaml', rs).diagnostics;
    assert.deepEqual(ds.map(where), ['5:36-5:39']);
    assert.match(ds[0].message, /User bob can do anything in every namespace/);
  });

  test("kube-linter's and Polaris's annotations suppress it", () => {
    const text = fixture('rbac-cluster-admin-binding', 'fire.yaml');
    const annotate = (a: string): string =>
      text.replace('  name: ci-admin\n', `  name: ci-admin\n  annotations:\n    ${a}\n`);
    assert.equal(lint(annotate('ignore-check.kube-linter.io/cluster-admin-role-binding: "bootstrap"'), RULE).length, 1);
    assert.equal(lint(annotate('polaris.fairwinds.com/clusterrolebindingClusterAdmin-exempt: "true"'), RULE).length, 1);
  });
});

describe('rbac-secrets-access', () => {
  const RULE = ['rbac-secrets-access'];

  test('reading every Secret fires on the secrets resource', () => {
    const ds = lint(fixture('rbac-secrets-access', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['8:29-8:36', '20:9-20:16']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info'],
    );
    assert.match(ds[0].message, /lets its subjects get\/list\/watch all secrets; limit it with resourceNames/);
    assert.match(ds[1].message, /lets its subjects do anything with all secrets of the namespace/);
  });

  test('named Secrets, writes only, and other API groups pass', () => {
    assert.deepEqual(lint(fixture('rbac-secrets-access', 'pass.yaml'), RULE), []);
  });
});

describe('rbac-exec-attach', () => {
  const RULE = ['rbac-exec-attach'];

  test('pods/exec, pods/attach and */exec fire on the first such resource', () => {
    const ds = lint(fixture('rbac-exec-attach', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['8:23-8:32', '18:17-18:25']);
    assert.match(ds[0].message, /grants pods\/exec and pods\/attach/);
  });

  test('logs, status and other API groups pass', () => {
    assert.deepEqual(lint(fixture('rbac-exec-attach', 'pass.yaml'), RULE), []);
  });
});

describe('rbac-escalation-verbs', () => {
  const RULE = ['rbac-escalation-verbs'];

  test('bind, escalate and impersonate fire on the first such verb of each rule', () => {
    const ds = lint(fixture('rbac-escalation-verbs', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['9:26-9:30', '15:9-15:20']);
    assert.match(ds[0].message, /grants bind \(.*\), escalate \(/);
    assert.match(ds[1].message, /grants impersonate/);
  });

  test('plain role management passes, and "*" is left to rbac-wildcard', () => {
    assert.deepEqual(lint(fixture('rbac-escalation-verbs', 'pass.yaml'), RULE), []);
    assert.deepEqual(lint(fixture('rbac-wildcard', 'fire.yaml'), RULE), []);
  });
});
