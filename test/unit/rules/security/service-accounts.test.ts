import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { applyFix, fixAllText, settings, where, withIds } from '../../../support/lint';
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
    assert.equal(said(ds[0]), 'podMountsApiToken {saName=default}');
    assert.equal(said(ds[1]), 'podMountsApiToken {saName=reporter}');
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

describe('deprecated-service-account-field', () => {
  const RULE = ['deprecated-service-account-field'];
  const text = fixture('deprecated-service-account-field', 'fire.yaml');

  test('fires on the serviceAccount key in all three cases', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['9:7-9:21', '20:3-20:17', '31:3-31:17']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'warning'],
    );
    assert.equal(said(ds[2]), 'serviceaccountDeprecatedAliasDiffers {current=api, oldName=legacy}');
  });

  test('renames alone, removes a duplicate, and only suggests removing a conflicting one', () => {
    const [alone, same, conflict] = lint(text, RULE);
    assert.equal(
      applyFix(text, alone),
      text.replace('serviceAccount: web # old spelling', 'serviceAccountName: web # old spelling'),
    );
    assert.equal(
      applyFix(text, same),
      text.replace('  serviceAccountName: api\n  serviceAccount: api\n', '  serviceAccountName: api\n'),
    );
    assert.equal(conflict.fix, undefined);
    assert.equal(conflict.suggestions?.length, 1);
    assert.deepEqual(lint(fixAllText(text, RULE), RULE).map(where), ['30:3-30:17']);
  });

  test("kube-linter's annotation suppresses it", () => {
    const suppressed = text.replace(
      '  name: web\n',
      '  name: web\n  annotations:\n    ignore-check.kube-linter.io/deprecated-service-account-field: "legacy chart"\n',
    );
    assert.equal(lint(suppressed, RULE).length, 2);
  });
});

describe('service-account-not-found', () => {
  const RULE = ['service-account-not-found'];
  const text = fixture('service-account-not-found', 'fire.yaml');

  test('fires on the name, says which files were searched, and appends a ServiceAccount', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:27-10:37']);
    assert.equal(ds[0].severity, 'info');
    assert.equal(
      said(ds[0]),
      'noServiceaccountDefinedSearched {detail= in namespace "shop", detail2=file, file=manifest.yaml, saName=web-runner}',
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
    assert.equal(said(d), 'noServiceaccountDefinedSearched {detail=, detail2=file, file=manifest.yaml, saName=runner}');
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
      'noServiceaccountDefinedSearched {detail= in namespace "shop", detail2=2 files, file=deploy.yaml, other.yaml, saName=web-runner}',
    );
    ws.setFile(
      'file:///w/app/sa.yaml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web-runner\n  namespace: shop\n',
    );
    assert.deepEqual(ws.lint('file:///w/app/deploy.yaml', rs).diagnostics, []);
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
          messageId: 'podMountsApiToken',
          data: { saName: 'default' },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 17,
          severity: 'info',
          fix: 'Set automountServiceAccountToken: false',
        },
        {
          messageId: 'podMountsApiToken',
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

// The fixtures as a table: test/fixtures/rules/deprecated-service-account-field/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('deprecated-service-account-field', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'serviceaccountDeprecatedAliasUse',
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 21,
          severity: 'warning',
          fix: 'Rename to serviceAccountName',
        },
        {
          messageId: 'serviceaccountDeprecatedAliasRepeats',
          line: 'pod-both+7',
          column: 3,
          endLine: 'pod-both+7',
          endColumn: 17,
          severity: 'warning',
          fix: 'Remove the deprecated serviceAccount',
        },
        {
          messageId: 'serviceaccountDeprecatedAliasDiffers',
          data: { oldName: 'legacy', current: 'api' },
          line: 'pod-conflict+7',
          column: 3,
          endLine: 'pod-conflict+7',
          endColumn: 17,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Remove the deprecated serviceAccount (serviceAccountName applies)' }],
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/service-account-not-found/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('service-account-not-found', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noServiceaccountDefinedSearched',
          data: { saName: 'web-runner', detail: ' in namespace "shop"', detail2: 'file', file: 'manifest.yaml' },
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
