/**
 * What the test API server adds for the panel's status columns and owner chains: ReplicaSets and Jobs with the
 * ownerReferences the controllers write (ReplicaSet → Deployment, Job → CronJob), served at
 * /apis/apps/v1/replicasets and /apis/batch/v1/jobs, and a cluster of pods in trouble as the API server reports
 * them: a 2-CPU init container that has finished, an OOM-killed container, a crash loop, a CronJob's Job pod, and a
 * bare pod carrying a Deployment's labels.
 */
import { createHash } from 'node:crypto';
import type { FakeCluster, PodSpecFixture } from './fake-cluster';
import { smallCluster } from './fake-cluster';

const CREATED = '2026-12-01T08:00:00Z';

type Json = Record<string, unknown>;

/** A stable uid per object, so that a pod's ownerReference and its owner's metadata agree. */
export function uidFor(kind: string, namespace: string, name: string): string {
  const h = createHash('sha256').update(`${kind}/${namespace}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function ownerRef(kind: string, apiVersion: string, namespace: string, name: string): Json {
  return { apiVersion, kind, name, uid: uidFor(kind, namespace, name), controller: true, blockOwnerDeletion: true };
}

/** A Job (and the CronJob that made it, if any) the cluster runs. */
export interface JobFixture {
  readonly namespace: string;
  readonly name: string;
  readonly cronJob?: string;
}

/** The ReplicaSet name a Deployment's pod belongs to (`web-7d4b9c8f6-x2k4p` → `web-7d4b9c8f6`). */
export function replicaSetOf(p: PodSpecFixture): string | undefined {
  return p.deployment ? p.name.split('-').slice(0, -1).join('-') : undefined;
}

function meta(kind: string, namespace: string, name: string, owner?: Json): Json {
  return {
    name,
    namespace,
    uid: uidFor(kind, namespace, name),
    resourceVersion: '4242',
    creationTimestamp: CREATED,
    ...(owner ? { ownerReferences: [owner] } : {}),
  };
}

function replicaSets(cluster: FakeCluster): Json[] {
  const seen = new Map<string, Json>();
  for (const p of cluster.pods) {
    const rs = replicaSetOf(p);
    if (!rs || seen.has(`${p.namespace}/${rs}`)) continue;
    const hash = rs.slice(p.deployment!.length + 1);
    seen.set(`${p.namespace}/${rs}`, {
      metadata: {
        ...meta('ReplicaSet', p.namespace, rs, ownerRef('Deployment', 'apps/v1', p.namespace, p.deployment!)),
        labels: { app: p.app, 'pod-template-hash': hash },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: p.app, 'pod-template-hash': hash } },
        template: { metadata: { labels: { app: p.app, 'pod-template-hash': hash } }, spec: { containers: [] } },
      },
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, fullyLabeledReplicas: 1, observedGeneration: 1 },
    });
  }
  return [...seen.values()];
}

function jobs(cluster: FakeCluster & { jobs?: readonly JobFixture[] }): Json[] {
  return (cluster.jobs ?? []).map((j) => ({
    metadata: {
      ...meta(
        'Job',
        j.namespace,
        j.name,
        j.cronJob ? ownerRef('CronJob', 'batch/v1', j.namespace, j.cronJob) : undefined,
      ),
      labels: { 'job-name': j.name },
    },
    spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: { spec: { containers: [] } } },
    status: { active: 1, startTime: CREATED },
  }));
}

const list = (kind: string, apiVersion: string, items: unknown[]) => ({
  kind,
  apiVersion,
  metadata: { resourceVersion: '12345' },
  items,
});

/** The answer to a GET of `path` on the owners' APIs, or undefined when the path is not one of them. */
export function workloadsRoute(cluster: FakeCluster, path: string): unknown {
  const m = /^\/apis\/(apps\/v1|batch\/v1)\/namespaces\/([^/]+)\/(replicasets|jobs)$/.exec(path);
  if (m) {
    const ns = decodeURIComponent(m[2]!);
    const inNs = (items: Json[]) => items.filter((o) => (o.metadata as Json).namespace === ns);
    return m[3] === 'replicasets'
      ? list('ReplicaSetList', 'apps/v1', inNs(replicaSets(cluster)))
      : list('JobList', 'batch/v1', inNs(jobs(cluster)));
  }
  switch (path) {
    case '/apis/apps/v1/replicasets':
      return list('ReplicaSetList', 'apps/v1', replicaSets(cluster));
    case '/apis/batch/v1/jobs':
      return list('JobList', 'batch/v1', jobs(cluster));
    case '/apis/batch/v1':
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'batch/v1',
        resources: [
          { name: 'jobs', singularName: 'job', namespaced: true, kind: 'Job', verbs: ['get', 'list', 'watch'] },
          { name: 'cronjobs', singularName: 'cronjob', namespaced: true, kind: 'CronJob', verbs: ['get', 'list'] },
        ],
      };
    default:
      return undefined;
  }
}

// --- A cluster with pods in trouble --------------------------------------------------------------------------

const running = (name: string, extra: Json = {}): Json => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  image: `registry.example.com/${name}:1.0.0`,
  imageID: '',
  containerID: `containerd://${'b'.repeat(64)}`,
  state: { running: { startedAt: CREATED } },
  lastState: {},
  ...extra,
});

/** The statuses of a pod's containers, replaced (the fixture's own say every container runs). */
function setStatus(pod: Json, status: Json): void {
  Object.assign(pod.status as Json, status);
}

export const TROUBLE = {
  /** A Deployment whose pods ran a 2-CPU migration init container: 210m of 500m is 42 % (as k9s). */
  initPod: 'report-5f6c7d8b9-init1',
  oomPod: 'cache-6d5c4b3a2-oom01',
  crashPod: 'worker-7b8c9d0e1-crash',
  jobPod: 'nightly-29000000-abcde',
  barePod: 'debug-web',
} as const;

/** smallCluster plus the pods in trouble, all in namespace `shop`. */
export function troubleCluster(): FakeCluster & { jobs: JobFixture[] } {
  const base = smallCluster();
  const pods: PodSpecFixture[] = [
    {
      namespace: 'shop',
      name: TROUBLE.initPod,
      node: 'node-a',
      app: 'report',
      deployment: 'report',
      containers: [
        {
          name: 'app',
          requests: { cpu: '500m', memory: '256Mi' },
          usage: () => ({ milli: 210, mib: 128 }),
        },
      ],
      patch: (pod) => {
        const spec = pod.spec as Json;
        spec.initContainers = [
          {
            name: 'migrate',
            image: 'registry.example.com/migrate:1.0.0',
            resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } },
          },
        ];
        setStatus(pod, {
          initContainerStatuses: [
            running('migrate', {
              ready: true,
              started: false,
              state: {
                terminated: {
                  exitCode: 0,
                  reason: 'Completed',
                  startedAt: CREATED,
                  finishedAt: '2026-12-01T08:01:00Z',
                },
              },
            }),
          ],
        });
      },
    },
    {
      namespace: 'shop',
      name: TROUBLE.oomPod,
      node: 'node-b',
      app: 'cache',
      deployment: 'cache',
      containers: [
        {
          name: 'redis',
          requests: { cpu: '100m', memory: '200Mi' },
          limits: { memory: '256Mi' },
          usage: () => ({ milli: 30, mib: 240 }),
        },
      ],
      patch: (pod) =>
        setStatus(pod, {
          containerStatuses: [
            running('redis', {
              restartCount: 3,
              lastState: {
                terminated: {
                  exitCode: 137,
                  reason: 'OOMKilled',
                  startedAt: '2026-12-03T06:00:00Z',
                  finishedAt: '2026-12-03T06:30:00Z',
                },
              },
            }),
          ],
        }),
    },
    {
      namespace: 'shop',
      name: TROUBLE.crashPod,
      node: 'node-a',
      app: 'worker',
      deployment: 'worker',
      containers: [{ name: 'worker', requests: { cpu: '100m', memory: '64Mi' }, usage: () => ({ milli: 1, mib: 5 }) }],
      patch: (pod) =>
        setStatus(pod, {
          conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: CREATED }],
          containerStatuses: [
            running('worker', {
              ready: false,
              started: false,
              restartCount: 7,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  startedAt: '2026-12-03T06:58:00Z',
                  finishedAt: '2026-12-03T06:59:00Z',
                },
              },
            }),
          ],
        }),
    },
    {
      namespace: 'shop',
      name: TROUBLE.jobPod,
      node: 'node-b',
      app: 'nightly',
      containers: [
        { name: 'report', requests: { cpu: '250m', memory: '128Mi' }, usage: () => ({ milli: 120, mib: 60 }) },
      ],
      patch: (pod) => {
        const metadata = pod.metadata as Json;
        metadata.ownerReferences = [ownerRef('Job', 'batch/v1', 'shop', 'nightly-29000000')];
        (metadata.labels as Json)['job-name'] = 'nightly-29000000';
        (pod.spec as Json).restartPolicy = 'Never';
      },
    },
    {
      // A bare pod someone started by hand with the web Deployment's labels: it is not one of web's pods.
      namespace: 'shop',
      name: TROUBLE.barePod,
      node: 'node-a',
      app: 'web',
      containers: [{ name: 'shell', usage: () => ({ milli: 900, mib: 900 }) }],
      patch: (pod) => {
        delete (pod.metadata as Json).ownerReferences;
        (pod.status as Json).qosClass = 'BestEffort';
      },
    },
  ];
  return {
    ...base,
    pods: [...base.pods, ...pods],
    jobs: [{ namespace: 'shop', name: 'nightly-29000000', cronJob: 'nightly' }],
  };
}
