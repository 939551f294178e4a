/**
 * HPAs that exist only in the cluster: listed through the connection (paged, namespace by namespace when the
 * cluster-wide list is forbidden) from the test API server, turned into what the hover and Apply need, and merged
 * with the workspace's; a request change they scale on says how it moves them.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { autoscalerOf, ClusterHpas, HPA_RELIST_MS, mergeAutoscalers } from '../../client/src/metrics/cluster-hpas';
import { ClusterConnection } from '../../client/src/metrics/connection';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { changesFor } from '../../client/src/metrics/resource-changes';
import type { Recommendation } from '../../client/src/metrics/recommend';
import type { WorkloadContainer } from '../../server/src/protocol';
import { kubeconfigFor, startFakeApiServer, type FakeApiServerOptions } from '../support/fake-apiserver';
import { hpaObject } from '../support/fake-hpas';

const WEB_HPA = hpaObject({
  namespace: 'shop',
  name: 'web-cpu',
  target: 'Deployment/web',
  minReplicas: 2,
  maxReplicas: 10,
  metrics: { cpu: 70, memory: '512Mi' },
});
const DB_HPA = hpaObject({
  namespace: 'data',
  name: 'db',
  target: 'StatefulSet/db',
  maxReplicas: 3,
  metrics: { memory: 80 },
});

async function withHpas(
  opts: FakeApiServerOptions,
  run: (hpas: ClusterHpas, conn: ClusterConnection, requests: string[], advance: (ms: number) => void) => Promise<void>,
): Promise<void> {
  const server = await startFakeApiServer(opts);
  const runner = new CredentialRunner({ timeoutMs: 5000 });
  try {
    const conn = new ClusterConnection(loadKubeconfig({ setting: kubeconfigFor(server) }, { trusted: false }), runner, {
      timeoutMs: 5000,
    });
    let now = 1_000_000;
    const hpas = new ClusterHpas(() => now);
    await run(hpas, conn, server.requests, (ms) => (now += ms));
  } finally {
    runner.dispose();
    await server.stop();
  }
}

describe('HPAs in the cluster', () => {
  test('what a request change moves: Utilization targets only; minReplicas defaults to 1', () => {
    assert.deepEqual(autoscalerOf(WEB_HPA), {
      name: 'web-cpu',
      minReplicas: 2,
      maxReplicas: 10,
      utilization: [{ resource: 'cpu', percent: 70 }],
    });
    // ContainerResource: one container's request; one without a container (invalid) moves nothing.
    assert.deepEqual(
      autoscalerOf(
        hpaObject({
          namespace: 'shop',
          name: 'web-app',
          target: 'Deployment/web',
          maxReplicas: 5,
          metrics: {},
          containerMetrics: [
            { container: 'app', resource: 'cpu', percent: 60 },
            { container: '', resource: 'memory', percent: 80 },
          ],
        }),
      ).utilization,
      [{ resource: 'cpu', percent: 60, container: 'app' }],
    );
    assert.deepEqual(autoscalerOf({ metadata: { name: 'x' }, spec: { maxReplicas: 4 } }), {
      name: 'x',
      minReplicas: 1,
      maxReplicas: 4,
      utilization: [],
    });
  });

  test('listed cluster-wide with paging, matched to their target workload, re-listed at most once a minute', () =>
    withHpas({ hpas: [WEB_HPA, DB_HPA] }, async (hpas, conn, requests, advance) => {
      await hpas.update(conn, ['shop']);
      assert.ok(requests.includes('/apis/autoscaling/v2/horizontalpodautoscalers?limit=500'));
      assert.deepEqual(
        hpas.forWorkload('shop/Deployment/web').map((a) => a.name),
        ['web-cpu'],
      );
      assert.deepEqual(hpas.forWorkload('data/StatefulSet/db')[0]!.utilization, [{ resource: 'memory', percent: 80 }]);
      assert.deepEqual(hpas.forWorkload('shop/Deployment/other'), []);
      assert.equal(hpas.problem, undefined);
      await hpas.update(conn, ['shop']);
      assert.equal(hpas.listings, 1, 'not listed again within a minute');
      advance(HPA_RELIST_MS);
      await hpas.update(conn, ['shop']);
      assert.equal(hpas.listings, 2);
    }));

  test('a ContainerResource HPA from the cluster moves the request of its container only', () =>
    withHpas(
      {
        hpas: [
          hpaObject({
            namespace: 'shop',
            name: 'web-app',
            target: 'Deployment/web',
            maxReplicas: 8,
            metrics: {},
            containerMetrics: [{ container: 'app', resource: 'cpu', percent: 60 }],
          }),
        ],
      },
      async (hpas, conn) => {
        await hpas.update(conn, ['shop']);
        const merged = mergeAutoscalers([], hpas.forWorkload('shop/Deployment/web'));
        assert.deepEqual(merged[0]!.utilization, [{ resource: 'cpu', percent: 60, container: 'app' }]);
        const rec = {
          cpuRequest: 0.05,
          memRequest: 128 * 2 ** 20,
          memLimit: 128 * 2 ** 20,
        } as unknown as Recommendation;
        const of = (name: string) =>
          ({ name, requests: { cpu: '500m', memory: '128Mi' }, limits: {} }) as unknown as WorkloadContainer;
        assert.match(
          changesFor(rec, of('app'), merged).find((x) => x.field === 'requests.cpu')!.hpa ?? '',
          /^HPA web-app \(in the cluster only\) scales on the cpu of container "app" at 60% of its request: 500m → 50m makes the same usage read 10\.0× as high/,
        );
        assert.deepEqual(
          changesFor(rec, of('proxy'), merged).filter((x) => x.hpa),
          [],
          'the sidecar beside it is not flagged',
        );
      },
    ));

  test('a listing abandoned by a newer refresh is not counted: the next update lists again at once', () =>
    withHpas({ hpas: [WEB_HPA] }, async (hpas, conn) => {
      const superseded = new AbortController();
      const first = hpas.update(conn, ['shop'], superseded.signal);
      superseded.abort(new Error('superseded by a newer refresh'));
      await first;
      await hpas.update(conn, ['shop']);
      assert.equal(hpas.listings, 2);
      assert.deepEqual(
        hpas.forWorkload('shop/Deployment/web').map((a) => a.name),
        ['web-cpu'],
      );
    }));

  test('forbidden cluster-wide: read in the namespaces given; forbidden there too: said, and the panel goes on', () =>
    withHpas(
      { hpas: [WEB_HPA, DB_HPA], forbid: { clusterHpas: true, hpaNamespaces: ['data'] } },
      async (hpas, conn, requests) => {
        await hpas.update(conn, ['shop', 'data']);
        assert.ok(requests.includes('/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers?limit=500'));
        assert.deepEqual(
          hpas.forWorkload('shop/Deployment/web').map((a) => a.name),
          ['web-cpu'],
        );
        assert.deepEqual(hpas.forWorkload('data/StatefulSet/db'), []);
        assert.equal(
          hpas.problem,
          'listing horizontalpodautoscalers.autoscaling in all namespaces is forbidden; read in shop, not in data',
        );
      },
    ));

  test('forbidden with no namespace to try: one sentence, no failure', () =>
    withHpas({ hpas: [WEB_HPA], forbid: { clusterHpas: true } }, async (hpas, conn) => {
      await hpas.update(conn, []);
      assert.deepEqual(hpas.forWorkload('shop/Deployment/web'), []);
      assert.match(
        hpas.problem ?? '',
        /^listing horizontalpodautoscalers\.autoscaling in all namespaces is forbidden; read in no namespace/,
      );
    }));

  test("a cluster-only HPA is merged with the workspace's and moves the request change like them", () => {
    const workspace = [
      { name: 'web-cpu', minReplicas: 3, maxReplicas: 6, utilization: [{ resource: 'cpu' as const, percent: 60 }] },
    ];
    // The same HPA in the workspace and the cluster: the workspace's, once.
    assert.deepEqual(mergeAutoscalers(workspace, [autoscalerOf(WEB_HPA)]), workspace);
    const merged = mergeAutoscalers([], [autoscalerOf(WEB_HPA)]);
    assert.equal(merged[0]!.name, 'web-cpu (in the cluster only)');
    const c: WorkloadContainer = {
      name: 'nginx',
      requests: { cpu: '500m', memory: '128Mi' },
      limits: {},
    } as unknown as WorkloadContainer;
    const rec = { cpuRequest: 0.05, memRequest: 128 * 2 ** 20, memLimit: 128 * 2 ** 20 } as unknown as Recommendation;
    const cpu = changesFor(rec, c, merged).find((x) => x.field === 'requests.cpu')!;
    assert.match(
      cpu.hpa ?? '',
      /^HPA web-cpu \(in the cluster only\) scales on cpu at 70% of the request: 500m → 50m makes the same usage read 10\.0× as high, so it scales out to about 10\.0× the replicas, up to maxReplicas 10$/,
    );
  });
});
