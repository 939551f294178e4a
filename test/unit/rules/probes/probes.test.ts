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
    assert.deepEqual(ds.map(where), ['10:11-10:20', '17:11-17:23', '19:12-19:21']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'warning'],
    );
    assert.equal(said(ds[0]), 'hasNoReadinessprobeReceives {container=Container "web"}');
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
    assert.deepEqual(lint(all, RULE).map(where), ['21:11-21:23']); // the worker, moved down by the web probe
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

describe('liveness-probe-missing', () => {
  const RULE = ['liveness-probe-missing'];
  const text = fixture('liveness-probe-missing', 'fire.yaml');

  test('fires as information with the same fix shape', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:11-10:20', '17:11-17:23', '19:12-19:21']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info', 'info'],
    );
    assert.match(
      applyFix(text, ds[0]),
      /\n {10}livenessProbe:\n {12}httpGet:\n {14}path: \/ # TODO: a path that checks only this process, not its dependencies\n {14}port: http\n/,
    );
  });
});

describe('probes-identical', () => {
  const RULE = ['probes-identical'];

  test('block and flow spellings of the same probe are identical; a merge that adds a field is not', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx:1.27
      readinessProbe:
        httpGet:
          port: 8080
          path: /
      livenessProbe: {httpGet: {path: /, port: "8080"}}
`;
    assert.deepEqual(lint(text, RULE).map(where), ['13:7-13:20']);
    assert.deepEqual(lint(fixture('probes-identical', 'pass.yaml'), RULE), []);
  });
});

describe('probe-port-not-exposed', () => {});

// The fixtures as a table: test/fixtures/rules/readiness-probe-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('readiness-probe-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'hasNoReadinessprobeReceives',
          data: { container: 'Container "web"' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          severity: 'warning',
          fix: 'Add readinessProbe (httpGet / on port http)',
        },
        {
          messageId: 'hasNoReadinessprobeReceives',
          data: { container: 'Container "worker"' },
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 23,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'hasNoReadinessprobeReceives',
          data: { container: 'Container "api"' },
          line: 19,
          column: 12,
          endLine: 19,
          endColumn: 21,
          severity: 'warning',
          fix: 'Add readinessProbe (httpGet / on port 3000)',
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/liveness-probe-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('liveness-probe-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'hasNoLivenessprobeHung',
          data: { container: 'Container "web"' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          severity: 'info',
          fix: 'Add livenessProbe (httpGet / on port http)',
        },
        {
          messageId: 'hasNoLivenessprobeHung',
          data: { container: 'Container "worker"' },
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 23,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'hasNoLivenessprobeHung',
          data: { container: 'Container "api"' },
          line: 19,
          column: 12,
          endLine: 19,
          endColumn: 21,
          severity: 'info',
          fix: 'Add livenessProbe (httpGet / on port 3000)',
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/probes-identical/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('probes-identical', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'livenessprobeIdenticalReadinessprobeContainer',
          data: { container: 'Container "web"' },
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 24,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'livenessprobeIdenticalReadinessprobeContainer',
          data: { container: 'Container "api"' },
          line: 25,
          column: 11,
          endLine: 25,
          endColumn: 24,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});

// The fixtures as a table: test/fixtures/rules/probe-port-not-exposed/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('probe-port-not-exposed', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'portNamesNoPort',
          data: {
            container: 'Container "web"',
            key: 'readinessProbe',
            handler: 'httpGet',
            port: 'htttp',
            declared: 'named ports: http',
          },
          line: 18,
          column: 21,
          endLine: 18,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'portOneContainerS',
          data: {
            container: 'Container "web"',
            key: 'livenessProbe',
            handler: 'tcpSocket',
            port: '8081',
            declared: '8080',
          },
          line: 20,
          column: 31,
          endLine: 20,
          endColumn: 35,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'portNamesPortBut',
          data: { container: 'Container "api"', key: 'startupProbe', handler: 'httpGet', port: 'web' },
          line: 24,
          column: 38,
          endLine: 24,
          endColumn: 43,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
