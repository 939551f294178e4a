import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('readiness-probe-missing', () => {
  const RULE = ['readiness-probe-missing'];
  const text = fixture('readiness-probe-missing', 'fire.yaml');

  test('fires on each long-running container without a readinessProbe, at its name', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:11-10:20', '17:11-17:23', '19:12-19:21', '40:7-40:18']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'warning', 'warning'],
    );
    assert.equal(said(ds[0]), 'available {container=Container "web", kind=Deployment}');
    assert.equal(said(ds[3]), 'served {container=Container "shell", services=Service "debug"}');
  });

  test('says what readiness gates in each case: traffic, rollout availability, or nothing (a bare Pod no Service selects)', () => {
    const service = (name: string, app: string): string =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n`;
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`;
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: tools\n  labels:\n    app: tools\nspec:\n  containers:\n    - name: shell\n      image: busybox:1.36\n`;
    const messages = (text: string): string[] => lint(text, RULE).map((d) => d.message);
    assert.deepEqual(messages(`${deployment}---\n${service('web', 'web')}---\n${service('web-admin', 'web')}`), [
      'Container "web" has no readinessProbe: it gets traffic from Services "web" and "web-admin", and the Deployment counts it available, as soon as it starts, before it can serve.',
    ]);
    // the same Service written in two files is named once
    assert.deepEqual(messages(`${deployment}---\n${service('web', 'web')}---\n${service('web', 'web')}`), [
      'Container "web" has no readinessProbe: it gets traffic from Service "web", and the Deployment counts it available, as soon as it starts, before it can serve.',
    ]);
    assert.deepEqual(messages(deployment), [
      'Container "web" has no readinessProbe: the Deployment counts it available as soon as it starts, before it can serve.',
    ]);
    assert.deepEqual(messages(`${pod}---\n${service('web', 'web')}`), []);
    assert.deepEqual(messages(`${pod}---\n${service('tools', 'tools')}`), [
      'Container "shell" has no readinessProbe: it gets traffic from Service "tools" as soon as it starts, before it can serve.',
    ]);
  });

  test('the fix probes the HTTP-named port by name, with a TODO path; no port means no fix', () => {
    const [web, worker, api] = lint(text, RULE);
    assert.equal(web.fix!.title, 'Add readinessProbe (httpGet / on port http)');
    assert.equal(
      applyFix(text, web),
      text.replace(
        '              containerPort: 8080\n',
        '              containerPort: 8080\n          readinessProbe:\n            httpGet:\n              path: / # TODO: the path that answers 200 when ready\n              port: http\n',
      ),
    );
    assert.equal(worker.fix, undefined);
    assert.equal(
      applyFix(text, api),
      text.replace(
        'ports: [{containerPort: 3000}]}',
        // flow style: the TODO ends the line, and the flow collection closes on the next one
        'ports: [{containerPort: 3000}], readinessProbe: {httpGet: {path: /, port: 3000}} # TODO: the path that answers 200 when ready\n          }',
      ),
    );
    const all = fixAllText(text, RULE);
    // the worker, moved down by the web probe, and the Pod (no port to probe)
    assert.deepEqual(lint(all, RULE).map(where), ['21:11-21:23', '45:7-45:18']);
    assert.match(all, /# serves the shop/);
  });

  test('Polaris and kube-linter exemptions on the pod template are honoured', () => {
    const deploy = (annotation: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n        ${annotation}\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n`;
    assert.equal(lint(deploy('a: b'), RULE).length, 1);
    assert.deepEqual(lint(deploy('polaris.fairwinds.com/readinessProbeMissing-exempt: "true"'), RULE), []);
    assert.deepEqual(lint(deploy('ignore-check.kube-linter.io/no-readiness-probe: "worker"'), RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/readiness-probe-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('readiness-probe-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'available',
          data: { container: 'Container "web"', kind: 'Deployment' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          severity: 'warning',
          fix: 'Add readinessProbe (httpGet / on port http)',
        },
        {
          messageId: 'available',
          data: { container: 'Container "worker"', kind: 'Deployment' },
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 23,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'available',
          data: { container: 'Container "api"', kind: 'Deployment' },
          line: 19,
          column: 12,
          endLine: 19,
          endColumn: 21,
          severity: 'warning',
          fix: 'Add readinessProbe (httpGet / on port 3000)',
        },
        {
          messageId: 'served',
          data: { container: 'Container "shell"', services: 'Service "debug"' },
          line: 'pod',
          column: 7,
          endLine: 'pod',
          endColumn: 18,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
