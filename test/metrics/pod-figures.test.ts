/**
 * Pod and container figures as `kubectl top pod` and k9s compute them, from the real JSON of a pod list and its
 * metrics.k8s.io usage: app containers and native sidecars count, init containers are not added to the usage nor
 * to the request a pod's %CPU/R is read against; the node totals book what the scheduler books. Where Kubewise
 * differs from k9s on purpose (docs/metrics.md, "Where Kubewise differs from k9s"), the difference is pinned here.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { aggregate } from '../../client/src/metrics/aggregate';
import type { PodMetricJson, RawCluster } from '../../client/src/metrics/cluster-client';
import { percentOf } from '../../server/src/protocol/quantity';

const MI = 2 ** 20;
type Json = Record<string, unknown>;

function raw(pods: Json[], metrics: PodMetricJson[], nodes: Json[] = []): RawCluster {
  return {
    context: 'test',
    server: 'https://127.0.0.1:6443',
    namespace: 'default',
    nodes: nodes as unknown as V1Node[],
    pods: pods as unknown as V1Pod[],
    podMetrics: metrics,
    nodeMetrics: [],
    problems: [],
    fetchMs: 0,
  };
}

const node = { metadata: { name: 'node-a' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } };

function podJson(spec: Json, name = 'web-0'): Json {
  return {
    metadata: { name, namespace: 'shop', creationTimestamp: '2026-12-01T08:00:00Z', labels: { app: 'web' } },
    spec: { nodeName: 'node-a', restartPolicy: 'Always', ...spec },
    status: { phase: 'Running', qosClass: 'Burstable' },
  };
}

function usage(name: string, containers: [string, string, string][]): PodMetricJson {
  return {
    metadata: { name, namespace: 'shop' },
    timestamp: '2026-12-03T07:00:00Z',
    window: '15.011s',
    containers: containers.map(([n, cpu, memory]) => ({ name: n, usage: { cpu, memory } })),
  };
}

describe('pod figures as k9s shows them', () => {
  test('a 2-CPU init container is not part of the request %CPU/R is read against (42 %, as k9s)', () => {
    const snap = aggregate(
      raw(
        [
          podJson({
            initContainers: [
              { name: 'migrate', image: 'migrate:1', resources: { requests: { cpu: '2', memory: '1Gi' } } },
            ],
            containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu: '500m', memory: '256Mi' } } }],
          }),
        ],
        [usage('web-0', [['app', '210000000n', '131072Ki']])],
        [node],
      ),
    );
    const pod = snap.pods[0]!;
    assert.equal(pod.cpuReq, 0.5);
    assert.equal(pod.memReq, 256 * MI);
    assert.equal(percentOf(pod.cpu, pod.cpuReq), 42);
    assert.equal(percentOf(pod.mem, pod.memReq), 50);
    assert.deepEqual(
      pod.containers.map((c) => c.name),
      ['app'],
      'a finished init container is no row',
    );
    // The scheduler still books the init container's 2 CPU on the node.
    assert.equal(snap.nodes![0]!.cpuReq, 2);
    assert.equal(snap.nodes![0]!.memReq, 1024 * MI);
  });

  test('a native sidecar counts in usage, request and limit; the overhead only on the node', () => {
    const snap = aggregate(
      raw(
        [
          podJson({
            initContainers: [
              {
                name: 'proxy',
                image: 'envoy:1',
                restartPolicy: 'Always',
                resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
              },
            ],
            containers: [
              {
                name: 'app',
                image: 'app:1',
                resources: { requests: { cpu: '400m', memory: '192Mi' }, limits: { cpu: '1', memory: '256Mi' } },
              },
            ],
            overhead: { cpu: '250m', memory: '120Mi' },
          }),
        ],
        [
          usage('web-0', [
            ['proxy', '50m', '32Mi'],
            ['app', '200m', '96Mi'],
          ]),
        ],
        [node],
      ),
    );
    const pod = snap.pods[0]!;
    assert.deepEqual(
      pod.containers.map((c) => [c.name, c.sidecar]),
      [
        ['proxy', true],
        ['app', false],
      ],
    );
    assert.equal(pod.cpu, 0.25);
    assert.equal(pod.mem, 128 * MI);
    assert.equal(pod.cpuReq, 0.5);
    assert.equal(pod.memReq, 256 * MI);
    assert.equal(pod.cpuLim, 1.2);
    assert.equal(pod.memLim, 320 * MI);
    assert.equal(percentOf(pod.cpu, pod.cpuReq), 50);
    assert.equal(snap.nodes![0]!.cpuReq, 0.75, 'requests plus the overhead');
    assert.equal(snap.nodes![0]!.memReq, 376 * MI);
  });

  test('Kubewise differs from k9s: a request missing for one resource is the limit, as the API server defaults it', () => {
    // k9s takes the whole limits list only when requests are empty, so it shows no memory request here.
    const snap = aggregate(
      raw(
        [
          podJson({
            containers: [
              {
                name: 'app',
                image: 'app:1',
                resources: { requests: { cpu: '100m' }, limits: { memory: '128Mi' } },
              },
            ],
          }),
        ],
        [usage('web-0', [['app', '50m', '64Mi']])],
      ),
    );
    assert.equal(snap.pods[0]!.memReq, 128 * MI);
    assert.equal(percentOf(snap.pods[0]!.mem, snap.pods[0]!.memReq), 50);
  });

  test('Kubewise differs from k9s: a pod with one unlimited container has no pod limit (k9s sums the others)', () => {
    const snap = aggregate(
      raw(
        [
          podJson({
            containers: [
              { name: 'a', image: 'a:1', resources: { limits: { cpu: '1', memory: '1Gi' } } },
              { name: 'b', image: 'b:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
            ],
          }),
        ],
        [
          usage('web-0', [
            ['a', '100m', '64Mi'],
            ['b', '100m', '64Mi'],
          ]),
        ],
      ),
    );
    assert.equal(snap.pods[0]!.cpuLim, undefined);
    assert.equal(snap.pods[0]!.memLim, undefined);
    assert.equal(snap.pods[0]!.containers[0]!.cpuLim, 1);
  });
});
