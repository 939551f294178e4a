/**
 * Drift against the test API server, through the real kubeconfig loading and credentials of the metrics panel: the
 * wire format of the dry-run apply, in sync despite defaults and a mutating webhook, a drifted field labelled with
 * its manager, an object not in the cluster, an HPA's replicas, each failure with its next step, the cache by
 * resourceVersion, list versus get, and that nothing is ever written.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { DriftObject } from '../../server/src/protocol';
import { compareObjects, DryRunCache, type ObjectDrift } from '../../client/src/drift/compare';
import { formatPath } from '../../client/src/drift/diff';
import { notInCluster, objectsIn } from '../../client/src/drift/missing';
import { ConnectionClusterAccess } from '../../client/src/drift/connection-access';
import { connect } from '../../client/src/metrics/connection';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { kubeconfigFor, startFakeApiServer } from '../support/fake-apiserver';
import { FakeObjects, type FakeObjectsOptions } from '../support/fake-objects';

type Plain = Record<string, unknown>;

function deployment(name: string, namespace: string, image: string, replicas?: number): Plain {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }] }] },
      },
    },
  };
}

/** The object as the language server hands it over (no line table needed here: paths are checked, not lines). */
function manifest(body: Plain, hpas: string[] = []): DriftObject {
  const meta = body.metadata as { name: string; namespace?: string };
  return {
    apiVersion: String(body.apiVersion),
    kind: String(body.kind),
    name: meta.name,
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    anchor: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    body,
    paths: [],
    hpas,
  };
}

async function start(opts: FakeObjectsOptions = {}) {
  const objects = new FakeObjects(opts);
  const server = await startFakeApiServer({ objects });
  const loaded = loadKubeconfig({ setting: kubeconfigFor(server, { context: 'staging' }) }, { trusted: true });
  const sent: string[] = [];
  const access = new ConnectionClusterAccess(
    connect(loaded, new CredentialRunner({ timeoutMs: 5000 }), { timeoutMs: 5000 }),
    {
      onRequest: (m, p) => sent.push(`${m} ${p}`),
    },
  );
  return { objects, server, access, sent };
}

const drifted = (r: ObjectDrift) =>
  r.state.kind === 'drift'
    ? r.state.fields.map((f) => `${formatPath(f.difference.livePath)} ${f.manager?.manager ?? '-'}`)
    : r.state.kind;

describe('drift against the API server', () => {
  let env: Awaited<ReturnType<typeof start>>;
  before(async () => {
    env = await start({
      forbid: [{ verb: 'get', resource: 'configmaps', namespace: 'secure' }],
      deny: {
        webhook: 'policy.example.com',
        check: (o) =>
          ((o.metadata as Plain).labels as Plain | undefined)?.tier === 'forbidden'
            ? 'label tier=forbidden is not allowed'
            : undefined,
      },
    });
    env.objects.seed(deployment('web', 'shop', 'shop:1.2', 2));
    env.objects.seed(deployment('api', 'shop', 'api:2.0', 3));
    env.objects.edit(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'shop' },
      [{ path: ['spec', 'template', 'spec', 'containers', 0, 'image'], value: 'api:2.1-hotfix' }],
      'kubectl-edit',
    );
    env.objects.seed(deployment('worker', 'shop', 'worker:1.0', 2));
    env.objects.edit(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker', namespace: 'shop' },
      [{ path: ['spec', 'replicas'], value: 6 }],
      'kube-controller-manager',
      'scale',
    );
  });
  after(() => env.server.stop());

  test('in sync although the server fills in defaults and a webhook annotates the template', async () => {
    const [r] = await compareObjects(env.access, [manifest(deployment('web', 'shop', 'shop:1.2', 2))]);
    assert.equal(r!.state.kind, 'in-sync');
    const live = env.objects.get('apps/v1', 'Deployment', 'web', 'shop')!;
    const tmpl = (live.spec as Plain).template as Plain;
    assert.equal(((tmpl.metadata as Plain).annotations as Plain)['policy.example.com/admitted'], 'true');
    assert.equal((live.spec as Plain).progressDeadlineSeconds, 600);
  });

  test('the dry run is a server-side apply, as kubectl diff --server-side sends it', async () => {
    env.objects.patches.length = 0;
    await compareObjects(env.access, [manifest(deployment('web', 'shop', 'shop:1.2', 2))]);
    assert.equal(env.objects.patches.length, 1);
    const p = env.objects.patches[0]!;
    const url = new URL(p.url, 'https://x');
    assert.equal(url.pathname, '/apis/apps/v1/namespaces/shop/deployments/web');
    assert.deepEqual(Object.fromEntries(url.searchParams), { dryRun: 'All', fieldManager: 'kubewise', force: 'true' });
    assert.equal(p.contentType, 'application/apply-patch+yaml');
    assert.deepEqual(JSON.parse(p.body), deployment('web', 'shop', 'shop:1.2', 2));
  });

  test('a drifted field, labelled with the manager that set it; what is not drift is left out', async () => {
    const [r] = await compareObjects(env.access, [manifest(deployment('api', 'shop', 'api:2.0', 3))]);
    assert.deepEqual(drifted(r!), ['spec.template.spec.containers[0].image kubectl-edit']);
    const f = r!.state.kind === 'drift' ? r!.state.fields[0]! : undefined;
    assert.deepEqual([f?.difference.live, f?.difference.applied], ['api:2.1-hotfix', 'api:2.0']);
    assert.ok(r!.changedAt, 'the age of the change comes from managedFields');
    assert.equal(JSON.stringify(r!.live).includes('last-applied-configuration'), false);
    assert.equal(JSON.stringify(r!.live).includes('managedFields'), false);
  });

  test('replicas scaled by an HPA are managed, not drift (named from the workspace, or seen in managedFields)', async () => {
    const [named] = await compareObjects(env.access, [
      manifest(deployment('worker', 'shop', 'worker:1.0', 2), ['worker-hpa']),
    ]);
    assert.equal(named!.state.kind, 'in-sync');
    assert.deepEqual(
      named!.managed.map((m) => m.by),
      ['HorizontalPodAutoscaler worker-hpa'],
    );
    const [seen] = await compareObjects(env.access, [manifest(deployment('worker', 'shop', 'worker:1.0', 2))]);
    assert.equal(seen!.state.kind, 'in-sync');
    assert.match(seen!.managed[0]!.by, /kube-controller-manager through the scale subresource/);
  });

  test('an object that does not exist is "not in the cluster", with no dry run', async () => {
    env.objects.patches.length = 0;
    const [r] = await compareObjects(env.access, [manifest(deployment('gone', 'shop', 'x:1', 1))]);
    assert.equal(r!.state.kind, 'missing');
    assert.equal(env.objects.patches.length, 0);
  });

  test('forbidden: names the verb, the resource and the namespace', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'keys', namespace: 'secure' },
      data: { a: '1' },
    };
    const [r] = await compareObjects(env.access, [manifest(cm)]);
    assert.equal(r!.state.kind, 'error');
    if (r!.state.kind !== 'error') return;
    assert.equal(r!.state.problem.short, 'cannot read: forbidden to get configmaps in secure');
    assert.match(r!.state.problem.next, /"get" on "configmaps" in secure/);
  });

  test('a kind the cluster does not serve: the CRD is not installed', async () => {
    const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' }, spec: {} };
    const [r] = await compareObjects(env.access, [manifest(cr)]);
    assert.equal(r!.state.kind, 'error');
    if (r!.state.kind !== 'error') return;
    assert.match(r!.state.problem.next, /CustomResourceDefinition/);
  });

  test('a dry run rejected by an admission webhook shows its message', async () => {
    const body = deployment('web', 'shop', 'shop:1.2', 2);
    (body.metadata as Plain).labels = { app: 'web', tier: 'forbidden' };
    const [r] = await compareObjects(env.access, [manifest(body)]);
    assert.equal(r!.state.kind, 'error');
    if (r!.state.kind !== 'error') return;
    assert.match(
      r!.state.problem.short,
      /rejected by an admission webhook: "policy.example.com" denied the request: label tier=forbidden/,
    );
  });

  test('409: a manifest that pins an old resourceVersion', async () => {
    const body = deployment('web', 'shop', 'shop:1.2', 2);
    (body.metadata as Plain).resourceVersion = '1';
    const [r] = await compareObjects(env.access, [manifest(body)]);
    assert.equal(r!.state.kind, 'error');
    if (r!.state.kind !== 'error') return;
    assert.match(r!.state.problem.short, /^conflict: Operation cannot be fulfilled/);
    assert.match(r!.state.problem.next, /Remove metadata.resourceVersion/);
  });

  test('workspace objects not in the cluster, for the chosen namespaces', async () => {
    const ref = (name: string, namespace?: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name,
      ...(namespace ? { namespace } : {}),
      uri: `file:///w/${name}.yaml`,
      line: 0,
    });
    const all = [ref('web', 'shop'), ref('gone', 'shop'), ref('api', 'shop'), ref('other', 'team'), ref('bare')];
    const shop = objectsIn(all, ['shop'], 'default');
    assert.deepEqual(
      shop.map((o) => o.name),
      ['web', 'gone', 'api'],
    );
    for (const threshold of [1, 5]) {
      const r = await notInCluster(env.access, shop, threshold);
      assert.deepEqual(
        r.missing.map((o) => o.name),
        ['gone'],
        `list threshold ${threshold}`,
      );
    }
    const everywhere = await notInCluster(env.access, objectsIn(all, [], 'default'), 5);
    assert.deepEqual(everywhere.missing.map((o) => o.name).sort(), ['bare', 'gone', 'other']);
  });

  test('nothing was ever written', () => {
    assert.deepEqual(env.objects.writes, []);
    assert.ok(
      env.sent.every((s) => s.startsWith('GET ') || /[?&]dryRun=All(&|$)/.test(s)),
      env.sent.join('\n'),
    );
  });
});

describe('requests', () => {
  test('a list per kind and namespace for many objects; the dry run cached by resourceVersion', async () => {
    const env = await start();
    try {
      const bodies = Array.from({ length: 12 }, (_, i) => deployment(`svc-${i}`, i < 6 ? 'a' : 'b', `img:${i}`, 1));
      for (const b of bodies.slice(0, 10)) env.objects.seed(b);
      const cache = new DryRunCache();
      const objs = bodies.map((b) => manifest(b));
      const first = await compareObjects(env.access, objs, { cache, listThreshold: 5 });
      assert.deepEqual(
        first.map((r) => r.state.kind),
        [...Array(10).fill('in-sync'), 'missing', 'missing'],
      );
      const count = (re: RegExp) => env.sent.filter((s) => re.test(s)).length;
      assert.equal(count(/^GET \/apis\/apps\/v1\/namespaces\/[ab]\/deployments$/), 2, 'one list per namespace');
      assert.equal(count(/^GET .*deployments\/svc/), 0, 'no get when listed');
      assert.equal(count(/^PATCH/), 10, 'one dry run per existing object');

      env.sent.length = 0;
      env.objects.edit(
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'svc-3', namespace: 'a' },
        [{ path: ['spec', 'replicas'], value: 4 }],
        'kubectl-scale',
      );
      const second = await compareObjects(env.access, objs, { cache, listThreshold: 5 });
      assert.equal(count(/^PATCH/), 1, 'only the object whose resourceVersion moved is sent again');
      assert.deepEqual(drifted(second[3]!), ['spec.replicas kubectl-scale']);

      env.sent.length = 0;
      await compareObjects(env.access, objs.slice(0, 2), { cache, listThreshold: 5 });
      assert.equal(count(/^GET .*deployments\/svc-[01]$/), 2, 'few objects: one get each');
      assert.deepEqual(env.objects.writes, []);
    } finally {
      await env.server.stop();
    }
  });

  test('401 stops at once: every object says so, one request is enough', async () => {
    const env = await start();
    try {
      const loaded = loadKubeconfig(
        { setting: kubeconfigFor(env.server, { auth: { token: 'wrong' } }) },
        { trusted: true },
      );
      const sent: string[] = [];
      const access = new ConnectionClusterAccess(
        connect(loaded, new CredentialRunner({ timeoutMs: 5000 }), { timeoutMs: 5000 }),
        {
          onRequest: (_m, p) => sent.push(p),
        },
      );
      const objs = Array.from({ length: 20 }, (_, i) => manifest(deployment(`d${i}`, 'a', 'x:1', 1)));
      const r = await compareObjects(access, objs, { concurrency: 1 });
      assert.ok(r.every((x) => x.state.kind === 'error' && /401/.test(x.state.problem.short)));
      assert.equal(sent.length, 1);
    } finally {
      await env.server.stop();
    }
  });

  test('a document change cancels: the comparison stops with the abort', async () => {
    const env = await start();
    try {
      const ctl = new AbortController();
      const objs = Array.from({ length: 30 }, (_, i) => manifest(deployment(`d${i}`, `n${i}`, 'x:1', 1)));
      const run = compareObjects(env.access, objs, { signal: ctl.signal, concurrency: 2 });
      ctl.abort();
      await assert.rejects(run);
      assert.ok(env.sent.length < 30, `sent ${env.sent.length}`);
    } finally {
      await env.server.stop();
    }
  });
});
