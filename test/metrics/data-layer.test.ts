/**
 * The metrics data layer against the test API server, through the real @kubernetes/client-node and real kubeconfig
 * files: the figures of a known cluster, kubectl's KUBECONFIG merge, the three kinds of auth, and every failure a user
 * meets (no or broken kubeconfig, unreachable server, TLS, 401/403, no metrics API) mapped to its own message, never a
 * stack trace.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { aggregate, type Snapshot } from '../../client/src/metrics/aggregate';
import { fetchCluster } from '../../client/src/metrics/cluster-client';
import { listContexts, loadKubeconfig, type KubeconfigSource } from '../../client/src/metrics/kubeconfig';
import { MetricsError, type MetricsProblem } from '../../client/src/metrics/problems';
import {
  kubeconfigFor,
  kubeconfigYaml,
  startFakeApiServer,
  writeTemp,
  type FakeApiServer,
  type FakeApiServerOptions,
} from '../support/fake-apiserver';

const MI = 2 ** 20;

async function snapshot(
  src: KubeconfigSource,
  extra: { trusted?: boolean; context?: string; timeoutMs?: number } = {},
): Promise<Snapshot> {
  const loaded = loadKubeconfig(src, {
    trusted: extra.trusted ?? true,
    ...(extra.context ? { context: extra.context } : {}),
  });
  return aggregate(await fetchCluster(loaded, { timeoutMs: extra.timeoutMs ?? 5000 }));
}

/** The problem a failing load or fetch reports; fails the test when it succeeds or throws something else. */
async function failure(run: () => unknown): Promise<MetricsProblem> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof MetricsError, `expected a MetricsError, got ${String(e)}`);
    assertNoStack(e.problem);
    return e.problem;
  }
  assert.fail('expected a failure');
}

function assertNoStack(p: MetricsProblem): void {
  for (const s of [p.title, p.detail, p.next]) {
    assert.ok(s.length > 0);
    assert.doesNotMatch(s, /\n\s+at |\.js:\d+|node_modules/, `a stack trace leaked: ${s}`);
  }
}

async function withServer(opts: FakeApiServerOptions, run: (s: FakeApiServer) => Promise<void>): Promise<void> {
  const s = await startFakeApiServer(opts);
  try {
    await run(s);
  } finally {
    await s.stop();
  }
}

describe('metrics data layer: a healthy cluster', () => {
  let s: FakeApiServer;
  before(async () => (s = await startFakeApiServer()));
  after(() => s.stop());

  test('pods: usage, effective requests (sidecar included) and limits per pod and container', async () => {
    const snap = await snapshot({ setting: kubeconfigFor(s) });
    assert.deepEqual(snap.problems, []);
    assert.equal(snap.metrics, true);
    assert.equal(snap.pods.length, 4);
    const web = snap.pods.find((p) => p.key === 'shop/web-7d4b9c8f6-x2k4p')!;
    assert.equal(web.owner, 'Deployment/web');
    assert.deepEqual(
      web.containers.map((c) => [c.name, c.sidecar]),
      [
        ['proxy', true],
        ['nginx', false],
      ],
    );
    assert.ok(Math.abs(web.cpu! - 0.043) < 1e-9, `cpu ${web.cpu}`);
    assert.equal(web.mem, 140 * MI);
    assert.ok(Math.abs(web.cpuReq! - 0.6) < 1e-9);
    assert.equal(
      web.memReq,
      192 * MI,
      'memory request is the sum of the requests (client-node topPods sums limits here)',
    );
    assert.equal(web.cpuLim, undefined, 'the proxy has no CPU limit, so the pod has none');
    assert.equal(web.memLim, 320 * MI);
    const db = snap.pods.find((p) => p.name === 'db-0')!;
    assert.equal(db.owner, 'StatefulSet/db');
    const exporter = db.containers.find((c) => c.name === 'exporter')!;
    assert.equal(exporter.cpuReq, undefined);
    assert.ok(Math.abs(exporter.cpu! - 0.003) < 1e-9);
  });

  test('nodes: usage from metrics.k8s.io, allocatable, and the sum of the requests of their running pods', async () => {
    const snap = await snapshot({ setting: kubeconfigFor(s) });
    const a = snap.nodes!.find((n) => n.name === 'node-a')!;
    assert.ok(Math.abs(a.cpu! - 0.197) < 1e-9, `node-a cpu ${a.cpu}`);
    assert.equal(a.cpuAlloc, 3.92);
    assert.equal(a.memAlloc, 15991512 * 1024);
    assert.ok(Math.abs(a.cpuReq - 0.7) < 1e-9);
    assert.equal(a.memReq, (192 + 70) * MI);
    assert.equal(a.pods, 2);
  });

  test('KUBECONFIG with several files merges as kubectl does: the first definition and current-context win', async () => {
    const first = writeTemp(
      'a.yaml',
      kubeconfigYaml({ server: s.url, caPem: s.pki.caCert, auth: { token: s.token }, context: 'one' }),
    );
    const second = writeTemp(
      'b.yaml',
      kubeconfigYaml({
        server: 'https://127.0.0.1:1',
        caPem: s.pki.caCert,
        auth: { token: 'x' },
        context: 'two',
        cluster: 'one-cluster',
        currentContext: 'two',
      }),
    );
    const missing = join(s.pki.dir, 'not-there.yaml');
    const env = [missing, first, second].join(delimiter);
    assert.deepEqual(listContexts({ env }), { contexts: ['one', 'two'], current: 'one' });
    const loaded = loadKubeconfig({ env }, { trusted: false });
    assert.equal(loaded.context, 'one');
    assert.deepEqual(loaded.files, [first, second]);
    // "two" points at cluster "one-cluster", which the first file defined: the first definition wins.
    const two = loadKubeconfig({ env }, { trusted: false, context: 'two' });
    assert.equal(two.server, s.url);
    assert.equal(
      (await failure(() => snapshot({ env }, { context: 'two' }))).kind,
      'unauthorized',
      'two has its own user',
    );
  });

  test('the setting wins over KUBECONFIG, and ~/.kube/config is the fallback', () => {
    const cfg = kubeconfigFor(s);
    assert.equal(loadKubeconfig({ setting: cfg, env: '/nope' }, { trusted: false }).files[0], cfg);
    const home = join(cfg, '..', 'home');
    const p = join(home, '.kube');
    mkdirSync(p, { recursive: true });
    writeFileSync(
      join(p, 'config'),
      kubeconfigYaml({ server: s.url, caPem: s.pki.caCert, auth: { token: s.token }, context: 'homectx' }),
    );
    assert.equal(loadKubeconfig({ home }, { trusted: false }).context, 'homectx');
  });

  test('client-certificate auth, CA from a file', async () => {
    const cfg = writeTemp(
      'config',
      kubeconfigYaml({
        server: s.url,
        caFile: s.pki.files.caCert,
        auth: { clientCertFile: s.pki.files.clientCert, clientKeyFile: s.pki.files.clientKey },
      }),
    );
    assert.equal((await snapshot({ setting: cfg })).pods.length, 4);
  });

  test('an exec plugin runs in a trusted workspace, and is refused in an untrusted one', async () => {
    const script = writeTemp(
      'cred.js',
      `process.stdout.write(JSON.stringify({apiVersion:'client.authentication.k8s.io/v1',kind:'ExecCredential',status:{token:${JSON.stringify(s.token)}}}));`,
    );
    const cfg = writeTemp(
      'config',
      kubeconfigYaml({
        server: s.url,
        caPem: s.pki.caCert,
        auth: { exec: { command: process.execPath, args: [script] } },
      }),
    );
    assert.equal((await snapshot({ setting: cfg }, { trusted: true })).pods.length, 4);
    const p = await failure(() => loadKubeconfig({ setting: cfg }, { trusted: false }));
    assert.equal(p.kind, 'exec-untrusted');
    assert.match(p.next, /"Manage Workspace Trust" and trust this folder/);
  });
});

describe('metrics data layer: every failure has its own message', () => {
  let s: FakeApiServer;
  before(async () => (s = await startFakeApiServer()));
  after(() => s.stop());

  test('no kubeconfig at all', async () => {
    const p = await failure(() => loadKubeconfig({ home: '/nonexistent-home' }, { trusted: true }));
    assert.equal(p.kind, 'no-kubeconfig');
    assert.match(p.detail, /\/nonexistent-home\/\.kube\/config does not exist/);
    const q = await failure(() => loadKubeconfig({ env: '/a/x:/b/y' }, { trusted: true }));
    assert.equal(q.kind, 'no-kubeconfig');
    assert.match(q.detail, /KUBECONFIG names/);
  });

  test('a broken kubeconfig names the file and the line', async () => {
    const bad = writeTemp(
      'config',
      'apiVersion: v1\nkind: Config\nclusters:\n- name: x\n  cluster: {server: "https://a\n  bad: [\n',
    );
    const p = await failure(() => loadKubeconfig({ setting: bad }, { trusted: true }));
    assert.equal(p.kind, 'kubeconfig-broken');
    assert.ok(p.title.includes(bad), p.title);
    assert.match(p.title, /at line \d+/);
    const noServer = writeTemp(
      'config',
      'apiVersion: v1\nclusters:\n- name: a\n  cluster:\n    server: https://x\n- name: b\n  cluster:\n    certificate-authority-data: AAAA\ncontexts: []\n',
    );
    const q = await failure(() => loadKubeconfig({ setting: noServer }, { trusted: true }));
    assert.equal(q.kind, 'kubeconfig-broken');
    assert.match(q.title, /at line 6$/);
    assert.match(q.detail, /clusters\[1\]\.cluster\.server is missing/);
    const unreadable = await failure(() => loadKubeconfig({ setting: '/nonexistent/kubeconfig' }, { trusted: true }));
    assert.equal(unreadable.kind, 'kubeconfig-broken');
    assert.match(unreadable.detail, /does not exist/);
  });

  test('an unknown context, and a kubeconfig without a current context', async () => {
    const cfg = kubeconfigFor(s);
    const p = await failure(() => loadKubeconfig({ setting: cfg }, { trusted: true, context: 'prod' }));
    assert.equal(p.kind, 'unknown-context');
    assert.match(p.title, /"prod"/);
    assert.match(p.detail, /Contexts: test/);
    const none = writeTemp(
      'config',
      kubeconfigYaml({ server: s.url, caPem: s.pki.caCert, auth: { token: s.token }, currentContext: null }),
    );
    assert.equal((await failure(() => loadKubeconfig({ setting: none }, { trusted: true }))).kind, 'no-context');
  });

  test('connection refused, DNS failure and timeout', async () => {
    const dead = await startFakeApiServer();
    const cfg = kubeconfigFor(dead);
    await dead.stop();
    const refused = await failure(() => snapshot({ setting: cfg }));
    assert.equal(refused.kind, 'unreachable');
    assert.match(refused.detail, /ECONNREFUSED/);

    const dns = writeTemp(
      'config',
      kubeconfigYaml({ server: 'https://kubewise-test.invalid:6443', caPem: s.pki.caCert, auth: { token: s.token } }),
    );
    const d = await failure(() => snapshot({ setting: dns }));
    assert.equal(d.kind, 'unreachable');
    assert.match(d.title, /resolve.*kubewise-test\.invalid/);

    s.hang = true;
    try {
      const t = await failure(() => snapshot({ setting: kubeconfigFor(s) }, { timeoutMs: 300 }));
      assert.equal(t.kind, 'timeout');
    } finally {
      s.hang = false;
    }
  });

  test('a TLS error, even when the kubeconfig asks to skip verification', async () => {
    const wrongCa = writeTemp(
      'config',
      kubeconfigYaml({ server: s.url, caPem: s.pki.otherCaCert, auth: { token: s.token } }),
    );
    const p = await failure(() => snapshot({ setting: wrongCa }));
    assert.equal(p.kind, 'tls');
    assert.match(p.next, /certificate-authority/);
    const skip = writeTemp(
      'config',
      kubeconfigYaml({
        server: s.url,
        caPem: s.pki.otherCaCert,
        auth: { token: s.token },
        insecureSkipTlsVerify: true,
      }),
    );
    assert.equal(loadKubeconfig({ setting: skip }, { trusted: true }).skipTlsIgnored, true);
    assert.equal((await failure(() => snapshot({ setting: skip }))).kind, 'tls');
  });

  test('401 Unauthorized', async () => {
    const cfg = writeTemp(
      'config',
      kubeconfigYaml({ server: s.url, caPem: s.pki.caCert, auth: { token: 'wrong-token' } }),
    );
    const p = await failure(() => snapshot({ setting: cfg }));
    assert.equal(p.kind, 'unauthorized');
    assert.match(p.title, /401/);
    assert.doesNotMatch(JSON.stringify(p), /wrong-token/);
  });

  test('403: which verb on which resource is missing', () =>
    withServer({ forbid: { clusterPods: true, listNamespaces: true, namespaces: ['default'] } }, async (f) => {
      const p = await failure(() => snapshot({ setting: kubeconfigFor(f) }));
      assert.equal(p.kind, 'forbidden');
      assert.match(p.title, /Not allowed to list pods at the cluster scope/);
      assert.match(p.detail, /cannot list resource "pods"/);
      assert.match(p.next, /"list" on "pods"/);
    }));

  test('partial answers: forbidden namespaces are named, the others are shown', () =>
    withServer({ forbid: { clusterPods: true, nodes: true, namespaces: ['data'] } }, async (f) => {
      const snap = await snapshot({ setting: kubeconfigFor(f) });
      assert.deepEqual(snap.pods.map((p) => p.namespace).sort(), ['kube-system', 'shop', 'shop']);
      assert.ok(
        snap.pods.every((p) => p.cpu !== undefined),
        'usage read namespace by namespace',
      );
      const partial = snap.problems.find((p) => p.kind === 'partial' && /namespaces/.test(p.title))!;
      assert.equal(partial.severity, 'warning');
      assert.match(partial.detail, /forbidden: data/);
      const nodes = snap.problems.find((p) => /nodes/.test(p.title))!;
      assert.equal(nodes.severity, 'warning');
      assert.equal(snap.nodes, undefined);
    }));

  test("namespaces not listable either: the context's namespace and the manifests' are read one by one", () =>
    withServer({ forbid: { clusterPods: true, listNamespaces: true } }, async (f) => {
      const loaded = loadKubeconfig({ setting: kubeconfigFor(f, { namespace: 'shop' }) }, { trusted: true });
      const raw = await fetchCluster(loaded, { timeoutMs: 5000, manifestNamespaces: ['data', 'shop'] });
      const snap = aggregate(raw);
      assert.deepEqual(snap.pods.map((p) => p.namespace).sort(), ['data', 'shop', 'shop']);
      assert.ok(f.requests.some((r) => r.startsWith('/api/v1/namespaces/data/pods')));
      const partial = snap.problems.find((p) => p.kind === 'partial' && /namespaces/.test(p.title))!;
      assert.match(partial.detail, /read 2 namespace\(s\) one by one/);
    }));

  test('metrics.k8s.io absent: says how to install metrics-server, and still lists pods with their requests', () =>
    withServer({ metricsServer: false }, async (f) => {
      const snap = await snapshot({ setting: kubeconfigFor(f) });
      assert.equal(snap.metrics, false);
      const p = snap.problems.find((x) => x.kind === 'metrics-absent')!;
      assert.match(p.title, /metrics-server is not installed/);
      assert.match(p.next, /kubectl apply -f https:\/\/github.com\/kubernetes-sigs\/metrics-server/);
      assert.equal(snap.pods.length, 4);
      assert.equal(snap.pods[0]!.cpu, undefined);
      assert.ok(snap.pods.some((x) => x.cpuReq !== undefined));
    }));
});
