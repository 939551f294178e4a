/**
 * The test API server's right-sizing cluster: `Deployment/web` in both `staging` and `prod` (same name, different
 * usage), `Deployment/api` in `prod` whose container was OOMKilled at its 256Mi limit, and `Deployment/shop-web` in
 * `default`, the release `shop` of the test chart (test/fixtures/rightsizing/chart). Its metrics.k8s.io
 * windows move on two minutes per list (each answer a new `timestamp`, as metrics-server's scrapes are), so a test
 * gathers hours of evidence in a hundred refreshes without waiting for them; replicas report a few seconds apart
 * within a window, as kubelets scraped in one round do.
 */
import type { FakeCluster, PodSpecFixture } from './fake-cluster';

/** Rewrites what the test API server serves (hooked into fake-apiserver.ts's `standIn` option). */
export interface StandIn {
  pod?(json: Record<string, unknown>, fixture: PodSpecFixture): Record<string, unknown>;
  podMetric?(json: Record<string, unknown>, fixture: PodSpecFixture, tick: number): Record<string, unknown>;
}

export const WINDOW_STEP_MS = 120_000;
const START = Date.parse('2026-12-03T07:00:00Z');

export function rightsizingCluster(): FakeCluster {
  const web = (namespace: string, name: string, node: string, milli: number, mib: number): PodSpecFixture => ({
    namespace,
    name,
    node,
    app: 'web',
    deployment: 'web',
    containers: [
      {
        name: 'nginx',
        requests: { cpu: '500m', memory: '128Mi' },
        limits: { memory: '256Mi' },
        usage: (t) => ({ milli: milli + (t % 5), mib: mib + (t % 3) }),
      },
    ],
  });
  return {
    tick: 0,
    nodes: [
      { name: 'node-a', cpu: '4', memory: '16Gi' },
      { name: 'node-b', cpu: '4', memory: '16Gi' },
    ],
    pods: [
      web('staging', 'web-5c9d7b8f4-s1a2b', 'node-a', 20, 60),
      web('prod', 'web-7d4b9c8f6-p1a2b', 'node-a', 80, 150),
      web('prod', 'web-7d4b9c8f6-p3c4d', 'node-b', 90, 160),
      {
        namespace: 'default',
        name: 'shop-web-6d5f7c9b8-c1h2a',
        node: 'node-a',
        app: 'web',
        deployment: 'shop-web',
        containers: [
          {
            name: 'app',
            requests: { cpu: '500m', memory: '128Mi' },
            limits: { memory: '256Mi' },
            usage: (t) => ({ milli: 30 + (t % 4), mib: 90 + (t % 5) }),
          },
        ],
      },
      {
        namespace: 'prod',
        name: 'api-6f8d9c7b5-k8m2n',
        node: 'node-b',
        app: 'api',
        deployment: 'api',
        containers: [
          {
            name: 'server',
            requests: { cpu: '200m', memory: '256Mi' },
            limits: { memory: '256Mi' },
            usage: (t) => ({ milli: 40 + (t % 3), mib: 180 + (t % 4) }),
          },
        ],
      },
    ],
  };
}

export function rightsizingStandIn(): StandIn {
  return {
    pod(json, fixture) {
      if (fixture.app !== 'api') return json;
      // Restarted once after the kernel's OOM killer ended it at its 256Mi limit.
      const status = json.status as { containerStatuses: Record<string, unknown>[] };
      for (const s of status.containerStatuses) {
        s.restartCount = 1;
        s.lastState = {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: '2026-12-02T08:00:00Z',
            finishedAt: '2026-12-03T06:40:00Z',
            containerID: `containerd://${'b'.repeat(64)}`,
          },
        };
      }
      return json;
    },
    podMetric(json, fixture, tick) {
      const offset = fixture.node === 'node-b' ? 3_000 : 0;
      return { ...json, timestamp: new Date(START + tick * WINDOW_STEP_MS + offset).toISOString(), window: '15.011s' };
    },
  };
}
