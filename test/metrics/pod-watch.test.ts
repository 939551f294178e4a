/**
 * Pods kept current by a list and a watch through the panel's connection, against the test API server's real watch
 * streams (chunked JSON lines, BOOKMARK events, an ERROR event with a 410 Status after compaction, streams the
 * server ends): added, modified and deleted pods arrive without another list; an ended stream resumes from the last
 * resourceVersion (bookmarks included) without listing; a compacted version lists again; a pod moved to another
 * owner is aggregated under its new workload, and the cached aggregation equals one from scratch.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { aggregate } from '../../client/src/metrics/aggregate';
import type { RawCluster } from '../../client/src/metrics/cluster-client';
import { ClusterConnection } from '../../client/src/metrics/connection';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { PodFactsCache } from '../../client/src/metrics/pod-facts';
import { PodWatch } from '../../client/src/metrics/pod-watch';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver';
import { smallCluster, type PodSpecFixture } from '../support/fake-cluster';

/** Waits until `ok()` holds (the watch applies events as they arrive); fails with `what` after 10 s. */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(ok(), what);
}

const names = (w: PodWatch) => w.pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort();

describe('pods kept current by a watch', () => {
  let server: FakeApiServer;
  let runner: CredentialRunner;
  let conn: ClusterConnection;
  let watch: PodWatch;
  const watchQueries = () =>
    server.requests
      .filter((r) => r.startsWith('/api/v1/pods?') && r.includes('watch=true'))
      .map((r) => new URL(r, 'https://x').searchParams);

  before(async () => {
    server = await startFakeApiServer({ cluster: smallCluster() });
    runner = new CredentialRunner({ timeoutMs: 5000 });
    conn = new ClusterConnection(loadKubeconfig({ setting: kubeconfigFor(server) }, { trusted: false }), runner, {
      timeoutMs: 5000,
    });
    watch = new PodWatch(conn, { pageSize: 2, retryMs: 20 });
    await watch.start();
  });
  after(async () => {
    watch.dispose();
    await watch.ended();
    runner.dispose();
    await server.stop();
  });

  test('the first list is paged and complete; a watch opens from its resourceVersion', async () => {
    assert.deepEqual(names(watch), server.cluster.pods.map((p) => `${p.namespace}/${p.name}`).sort());
    assert.equal(watch.lists, 1);
    assert.ok(
      server.requests.some((r) => r.includes('limit=2')),
      'the list is read page by page',
    );
    await until(() => server.pods.open === 1, 'a watch is open');
    const q = watchQueries()[0]!;
    assert.equal(q.get('resourceVersion'), server.pods.resourceVersion);
    assert.equal(q.get('allowWatchBookmarks'), 'true');
    assert.ok(watch.synced);
  });

  test('ADDED, MODIFIED and DELETED events change the pods without another list', async () => {
    const base = server.cluster.pods[0]!;
    const added: PodSpecFixture = { ...base, name: 'web-new-0', node: base.node };
    server.pods.add(added);
    await until(() => names(watch).includes(`${added.namespace}/web-new-0`), 'the added pod arrives');
    const resized: PodSpecFixture = {
      ...added,
      containers: added.containers.map((c) => ({ ...c, requests: { cpu: '777m', memory: '77Mi' } })),
    };
    server.pods.modify(added, resized);
    const cpuOf = () =>
      watch.pods.find((p) => p.metadata?.name === 'web-new-0')?.spec?.containers[0]?.resources?.requests?.cpu;
    await until(() => cpuOf() === '777m', 'the modified pod arrives');
    server.pods.remove(resized);
    await until(() => !names(watch).includes(`${added.namespace}/web-new-0`), 'the deleted pod goes');
    assert.equal(watch.lists, 1, 'no list again');
    assert.ok(watch.events >= 3);
  });

  test('a stream the server ends resumes from the last resourceVersion, a bookmark included', async () => {
    const opened = server.pods.watches;
    server.pods.bookmark();
    const rv = server.pods.resourceVersion;
    await until(() => watch.events > 0, 'events seen');
    await new Promise((r) => setTimeout(r, 100)); // let the bookmark arrive before the stream ends
    server.pods.closeAll(); // the server's timeoutSeconds
    await until(() => server.pods.watches > opened && server.pods.open === 1, 'a new watch is open');
    assert.equal(watchQueries().at(-1)!.get('resourceVersion'), rv);
    assert.equal(watch.lists, 1, 'resumed, not listed again');
  });

  test('410 Gone after compaction: the pods are listed again, changes made meanwhile included', async () => {
    const lists = watch.lists;
    watch.dispose();
    await watch.ended();
    // Changes the old watch never saw, then the history compacted away.
    const gone = server.cluster.pods[1]!;
    server.pods.remove(gone);
    server.pods.compact();
    const stale = new PodWatch(conn, { pageSize: 2, retryMs: 20 });
    await stale.start();
    assert.ok(!names(stale).includes(`${gone.namespace}/${gone.name}`));
    await until(() => server.pods.open === 1, 'watching');
    // Its stream ends, and it resumes from a version older than the compaction, as a watch that was away would.
    const resumedFrom = Number(server.pods.resourceVersion) - 1;
    (stale as unknown as { resourceVersion: string }).resourceVersion = String(resumedFrom);
    server.pods.closeAll();
    await until(() => stale.lists === 2, 'listed again after 410');
    await until(() => server.pods.open === 1, 'watching again');
    assert.deepEqual(names(stale), server.cluster.pods.map((p) => `${p.namespace}/${p.name}`).sort());
    assert.ok(lists >= 1);
    watch = stale;
  });

  test('a pod moved to another owner is aggregated under its new workload; cached equals from scratch', async () => {
    const cache = new PodFactsCache();
    const raw = (): RawCluster => ({
      context: 'test',
      server: server.url,
      namespace: 'default',
      pods: watch.pods,
      problems: [],
      fetchMs: 0,
    });
    const first = aggregate(raw(), 0, undefined, cache);
    const p = server.cluster.pods.find((x) => x.deployment)!;
    const before = first.pods.find((r) => r.name === p.name)!;
    assert.equal(before.owner, `Deployment/${p.deployment}`);
    server.pods.modify(p, { ...p, deployment: undefined }); // now run by a StatefulSet
    await until(
      () =>
        watch.pods.some((x) => x.metadata?.name === p.name && x.metadata.ownerReferences?.[0]?.kind === 'StatefulSet'),
      'the move arrives',
    );
    const parsed = cache.parsed;
    const next = aggregate(raw(), 0, undefined, cache);
    assert.equal(next.pods.find((r) => r.name === p.name)!.owner, `StatefulSet/${p.app}`);
    assert.equal(cache.parsed, parsed + 1, 'only the changed pod is parsed again');
    assert.deepEqual(next, aggregate(raw(), 0));
  });
});
