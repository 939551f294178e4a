/**
 * A workload's pods through their ownerReferences (Pod → ReplicaSet → Deployment, Pod → Job → CronJob,
 * StatefulSet), from real JSON and through the real @kubernetes/client-node against the test API server (which
 * serves ReplicaSets and Jobs with the ownerReferences the controllers write). A bare pod with a Deployment's
 * labels is not one of its pods; the label selector (matchExpressions included) applies only to pods whose owner
 * could not be followed.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { aggregate, type PodRow, type Snapshot } from '../../client/src/metrics/aggregate';
import { fetchCluster } from '../../client/src/metrics/cluster-client';
import { ClusterConnection } from '../../client/src/metrics/connection';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { OwnerIndex, workloadOf } from '../../client/src/metrics/owners';
import { oomKills } from '../../client/src/metrics/pod-status';
import { percentOf } from '../../server/src/protocol/quantity';
import { selectorMatches } from '../../client/src/metrics/workload-pods';
import { livePods } from '../../client/src/metrics/workload-usage';
import type { Workload } from '../../server/src/protocol';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver';
import { TROUBLE, troubleCluster } from '../support/fake-workloads';

const MI = 2 ** 20;

const workload = (kind: string, name: string, extra: Partial<Workload> = {}): Workload => ({
  apiVersion: 'apps/v1',
  kind,
  name,
  namespace: 'shop',
  ownNamespace: 'shop',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  selector: {},
  containers: [],
  ...extra,
});

describe('owner chains from real JSON', () => {
  const rsRef = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6', uid: 'rs-1', controller: true };
  const pod = (ownerReferences?: object[], labels: Record<string, string> = {}) =>
    ({ metadata: { name: 'p', namespace: 'shop', labels, ...(ownerReferences ? { ownerReferences } : {}) } }) as V1Pod;
  const rs = new Map([
    [
      'rs-1',
      {
        kind: 'ReplicaSet',
        name: 'web-7d4b9c8f6',
        owner: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-1', controller: true },
      },
    ],
    [
      'job-1',
      {
        kind: 'Job',
        name: 'nightly-29000000',
        owner: { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'c-1', controller: true },
      },
    ],
    ['job-2', { kind: 'Job', name: 'once' }],
  ]);

  test('ReplicaSet → Deployment, Job → CronJob, a Job of its own, a StatefulSet, a bare pod', () => {
    assert.deepEqual(workloadOf(pod([rsRef]), rs), { kind: 'Deployment', name: 'web', resolved: true });
    assert.deepEqual(workloadOf(pod([{ ...rsRef, kind: 'Job', name: 'nightly-29000000', uid: 'job-1' }]), rs), {
      kind: 'CronJob',
      name: 'nightly',
      resolved: true,
    });
    assert.deepEqual(workloadOf(pod([{ ...rsRef, kind: 'Job', name: 'once', uid: 'job-2' }]), rs), {
      kind: 'Job',
      name: 'once',
      resolved: true,
    });
    assert.deepEqual(workloadOf(pod([{ ...rsRef, kind: 'StatefulSet', name: 'db', uid: 's-1' }]), rs), {
      kind: 'StatefulSet',
      name: 'db',
      resolved: true,
    });
    assert.deepEqual(workloadOf(pod(), rs), { kind: 'Pod', name: 'p', resolved: true });
    // An ownerReference that is not a controller does not make a pod part of a workload.
    assert.deepEqual(workloadOf(pod([{ ...rsRef, controller: false }]), rs).kind, 'Pod');
  });

  test('an unknown ReplicaSet: the Deployment guessed from pod-template-hash, marked not resolved', () => {
    const p = pod([{ ...rsRef, uid: 'rs-unknown' }], { 'pod-template-hash': '7d4b9c8f6' });
    assert.deepEqual(workloadOf(p, rs), { kind: 'Deployment', name: 'web', resolved: false });
  });

  test('the selector, with matchExpressions, as the API machinery evaluates it', () => {
    const w = {
      selector: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'canary', operator: 'DoesNotExist', values: [] },
        { key: 'track', operator: 'NotIn', values: ['beta'] },
      ],
    };
    assert.equal(selectorMatches(w, { app: 'web', tier: 'front' }), true);
    assert.equal(selectorMatches(w, { app: 'web', tier: 'back' }), false);
    assert.equal(selectorMatches(w, { app: 'web', tier: 'edge', canary: 'yes' }), false);
    assert.equal(selectorMatches(w, { app: 'web', tier: 'edge', track: 'beta' }), false);
    assert.equal(
      selectorMatches(
        { selector: {}, matchExpressions: [{ key: 'app', operator: 'Exists', values: [] }] },
        { app: 'x' },
      ),
      true,
    );
    assert.equal(selectorMatches({ selector: {} }, { app: 'x' }), false, 'an empty selector selects nothing here');
    assert.equal(
      selectorMatches({ selector: {}, matchExpressions: [{ key: 'a', operator: 'Bogus', values: [] }] }, { a: '' }),
      false,
    );
  });

  test('the selector is a fallback only for pods whose owner could not be followed', () => {
    const row = (name: string, labels: Record<string, string>, w?: PodRow['workload']): PodRow => ({
      key: `shop/${name}`,
      namespace: 'shop',
      name,
      node: 'n',
      phase: 'Running',
      labels,
      owner: w && w.kind !== 'Pod' ? `${w.kind}/${w.name}` : '',
      ...(w ? { workload: w } : {}),
      containers: [],
    });
    const snap = (pods: PodRow[]): Snapshot => ({
      context: 'c',
      server: 's',
      namespace: 'default',
      time: 0,
      pods,
      metrics: true,
      problems: [],
    });
    const api = workload('Deployment', 'api', {
      selector: {},
      matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }],
    });
    const pods = [
      row('api-1', { app: 'api' }, { kind: 'ReplicaSet', name: 'api-x', resolved: false }),
      row('api-bare', { app: 'api' }, { kind: 'Pod', name: 'api-bare', resolved: true }),
      row('other', { app: 'api' }, { kind: 'StatefulSet', name: 'other', resolved: true }),
    ];
    assert.deepEqual(
      livePods(api, snap(pods)).map((p) => p.name),
      ['api-1'],
    );
    // Once a pod is known to be the workload's, the selector is not used at all.
    const owned = [...pods, row('api-2', { app: 'zzz' }, { kind: 'Deployment', name: 'api', resolved: true })];
    assert.deepEqual(
      livePods(api, snap(owned)).map((p) => p.name),
      ['api-2'],
    );
  });
});

describe('owners through the test API server', () => {
  let server: FakeApiServer;
  let conn: ClusterConnection;
  let runner: CredentialRunner;
  let snap: Snapshot;
  const owners = new OwnerIndex();
  let raw: Awaited<ReturnType<typeof fetchCluster>>;

  before(async () => {
    server = await startFakeApiServer({ cluster: troubleCluster() });
    runner = new CredentialRunner({ timeoutMs: 5000 });
    conn = new ClusterConnection(loadKubeconfig({ setting: kubeconfigFor(server) }, { trusted: false }), runner, {
      timeoutMs: 5000,
    });
    raw = await fetchCluster(conn, { timeoutMs: 5000 });
    await owners.update(conn, raw.pods);
    snap = aggregate(raw, Date.parse('2026-12-03T07:00:00Z'), owners);
  });
  after(async () => {
    runner.dispose();
    await server.stop();
  });

  const names = (pods: readonly PodRow[]): string[] => pods.map((p) => p.name).sort();

  test('ReplicaSets and Jobs are listed once, and again only for a ReplicaSet not seen before', async () => {
    assert.equal(owners.listings, 1);
    assert.ok(server.requests.some((r) => r.startsWith('/apis/apps/v1/replicasets?limit=500')));
    assert.ok(server.requests.some((r) => r.startsWith('/apis/batch/v1/jobs?limit=500')));
    await owners.update(conn, raw.pods);
    assert.equal(owners.listings, 1, 'a steady cluster costs no more requests');
  });

  test('web’s pods are its ReplicaSet’s, not the bare pod that carries its labels', () => {
    const web = workload('Deployment', 'web', { selector: { app: 'web' } });
    assert.deepEqual(names(livePods(web, snap)), ['web-7d4b9c8f6-q9z7m', 'web-7d4b9c8f6-x2k4p']);
    const bare = workload('Pod', TROUBLE.barePod, { apiVersion: 'v1', selector: { app: 'web' } });
    assert.deepEqual(names(livePods(bare, snap)), [TROUBLE.barePod]);
    const row = snap.pods.find((p) => p.name === TROUBLE.barePod)!;
    assert.equal(row.owner, '');
  });

  test('a CronJob’s pod through its Job', () => {
    const cron = workload('CronJob', 'nightly', { apiVersion: 'batch/v1' });
    assert.deepEqual(names(livePods(cron, snap)), [TROUBLE.jobPod]);
    assert.equal(snap.pods.find((p) => p.name === TROUBLE.jobPod)!.owner, 'CronJob/nightly');
    assert.deepEqual(names(livePods(workload('Job', 'nightly-29000000'), snap)), []);
  });

  test('the status columns of the pods in trouble, as kubectl prints them', () => {
    const byName = (n: string) => snap.pods.find((p) => p.name === n)!;
    const crash = byName(TROUBLE.crashPod).status!;
    assert.equal(crash.status, 'CrashLoopBackOff');
    assert.equal(crash.ready, '0/1');
    assert.equal(crash.restarts, 7);
    const oom = byName(TROUBLE.oomPod);
    assert.equal(oom.status!.status, 'Running');
    assert.equal(oom.status!.containers[0]!.lastTermination!.reason, 'OOMKilled');
    assert.deepEqual(oomKills(raw.pods.find((p) => p.metadata?.name === TROUBLE.oomPod)!), [
      { container: 'redis', finishedAt: Date.parse('2026-12-03T06:30:00Z'), memoryLimit: 256 * MI },
    ]);
    const init = byName(TROUBLE.initPod);
    assert.equal(init.status!.status, 'Running');
    assert.equal(percentOf(init.cpu, init.cpuReq), 42, 'the finished 2-CPU init container is not in %CPU/R');
    assert.equal(byName(TROUBLE.barePod).status!.qos, 'BestEffort');
  });
});

describe('owners when the cluster-wide lists are forbidden (namespaced Roles only)', () => {
  async function ownersWith(forbid: { clusterOwners: boolean; ownerNamespaces?: string[] }) {
    const server = await startFakeApiServer({ cluster: troubleCluster(), forbid });
    const runner = new CredentialRunner({ timeoutMs: 5000 });
    try {
      const conn = new ClusterConnection(
        loadKubeconfig({ setting: kubeconfigFor(server) }, { trusted: false }),
        runner,
        { timeoutMs: 5000 },
      );
      const raw = await fetchCluster(conn, { timeoutMs: 5000 });
      const owners = new OwnerIndex();
      await owners.update(conn, raw.pods, undefined, ['shop']);
      const snap = aggregate(raw, Date.parse('2026-12-03T07:00:00Z'), owners);
      return { owners, snap, requests: [...server.requests] };
    } finally {
      runner.dispose();
      await server.stop();
    }
  }

  test('a 403 cluster-wide: ReplicaSets and Jobs are read in the namespaces of the pods, and owners followed', async () => {
    const { owners, snap, requests } = await ownersWith({ clusterOwners: true });
    for (const path of [
      '/apis/apps/v1/namespaces/shop/replicasets?limit=500',
      '/apis/apps/v1/namespaces/kube-system/replicasets?limit=500',
      '/apis/batch/v1/namespaces/shop/jobs?limit=500',
    ]) {
      assert.ok(requests.includes(path), `${path} in ${requests.join(' ')}`);
    }
    const web = snap.pods.filter((p) => p.namespace === 'shop' && p.owner === 'Deployment/web');
    assert.equal(web.length, 2);
    assert.ok(
      web.every((p) => p.workload?.resolved),
      'followed through the ReplicaSets read per namespace',
    );
    assert.equal(snap.pods.find((p) => p.name === TROUBLE.jobPod)!.owner, 'CronJob/nightly');
    assert.deepEqual(owners.problems, [], 'every owner followed: nothing to say');
    assert.equal(owners.lastError, undefined);
  });

  test('forbidden in a namespace too: its pods are matched by labels, and the panel says where and what to ask for', async () => {
    const { owners, snap } = await ownersWith({ clusterOwners: true, ownerNamespaces: ['shop'] });
    const web = snap.pods.filter((p) => p.namespace === 'shop' && p.owner === 'Deployment/web');
    assert.equal(web.length, 2, 'the Deployment guessed from pod-template-hash');
    assert.ok(web.every((p) => p.workload && !p.workload.resolved));
    // The Deployment's selector picks its pods; the bare pod with the same labels is still not one of them.
    const live = livePods(workload('Deployment', 'web', { selector: { app: 'web' } }), snap);
    assert.ok(live.every((p) => p.name !== TROUBLE.barePod));
    assert.equal(owners.problems.length, 1);
    const p = owners.problems[0]!;
    assert.equal(p.kind, 'partial');
    assert.equal(p.severity, 'warning');
    assert.equal(p.title, 'Partial answer: the owners of pods in shop could not be read');
    assert.match(p.detail, /Listing replicasets\.apps and jobs\.batch in all namespaces is forbidden/);
    assert.match(p.detail, /read them namespace by namespace \(kube-system\)/);
    assert.match(p.detail, /matched by its label selector/);
    assert.match(p.next, /Ask for "list" on replicasets\.apps and jobs\.batch in shop/);
    assert.match(owners.lastError ?? '', /forbidden cluster-wide and in shop/);
  });
});
