/**
 * The contents of the test API server: nodes, pods (owned by Deployments through ReplicaSets, with requests and
 * limits) and their metrics.k8s.io usage, as the real API server and metrics-server write them (CPU in `n`,
 * memory in `Ki`). Deterministic: the same options give the same cluster; `tick` moves the usage along so that
 * history has something to record.
 */
import { ownerRef } from './fake-workloads';

export interface ContainerSpec {
  readonly name: string;
  readonly requests?: { cpu?: string; memory?: string };
  readonly limits?: { cpu?: string; memory?: string };
  /** Usage in millicores and MiB at a tick. */
  readonly usage: (tick: number) => { milli: number; mib: number };
}

export interface PodSpecFixture {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly app: string;
  readonly deployment?: string;
  readonly containers: readonly ContainerSpec[];
  readonly sidecars?: readonly ContainerSpec[];
  readonly phase?: string;
  /** Changes the pod's JSON after it is built (statuses, init containers, owners: see fake-workloads.ts). */
  readonly patch?: (pod: Record<string, unknown>) => void;
}

export interface FakeCluster {
  readonly nodes: readonly { name: string; cpu: string; memory: string }[];
  readonly pods: PodSpecFixture[];
  tick: number;
}

const CREATED = '2026-12-01T08:00:00Z';

/** A small cluster with known figures, the one most tests read. */
export function smallCluster(): FakeCluster {
  return {
    tick: 0,
    nodes: [
      { name: 'node-a', cpu: '3920m', memory: '15991512Ki' },
      { name: 'node-b', cpu: '4', memory: '16Gi' },
    ],
    pods: [
      {
        namespace: 'shop',
        name: 'web-7d4b9c8f6-x2k4p',
        node: 'node-a',
        app: 'web',
        deployment: 'web',
        containers: [
          {
            name: 'nginx',
            requests: { cpu: '500m', memory: '128Mi' },
            limits: { cpu: '1', memory: '256Mi' },
            usage: (t) => ({ milli: 38 + (t % 5) * 2, mib: 120 + (t % 3) }),
          },
        ],
        sidecars: [
          {
            name: 'proxy',
            requests: { cpu: '100m', memory: '64Mi' },
            limits: { memory: '64Mi' },
            usage: () => ({ milli: 5, mib: 20 }),
          },
        ],
      },
      {
        namespace: 'shop',
        name: 'web-7d4b9c8f6-q9z7m',
        node: 'node-b',
        app: 'web',
        deployment: 'web',
        containers: [
          {
            name: 'nginx',
            requests: { cpu: '500m', memory: '128Mi' },
            limits: { cpu: '1', memory: '256Mi' },
            usage: (t) => ({ milli: 42 + (t % 4), mib: 118 }),
          },
        ],
      },
      {
        namespace: 'data',
        name: 'db-0',
        node: 'node-b',
        app: 'db',
        containers: [
          {
            name: 'postgres',
            requests: { cpu: '1', memory: '1Gi' },
            usage: (t) => ({ milli: 250 + (t % 7) * 10, mib: 900 + (t % 2) * 20 }),
          },
          { name: 'exporter', usage: () => ({ milli: 3, mib: 12 }) },
        ],
      },
      {
        namespace: 'kube-system',
        name: 'coredns-5d78c9869d-abcde',
        node: 'node-a',
        app: 'kube-dns',
        deployment: 'coredns',
        containers: [
          {
            name: 'coredns',
            requests: { cpu: '100m', memory: '70Mi' },
            limits: { memory: '170Mi' },
            usage: () => ({ milli: 4, mib: 18 }),
          },
        ],
      },
    ],
  };
}

/** `count` pods over `namespaces` namespaces and `nodes` nodes, for the bench and the scale test. */
export function bigCluster(count: number, namespaces = 50, nodes = 100): FakeCluster {
  const nodeList = Array.from({ length: nodes }, (_, i) => ({ name: `node-${i}`, cpu: '16', memory: '64Gi' }));
  const pods: PodSpecFixture[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `team-${i % namespaces}`;
    const app = `svc-${Math.floor(i / namespaces) % 40}`;
    pods.push({
      namespace: ns,
      name: `${app}-6b7f9d5c4-${i.toString(36).padStart(5, '0')}`,
      node: `node-${i % nodes}`,
      app,
      deployment: app,
      containers: [
        {
          name: 'app',
          requests: { cpu: `${100 + (i % 5) * 100}m`, memory: `${128 * (1 + (i % 4))}Mi` },
          limits: { memory: `${256 * (1 + (i % 4))}Mi` },
          usage: (t) => ({ milli: 10 + ((i * 7 + t) % 300), mib: 60 + ((i * 13 + t) % 400) }),
        },
        {
          name: 'sidecar',
          requests: { cpu: '10m', memory: '32Mi' },
          usage: () => ({ milli: 2, mib: 15 }),
        },
      ],
    });
  }
  return { tick: 0, nodes: nodeList, pods };
}

function hashOf(p: PodSpecFixture): string {
  return p.name.split('-').slice(-2, -1)[0] ?? 'abc';
}

function containerJson(c: ContainerSpec, image: string, sidecar = false): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  if (c.requests) resources.requests = c.requests;
  if (c.limits) resources.limits = c.limits;
  return {
    name: c.name,
    image,
    resources,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...(sidecar ? { restartPolicy: 'Always' } : {}),
  };
}

export function podJson(p: PodSpecFixture, index: number): Record<string, unknown> {
  const pod = basePodJson(p, index);
  p.patch?.(pod);
  return pod;
}

function basePodJson(p: PodSpecFixture, index: number): Record<string, unknown> {
  const labels: Record<string, string> = { app: p.app };
  const metadata: Record<string, unknown> = {
    name: p.name,
    namespace: p.namespace,
    uid: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    resourceVersion: String(1000 + index),
    creationTimestamp: CREATED,
    labels,
  };
  if (p.deployment) {
    const hash = hashOf(p);
    labels['pod-template-hash'] = hash;
    metadata.generateName = `${p.deployment}-${hash}-`;
    metadata.ownerReferences = [ownerRef('ReplicaSet', 'apps/v1', p.namespace, `${p.deployment}-${hash}`)];
  } else {
    metadata.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: p.app,
        uid: `20000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  return {
    metadata,
    spec: {
      ...(p.sidecars?.length
        ? { initContainers: p.sidecars.map((c) => containerJson(c, 'envoyproxy/envoy:v1.31.0', true)) }
        : {}),
      containers: p.containers.map((c) => containerJson(c, `registry.example.com/${p.app}:1.0.0`)),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: p.node,
      schedulerName: 'default-scheduler',
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: CREATED }],
      hostIP: '10.0.0.1',
      podIP: `10.244.${(index >> 8) & 255}.${index & 255}`,
      startTime: CREATED,
      qosClass: 'Burstable',
      containerStatuses: p.containers.map((c) => ({
        name: c.name,
        ready: true,
        restartCount: 0,
        started: true,
        image: `registry.example.com/${p.app}:1.0.0`,
        imageID: `registry.example.com/${p.app}@sha256:${'0'.repeat(64)}`,
        containerID: `containerd://${'a'.repeat(64)}`,
        state: { running: { startedAt: CREATED } },
        lastState: {},
      })),
      // Native sidecars report as started, running init containers.
      ...(p.sidecars?.length
        ? {
            initContainerStatuses: p.sidecars.map((c) => ({
              name: c.name,
              ready: true,
              restartCount: 0,
              started: true,
              image: 'envoyproxy/envoy:v1.31.0',
              imageID: `envoyproxy/envoy@sha256:${'1'.repeat(64)}`,
              containerID: `containerd://${'c'.repeat(64)}`,
              state: { running: { startedAt: CREATED } },
              lastState: {},
            })),
          }
        : {}),
    },
  };
}

export function nodeJson(n: FakeCluster['nodes'][number], index: number): Record<string, unknown> {
  return {
    metadata: {
      name: n.name,
      uid: `30000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      resourceVersion: String(500 + index),
      creationTimestamp: CREATED,
      labels: { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
    },
    spec: { podCIDR: `10.244.${index}.0/24` },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: n.cpu, memory: n.memory, pods: '110' },
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: `10.0.0.${index + 1}` },
        { type: 'Hostname', address: n.name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.33.0',
        kubeProxyVersion: 'v1.33.0',
        containerRuntimeVersion: 'containerd://1.7.0',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.1.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    },
  };
}

const cpuN = (milli: number) => `${Math.round(milli * 1e6)}n`;
const memKi = (mib: number) => `${Math.round(mib * 1024)}Ki`;

export function podMetricJson(p: PodSpecFixture, tick: number): Record<string, unknown> {
  return {
    metadata: {
      name: p.name,
      namespace: p.namespace,
      creationTimestamp: new Date().toISOString(),
      labels: { app: p.app },
    },
    timestamp: '2026-12-03T07:00:00Z',
    window: '15.011s',
    containers: [...(p.sidecars ?? []), ...p.containers].map((c) => {
      const u = c.usage(tick);
      return { name: c.name, usage: { cpu: cpuN(u.milli), memory: memKi(u.mib) } };
    }),
  };
}

/** Node usage: the sum of its pods' usage plus a system share, as the kubelet reports it. */
export function nodeMetricJson(c: FakeCluster, n: FakeCluster['nodes'][number]): Record<string, unknown> {
  let milli = 150;
  let mib = 900;
  for (const p of c.pods) {
    if (p.node !== n.name) continue;
    for (const ct of [...(p.sidecars ?? []), ...p.containers]) {
      const u = ct.usage(c.tick);
      milli += u.milli;
      mib += u.mib;
    }
  }
  return {
    metadata: {
      name: n.name,
      creationTimestamp: new Date().toISOString(),
      labels: { 'kubernetes.io/hostname': n.name },
    },
    timestamp: '2026-12-03T07:00:00Z',
    window: '20.006s',
    usage: { cpu: cpuN(milli), memory: memKi(mib) },
  };
}
