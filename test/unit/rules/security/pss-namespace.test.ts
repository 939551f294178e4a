/**
 * The Pod Security admission label of a Namespace in the same text decides the level: under `enforce: restricted`
 * every Pod Security finding is an error (admission would reject the pods), under `baseline` only the baseline
 * controls are; other namespaces, and other labels, keep the profile's severities.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint } from '../../../support/lint';
import { PSS_RULES } from './pss-support';

const namespace = (name: string, level: string): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n---\n`;

const deployment = (ns: string | undefined): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${ns ? `  namespace: ${ns}\n` : ''}spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
              hostPort: 80
          securityContext:
            readOnlyRootFilesystem: true
            privileged: true
`;

type Row = [string, string];
const rows = (text: string, over = {}): Row[] =>
  lint(text, PSS_RULES, over)
    .map((d): Row => [d.ruleId, d.severity])
    .sort((a, b) => a[0].localeCompare(b[0]));

const DEFAULTS: Row[] = [
  ['allow-privilege-escalation', 'warning'],
  ['capabilities-drop-all', 'warning'],
  ['host-port', 'warning'],
  ['privileged-container', 'error'],
  ['run-as-non-root', 'warning'],
  ['seccomp-profile', 'warning'],
];

describe('Pod Security: the namespace enforce label', () => {
  test('without a labelled namespace: the recommended severities', () => {
    assert.deepEqual(rows(deployment('prod')), DEFAULTS);
  });

  test('enforce: restricted makes every Pod Security finding an error, and says why', () => {
    const text = namespace('prod', 'restricted') + deployment('prod');
    assert.deepEqual(
      rows(text),
      DEFAULTS.map(([id]): Row => [id, 'error']),
    );
    for (const d of lint(text, PSS_RULES)) {
      assert.match(
        d.message,
        /Namespace "prod" enforces the restricted Pod Security level: admission rejects such pods\.$/,
      );
    }
  });

  test('enforce: baseline raises the baseline controls only', () => {
    assert.deepEqual(rows(namespace('prod', 'baseline') + deployment('prod')), [
      ['allow-privilege-escalation', 'warning'],
      ['capabilities-drop-all', 'warning'],
      ['host-port', 'error'],
      ['privileged-container', 'error'],
      ['run-as-non-root', 'warning'],
      ['seccomp-profile', 'warning'],
    ]);
  });

  test('the Namespace may come after the workload in the text', () => {
    assert.deepEqual(
      rows(deployment('prod') + '---\n' + namespace('prod', 'restricted').replace(/---\n$/, '')),
      DEFAULTS.map(([id]): Row => [id, 'error']),
    );
  });

  test('a workload in another namespace, or a privileged label, keeps the defaults', () => {
    assert.deepEqual(rows(namespace('prod', 'restricted') + deployment('staging')), DEFAULTS);
    assert.deepEqual(rows(namespace('prod', 'privileged') + deployment('prod')), DEFAULTS);
  });

  test('a workload without a namespace lands in "default"', () => {
    assert.deepEqual(
      rows(namespace('default', 'restricted') + deployment(undefined)),
      DEFAULTS.map(([id]): Row => [id, 'error']),
    );
  });

  test("a user's explicit severity wins over the label", () => {
    const text = namespace('prod', 'restricted') + deployment('prod');
    const ds = lint(text, ['allow-privilege-escalation'], { rules: { 'allow-privilege-escalation': 'info' } });
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info'],
    );
  });

  test('probe-host-field is raised only from Kubernetes 1.34, when admission starts checking it', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: prod
spec:
  containers:
    - name: a
      image: x:1
      readinessProbe:
        tcpSocket: {host: db.internal, port: 5432}
`;
    const text = namespace('prod', 'baseline') + pod;
    assert.deepEqual(
      lint(text, ['probe-host-field'], { kubernetesVersion: '1.33' }).map((d) => d.severity),
      ['warning'],
    );
    assert.deepEqual(
      lint(text, ['probe-host-field'], { kubernetesVersion: '1.34' }).map((d) => d.severity),
      ['error'],
    );
  });

  test('restricted-volume-types (strict) becomes an error under enforce: restricted only', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: prod
spec:
  containers:
    - {name: a, image: "x:1"}
  volumes:
    - {name: v, nfs: {server: nfs, path: /x}}
`;
    const strict = { profile: 'strict' as const };
    assert.deepEqual(
      lint(namespace('prod', 'baseline') + pod, ['restricted-volume-types'], strict).map((d) => d.severity),
      ['warning'],
    );
    assert.deepEqual(
      lint(namespace('prod', 'restricted') + pod, ['restricted-volume-types'], strict).map((d) => d.severity),
      ['error'],
    );
  });
});
