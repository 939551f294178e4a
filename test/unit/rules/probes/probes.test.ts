import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

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
    assert.match(ds[0].message, /^Container "web" has no readinessProbe/);
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

  test('probed containers, init containers, Jobs, CronJobs and run-once Pods pass', () => {
    assert.deepEqual(lint(fixture('readiness-probe-missing', 'pass.yaml'), RULE), []);
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

  test('passes where every long-running container has one', () => {
    assert.deepEqual(lint(fixture('liveness-probe-missing', 'pass.yaml'), RULE), []);
  });
});

describe('probes-identical', () => {
  const RULE = ['probes-identical'];

  test('identical probes fire on the livenessProbe key, also through an alias', () => {
    const ds = lint(fixture('probes-identical', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['17:11-17:24', '25:11-25:24']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info'],
    );
    assert.ok(ds.every((d) => !d.fix));
  });

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

describe('probe-port-not-exposed', () => {
  const RULE = ['probe-port-not-exposed'];

  test('unknown names and undeclared numbers fire on the port value', () => {
    const ds = lint(fixture('probe-port-not-exposed', 'fire.yaml'), RULE);
    assert.deepEqual(ds.map(where), ['18:21-18:26', '20:31-20:35', '24:38-24:43']);
    assert.match(
      ds[0].message,
      /readinessProbe httpGet port "htttp" names no port of the container \(named ports: http\)/,
    );
    assert.match(ds[1].message, /livenessProbe tcpSocket port 8081 is not one of the container's ports \(8080\)/);
    assert.match(ds[2].message, /declares no ports/);
  });

  test('declared names and numbers, grpc, exec, and numbers with no ports declared pass', () => {
    assert.deepEqual(lint(fixture('probe-port-not-exposed', 'pass.yaml'), RULE), []);
  });
});
