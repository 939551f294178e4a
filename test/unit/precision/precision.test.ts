/**
 * Precision on real-world shapes: each case has a fixture that fires and one that passes,
 * under test/fixtures/precision/. Rules run in the strict profile (every rule on) unless the case says otherwise.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fixAll } from '../../../server/src/engine';
import { createRuleSet } from '../../../server/src/composition';
import type { Found } from '../../support/lint';
import { lint, settings } from '../../support/lint';
import { said } from '../../support/rule-tester';
import { repoRoot } from '../../support/rule-fixtures';

const STRICT = { profile: 'strict' as const };
const fixture = (name: string): string => readFileSync(join(repoRoot(), 'test', 'fixtures', 'precision', name), 'utf8');
const ids = (text: string, rules: string[]): string[] =>
  [...new Set(lint(text, rules, STRICT).map((d) => d.ruleId))].sort();

const LINUX_ONLY = [
  'seccomp-profile',
  'apparmor-override',
  'selinux-options',
  'capabilities-dangerous',
  'capabilities-drop-all',
  'read-only-root-fs',
  'allow-privilege-escalation',
  'proc-mount-unmasked',
  'run-as-non-root',
];

describe('Windows pods get no Linux-only checks', () => {
  test('a Linux pod fires them', () => {
    assert.deepEqual(
      ids(fixture('windows-fire.yaml'), LINUX_ONLY),
      [...LINUX_ONLY].filter((r) => r !== 'apparmor-override').sort(),
    );
  });
  test('nodeSelector, required node affinity and hostProcess make a Windows pod', () => {
    assert.deepEqual(ids(fixture('windows-pass.yaml'), LINUX_ONLY), []);
  });
});

test('private keys are found whatever the number of dashes; certificates and public keys are not', () => {
  const ds = lint(fixture('private-key-fire.yaml'), ['sensitive-configmap'], STRICT);
  assert.equal(ds.length, 2, ds.map(said).join('\n'));
  assert.deepEqual(lint(fixture('private-key-pass.yaml'), ['sensitive-configmap'], STRICT), []);
});

test('run-as-non-root: a non-zero runAsUser is not "may run as root"; it says what restricted lacks, as info', () => {
  const [d, ...rest] = lint(fixture('uid-fire.yaml'), ['run-as-non-root'], STRICT);
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'info');
  assert.equal(said(d), 'nonRootUidLacksRunAsNonRoot {container=Container "app", uids=1000}');
  // without runAsUser it still may run as root, at the rule's severity
  const root = lint(
    fixture('uid-fire.yaml').replace('    runAsUser: 1000\n', '    fsGroup: 1000\n'),
    ['run-as-non-root'],
    STRICT,
  );
  assert.equal(root[0].messageId, 'mayRunAsRoot');
  assert.equal(root[0].severity, 'warning');
});

test('a StatefulSet volume provided by its own volumeClaimTemplates is no pvc-not-found, and gets no PVC', () => {
  const text = fixture('statefulset-claims.yaml');
  assert.deepEqual(lint(text, ['pvc-not-found'], STRICT), []);
  // the same pod volume in a Deployment has no template behind it
  const deployment = text
    .replace('kind: StatefulSet', 'kind: Deployment')
    .replace('  serviceName: db\n', '')
    .replace(/ {2}volumeClaimTemplates:[\s\S]*?storage: 10Gi\n/, '');
  assert.deepEqual(
    lint(deployment, ['pvc-not-found'], STRICT).map((d) => d.ruleId),
    ['pvc-not-found'],
  );
});

test('networkpolicy-missing counts only policies whose effective policyTypes include Ingress', () => {
  const text = fixture('egress-only-policy.yaml');
  assert.deepEqual(
    lint(text, ['networkpolicy-missing'], STRICT).map((d) => d.ruleId),
    ['networkpolicy-missing'],
  );
  // no policyTypes: Ingress is always included, so the same policy isolates the pods
  assert.deepEqual(lint(text.replace('  policyTypes: [Egress]\n', ''), ['networkpolicy-missing'], STRICT), []);
  assert.deepEqual(lint(text.replace('[Egress]', '[Ingress, Egress]'), ['networkpolicy-missing'], STRICT), []);
});

describe('Helm hook objects', () => {
  const RULES = ['naked-pod', 'networkpolicy-missing', 'pdb-missing', 'replicas-too-low', 'service-port-mismatch'];
  test('are left out of the workload-level rules and of Service matching', () => {
    const text = fixture('helm-hooks.yaml');
    const ds = lint(text, RULES, STRICT);
    // only the Deployment is reported (no NetworkPolicy, no PDB); the test Pod and the hook Job are not
    assert.deepEqual(ds.map((d) => `${d.ruleId} ${d.range.start.line + 1}`).sort(), [
      'networkpolicy-missing 17',
      'pdb-missing 17',
    ]);
  });
  test('the same Pod without the hook annotation is a naked pod the Service matches', () => {
    const text = fixture('helm-hooks.yaml').replace('    helm.sh/hook: test\n', '    example.com/note: test\n');
    const ds = lint(text, RULES, STRICT);
    assert.ok(ds.some((d) => d.ruleId === 'naked-pod'));
    // the Service's targetPort "http" is not declared by the bare Pod: a port mismatch on that Pod
    assert.ok(
      ds.some((d) => d.ruleId === 'service-port-mismatch'),
      ds.map((d) => d.ruleId).join(),
    );
  });
});

describe('RBAC wildcards', () => {
  test('"*" resources grant pods/exec, pods/attach and secrets; every read and write verb is cluster-admin', () => {
    const text = fixture('rbac-wildcards.yaml');
    assert.deepEqual(ids(text, ['rbac-exec-attach', 'rbac-secrets-access', 'rbac-cluster-admin-binding']), [
      'rbac-cluster-admin-binding',
      'rbac-exec-attach',
      'rbac-secrets-access',
    ]);
  });
  test('"pods/*" grants nothing; read verbs only are not cluster-admin', () => {
    const text = fixture('rbac-pods-star.yaml');
    assert.deepEqual(ids(text, ['rbac-exec-attach']), []);
    const bound = fixture('rbac-wildcards.yaml').replace(
      'verbs: [list, get, watch, patch, update, create, delete]',
      'verbs: [list, get, watch]',
    );
    assert.deepEqual(ids(bound, ['rbac-cluster-admin-binding']), []);
  });
});

test('a PDB with both minAvailable and maxUnavailable, or a percentage above 100%, is a schema-violation', () => {
  const text = fixture('pdb-invalid.yaml');
  const ds = lint(text, ['schema-violation'], STRICT);
  assert.deepEqual(
    ds.map((d) => d.range.start.line + 1),
    [8, 17],
  );
  assert.deepEqual(ds.map(said), ['pdbBoth', 'pdbPercent {field=minAvailable, value=150%}']);
  const fine = text.replace('  maxUnavailable: 1\n', '').replace('150%', '100%');
  assert.deepEqual(lint(fine, ['schema-violation'], STRICT), []);
});

describe('deprecated APIs', () => {
  const RULE = ['deprecated-api-version'];
  test('PDB policy/v1beta1 with a selector, APIService v1beta1: safe fixes; the DaemonSet’s and the Deployment’s are unsafe', () => {
    const text = fixture('api-moves.yaml');
    const ds = lint(text, RULE, STRICT);
    assert.deepEqual(
      ds.map((d) => [d.range.start.line + 1, d.fix?.safety]),
      [
        [2, 'safe'],
        [11, 'unsafe'],
        [27, 'safe'],
        [39, 'unsafe'],
      ],
    );
    const rules = createRuleSet(settings({ profile: 'strict' }), new Set(RULE));
    const fixed = fixAll(text, rules).text;
    // the DaemonSet's move changes its default update strategy (OnDelete → RollingUpdate), the Deployment's its
    // rollout pace, history and deadline: left to the author
    assert.deepEqual(
      lint(fixed, RULE, STRICT).map((d) => d.range.start.line + 1),
      [11, 39],
    );
    assert.match(fixed, /apiVersion: policy\/v1\nkind: PodDisruptionBudget/);
  });
  test('an extensions/v1beta1 Deployment moves to apps/v1 with its selector, and a TODO names the defaults that change', () => {
    const text = fixture('api-moves.yaml');
    const deployment = lint(text, RULE, STRICT).find((d) => d.range.start.line + 1 === 11)!;
    assert.equal(
      deployment.fix?.title,
      "Change apiVersion to apps/v1, with spec.selector from the template's labels (defaults change: maxSurge 25%, was 1; maxUnavailable 25%, was 1; revisionHistoryLimit 10, was every old ReplicaSet; progressDeadlineSeconds 600, was none)",
    );
    const rules = createRuleSet(settings({ profile: 'strict' }), new Set(RULE));
    const fixed = fixAll(text, rules, undefined, { unsafe: true }).text;
    assert.match(
      fixed,
      /---\n# TODO: apps\/v1 defaults apply: maxSurge 25%, was 1; maxUnavailable 25%, was 1; revisionHistoryLimit 10, was every old ReplicaSet; progressDeadlineSeconds 600, was none\. Set them here to keep the old rollout\.\napiVersion: apps\/v1\nkind: Deployment[\s\S]*?spec:\n {2}replicas: 2\n[\s\S]*?\n {2}selector:\n {4}matchLabels:\n {6}app: web\n {6}tier: front\n/,
    );
    // a Deployment that writes the fields whose defaults differ keeps them: a safe move
    const pinned = text.replace(
      '  replicas: 2\n',
      '  replicas: 2\n  revisionHistoryLimit: 5\n  progressDeadlineSeconds: 300\n  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n',
    );
    const safe = lint(pinned, RULE, STRICT).find((d) => d.range.start.line + 1 === 11)!;
    assert.equal(safe.fix?.safety, 'safe');
    assert.equal(safe.fix?.title, "Change apiVersion to apps/v1, with spec.selector from the template's labels");
    // apps/v1beta1 kept two old ReplicaSets (apps/v1: ten): the only default that changes there
    const beta1 = lint(
      text.replace('apiVersion: extensions/v1beta1\nkind: Deployment', 'apiVersion: apps/v1beta1\nkind: Deployment'),
      RULE,
      STRICT,
    ).find((d) => d.range.start.line + 1 === 11)!;
    assert.match(beta1.fix!.title, /\(defaults change: revisionHistoryLimit 10, was 2\)$/);
    // a Recreate Deployment has no rolling-update pace to change
    const recreate = lint(
      text.replace('  replicas: 2\n', '  replicas: 2\n  strategy: {type: Recreate}\n'),
      RULE,
      STRICT,
    ).find((d) => d.range.start.line + 1 === 11)!;
    assert.doesNotMatch(recreate.fix!.title, /maxSurge|maxUnavailable/);
  });
  test('a DaemonSet that writes its update strategy keeps it in apps/v1: a safe move', () => {
    const text = fixture('api-moves.yaml').replace(
      'kind: DaemonSet\nmetadata:\n  name: node-agent\nspec:\n',
      'kind: DaemonSet\nmetadata:\n  name: node-agent\nspec:\n  updateStrategy: {type: OnDelete}\n',
    );
    const ds = lint(text, RULE, STRICT);
    assert.equal(ds.find((d) => d.range.start.line + 1 === 39)?.fix?.safety, 'safe');
  });
  test('a PDB with an empty selector changes meaning in policy/v1: no fix', () => {
    const text = fixture('api-moves.yaml').replace('    matchLabels: {app: web}\n', '    matchLabels: {}\n');
    const [pdb] = lint(text, RULE, STRICT);
    assert.equal(pdb.fix, undefined);
  });
});

test('replicas-too-low leaves workloads that cannot safely run twice alone', () => {
  const text = fixture('single-instance.yaml');
  assert.deepEqual(lint(text, ['replicas-too-low'], STRICT), []);
  // a scratch emptyDir, a ReadWriteMany claim and an ordinary image: it fires again
  const plain = text
    .replace('mountPath: /data}', 'mountPath: /tmp}')
    .replace('accessModes: [ReadWriteOnce]', 'accessModes: [ReadWriteMany]')
    .replace('prom/pushgateway:v1.9.0', 'example.com/gateway:1.0')
    .replace('  name: pushgateway\n', '  name: gateway\n')
    .replace(/- name: pushgateway\n/, '- name: gateway\n')
    .replace('quay.io/prometheuscommunity/postgres-exporter:v0.15.0', 'example.com/pg-metrics:1.0');
  assert.equal(lint(plain, ['replicas-too-low'], STRICT).length, 4);
});

test('a probe whose port resolves only to a UDP or SCTP containerPort is a finding', () => {
  const text = fixture('probe-udp.yaml');
  const ds = lint(text, ['probe-port-not-exposed'], STRICT);
  assert.deepEqual(ds.map((d) => d.range.start.line + 1).sort(), [22, 25]);
  assert.ok(ds.some((d) => d.messageId === 'portNotTcp' && d.data?.port === '"dns"' && d.data.protocols === 'UDP'));
  // the same port also declared for TCP (as CoreDNS does): fine
  const both = text.replace(
    '            - {name: metrics',
    '            - {name: dns-tcp, containerPort: 53, protocol: TCP}\n            - {name: metrics',
  );
  assert.deepEqual(lint(both.replace('port: dns\n', 'port: dns-tcp\n'), ['probe-port-not-exposed'], STRICT), []);
});

test('messages never repeat a list entry', () => {
  const text = fixture('probe-udp.yaml')
    .replace('port: 53\n', 'port: 8080\n')
    .replace(
      '{name: metrics, containerPort: 9153}',
      '{name: metrics, containerPort: 9153}\n            - {containerPort: 9153, protocol: UDP}',
    );
  const d = lint(text, ['probe-port-not-exposed'], STRICT).find((x) => String(x.data?.port) === '8080')!;
  assert.equal(d.data?.declared, '53, 9153');
});

/** The volume a hostPath finding names (its `volume` data), for matching findings to volumes. */
const volumeOf = (d: Found): string => String(d.data?.volume ?? '');

test('one finding per problem: a hostPath "/" is one error; a plain hostPath still gets the general findings', () => {
  const RULES = ['sensitive-host-path', 'host-path-volume', 'writable-host-path'];
  const ds = lint(fixture('host-root.yaml'), RULES, STRICT);
  const at = (line: number): string[] =>
    ds
      .filter((d) => d.range.start.line + 1 === line || volumeOf(d).includes(line === 21 ? '"root"' : '"logs"'))
      .map((d) => d.ruleId)
      .sort();
  assert.deepEqual(
    ds.filter((d) => d.data?.path === '/' || volumeOf(d).includes('"root"')).map((d) => `${d.ruleId} ${d.severity}`),
    ['sensitive-host-path error'],
  );
  assert.deepEqual(at(23), ['host-path-volume', 'writable-host-path']);
});

test('a document with a duplicate key is reported, and still checked with the last value', () => {
  const text = fixture('duplicate-key.yaml');
  const ds = lint(text, ['yaml-syntax', 'host-namespaces'], STRICT);
  assert.deepEqual(ds.map((d) => `${d.ruleId} ${d.range.start.line + 1}`).sort(), [
    'host-namespaces 8',
    'yaml-syntax 8',
  ]);
  // the last value decides: false last, nothing to report but the duplicate
  const swapped = text
    .replace('hostNetwork: false\n', 'hostNetwork: TRUE_\n')
    .replace('hostNetwork: true #', 'hostNetwork: false #')
    .replace('TRUE_', 'true');
  assert.deepEqual(
    lint(swapped, ['yaml-syntax', 'host-namespaces'], STRICT).map((d) => d.ruleId),
    ['yaml-syntax'],
  );
});

test("a Service's port checks consider only the pods it selects in its own namespace", () => {
  const text = fixture('service-namespaces.yaml');
  assert.deepEqual(lint(text, ['service-port-mismatch'], STRICT), []);
  // the same Deployment moved into the Service's namespace is matched, and its port named "web" is a mismatch
  const together = text.replace('  namespace: staging\n', '  namespace: shop\n');
  assert.equal(lint(together, ['service-port-mismatch'], STRICT).length, 1);
});

test('a class defined twice is named once in a message', () => {
  const [d] = lint(fixture('repeated-classes.yaml'), ['storageclass-not-found'], STRICT);
  assert.equal(d.data?.list, '"fast"');
});
