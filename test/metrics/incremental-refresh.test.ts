/**
 * A refresh that reuses what it knows (each pod parsed once per resourceVersion, rows kept while their usage is the
 * same, workloads answered again only when the owners changed) must give exactly what a refresh from scratch gives.
 * A seeded random sequence of cluster changes, in the real JSON the API server sends (pod specs and statuses,
 * ownerReferences, PodMetrics): pods added, deleted, resized, restarted, OOM killed, moved to another owner, their
 * usage moving, repeated or missing. After each step the snapshot, the history and the message to the page from the
 * incremental path equal those of a fresh aggregation into a history of its own; each right-sizing equals one
 * computed afresh where it matters (a recommendation reused for a few minutes is the one computed from the evidence it
 * shows, with the memory and OOM floor of a fresh one); and a refresh that reads the same metrics window again sends an
 * empty delta, its pod entries the same objects as before.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { aggregate } from '../../client/src/metrics/aggregate';
import type { PodMetricJson, RawCluster } from '../../client/src/metrics/cluster-client';
import { UsageHistory, workloadKeyOf } from '../../client/src/metrics/history';
import { rightsize } from '../../client/src/metrics/recommend';
import { RECOMMENDATION_REUSE, rightsizingOf } from '../../client/src/metrics/workload-usage';
import { workloadOf } from '../../client/src/metrics/owners';
import { PodFactsCache } from '../../client/src/metrics/pod-facts';
import { deltaMessage } from '../../client/src/metrics/pods-delta';
import { snapshotMessage } from '../../client/src/metrics/view-model';
import { nodeJson, podJson, podMetricJson, type PodSpecFixture } from '../support/fake-cluster';

type Json = Record<string, unknown>;

/** A small seeded generator (mulberry32): the same sequence every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LivePod {
  fixture: PodSpecFixture;
  index: number;
  resourceVersion: number;
  /** Edits applied to the JSON (resized, restarted, moved …): part of the pod's current version. */
  edits: ((pod: Json) => void)[];
  /** The tick of its usage, and whether metrics-server reports it at all. */
  usageTick: number;
  reported: boolean;
}

const NODES = [
  { name: 'node-a', cpu: '4', memory: '16Gi' },
  { name: 'node-b', cpu: '8', memory: '32Gi' },
];

function fixture(i: number, app: string): PodSpecFixture {
  return {
    namespace: `ns-${i % 3}`,
    name: `${app}-6b7f9d5c4-${i.toString(36).padStart(5, '0')}`,
    node: NODES[i % 2]!.name,
    app,
    deployment: app,
    containers: [
      {
        name: 'app',
        requests: { cpu: `${100 + (i % 5) * 50}m`, memory: `${128 * (1 + (i % 3))}Mi` },
        limits: { memory: `${256 * (1 + (i % 3))}Mi` },
        usage: (t) => ({ milli: 10 + ((i * 7 + t * 3) % 200), mib: 60 + ((i * 13 + t) % 150) }),
      },
      { name: 'sidecar', requests: { cpu: '10m', memory: '32Mi' }, usage: () => ({ milli: 2, mib: 15 }) },
    ],
  };
}

/** Owners that change answers over time: a ReplicaSet's Deployment is known from some step on. */
class Owners {
  version = 0;
  private readonly known = new Map<string, { kind: string; name: string; owner?: { kind: string; name: string } }>();
  learn(uid: string, rs: string, deployment: string): void {
    this.known.set(uid, { kind: 'ReplicaSet', name: rs, owner: { kind: 'Deployment', name: deployment } });
    this.version++;
  }
  workloadOf(pod: V1Pod) {
    return workloadOf(pod, this.known as never);
  }
}

const message = (snap: ReturnType<typeof aggregate>, history: UsageHistory, withHistory = true) =>
  snapshotMessage(snap, history, { contexts: ['test'], intervalSec: 15, focus: null, withHistory });

function rawOf(pods: V1Pod[], podMetrics: PodMetricJson[]): RawCluster {
  return {
    context: 'test',
    server: 'https://127.0.0.1:6443',
    namespace: 'default',
    nodes: NODES.map((n, i) => nodeJson(n, i)) as V1Node[],
    pods,
    podMetrics,
    nodeMetrics: [],
    problems: [],
    fetchMs: 0,
  };
}

describe('an incremental refresh equals one from scratch', () => {
  for (const seed of [1, 7, 42]) {
    test(`random changes, seed ${seed}`, () => {
      const rnd = random(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const apps = ['web', 'api', 'worker', 'cache'];
      let next = 0;
      const live: LivePod[] = [];
      const add = () => {
        const i = next++;
        live.push({
          fixture: fixture(i, pick(apps)),
          index: i,
          resourceVersion: 1,
          edits: [],
          usageTick: 0,
          reported: true,
        });
      };
      for (let k = 0; k < 40; k++) add();
      const owners = new Owners();
      const cache = new PodFactsCache();
      const incremental = new UsageHistory(20);
      const scratch = new UsageHistory(20);
      const t0 = Date.parse('2026-12-03T07:00:00Z');
      // The JSON of each pod is built once per version, as a watch or a list keeps one object per version.
      const jsonOf = new Map<LivePod, { rv: number; json: Json }>();
      // Four hours of earlier windows in both histories, so that recommendations are computed and sent (and cached).
      const early = aggregate(
        rawOf(
          live.map((p) => podJson(p.fixture, p.index) as V1Pod),
          [],
        ),
        t0,
      );
      for (let k = 1; k <= 120; k++) {
        const usageAt = t0 - (121 - k) * 120_000;
        const past = {
          ...early,
          time: usageAt,
          pods: early.pods.map((p) => ({
            ...p,
            usageAt,
            containers: p.containers.map((c) => ({ ...c, cpu: 0.01 * (1 + (k % 7)), mem: 2 ** 20 * (50 + k) })),
          })),
        };
        incremental.record(past);
        scratch.record(past);
      }
      let prevMessage: ReturnType<typeof message> | undefined;
      let prevLight: ReturnType<typeof message> | undefined;
      let recommended = 0;
      let reused = 0;
      let prevRows: Set<unknown> | undefined;
      /** Each workload container's right-sizing computed afresh, by the evidence (and OOM floor) it stood on. */
      const computedFrom = new Map<string, unknown>();
      let reusedRecommendations = 0;
      for (let step = 1; step <= 60; step++) {
        const changes = 1 + Math.floor(rnd() * 6);
        for (let c = 0; c < changes; c++) {
          const r = rnd();
          const p = pick(live);
          const edit = (f: (pod: Json) => void) => {
            p.edits.push(f);
            p.resourceVersion++;
          };
          if (r < 0.12) add();
          else if (r < 0.22 && live.length > 5) live.splice(live.indexOf(p), 1);
          else if (r < 0.32)
            edit((pod) => {
              const c0 = (pod.spec as { containers: Json[] }).containers[0]!;
              c0.resources = {
                requests: { cpu: `${50 + step}m`, memory: `${64 + step}Mi` },
                limits: { memory: `${200 + step}Mi` },
              };
            });
          else if (r < 0.42)
            edit((pod) => {
              const s = (pod.status as { containerStatuses: Json[] }).containerStatuses[0]!;
              s.restartCount = ((s.restartCount as number) ?? 0) + 1;
              s.lastState = {
                terminated: {
                  exitCode: 137,
                  reason: rnd() < 0.5 ? 'OOMKilled' : 'Error',
                  finishedAt: new Date(t0 + step * 15_000).toISOString(),
                },
              };
            });
          else if (r < 0.5)
            // Moved to another owner: a new ReplicaSet (a rollout), or a StatefulSet.
            edit((pod) => {
              const meta = pod.metadata as { ownerReferences: Json[]; labels: Record<string, string> };
              const rs = `${p.fixture.app}-${step}abc`;
              meta.labels['pod-template-hash'] = `${step}abc`;
              meta.ownerReferences =
                rnd() < 0.7
                  ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `rs-${step}`, controller: true }]
                  : [
                      {
                        apiVersion: 'apps/v1',
                        kind: 'StatefulSet',
                        name: `${p.fixture.app}-db`,
                        uid: `ss-${step}`,
                        controller: true,
                      },
                    ];
            });
          else if (r < 0.55)
            edit((pod) => void ((pod.status as Json).phase = pick(['Running', 'Succeeded', 'Failed', 'Pending'])));
          else if (r < 0.6) owners.learn(`rs-${Math.max(1, step - 1)}`, `x-${step}`, pick(apps));
          else if (r < 0.7) p.reported = !p.reported;
        }
        // Most pods' usage moves each window; some stay in the same window (polled faster than scraped).
        for (const p of live) if (rnd() < 0.7) p.usageTick++;
        const pods = live.map((p) => {
          let j = jsonOf.get(p);
          if (!j || j.rv !== p.resourceVersion) {
            const json = podJson(p.fixture, p.index);
            (json.metadata as Json).resourceVersion = String(p.index * 1000 + p.resourceVersion);
            for (const e of p.edits) e(json);
            jsonOf.set(p, (j = { rv: p.resourceVersion, json }));
          }
          // Sometimes a fresh copy of the same version (a re-list parses new objects).
          return (rnd() < 0.3 ? structuredClone(j.json) : j.json) as V1Pod;
        });
        const metrics = live
          .filter((p) => p.reported)
          .map((p) => {
            const m = podMetricJson(p.fixture, p.usageTick) as Json;
            m.timestamp = new Date(t0 + p.usageTick * 15_000).toISOString();
            return m as unknown as PodMetricJson;
          });
        const raw = rawOf(pods, metrics);
        const now = t0 + step * 15_000;
        const before = prevMessage;
        const a = aggregate(raw, now, owners, cache);
        const b = aggregate(raw, now, owners);
        assert.deepEqual(a, b, `snapshot at step ${step}`);
        incremental.record(a);
        scratch.record(b);
        const ma = message(a, incremental);
        const mb = message(b, scratch);
        assert.deepEqual(ma, mb, `message at step ${step}`);
        if (before)
          assert.deepEqual(deltaMessage(before.pods, ma), deltaMessage(before.pods, mb), `delta at step ${step}`);
        prevMessage = ma;
        // The message without history (every refresh of a page that has it) reuses the entries of unchanged pods.
        const la = message(a, incremental, false);
        assert.deepEqual(la, message(b, scratch, false), `message without history at step ${step}`);
        if (prevLight)
          assert.deepEqual(
            deltaMessage(prevLight.pods, la),
            deltaMessage(prevLight.pods, message(b, scratch, false)),
            `delta without history at step ${step}`,
          );
        recommended += la.pods.filter((p) => p.containers.some((c) => c.rec)).length;
        // Each right-sizing equals one computed afresh from the statistics where it matters. Evidence being
        // collected is computed again with every window. A recommendation is reused for a few minutes of metric time
        // (one more window barely moves it): it is then exactly the one computed from the evidence it shows (windows,
        // span, age), and its memory (from the peak) and OOM floor are always those of a fresh computation.
        for (const p of b.pods)
          for (const c of p.containers) {
            const key = `${workloadKeyOf(p)}/${c.name}`;
            const w = scratch.workload(key);
            if (!w) continue;
            const fresh = rightsize({
              summary: w.stats.summary,
              evidence: w.stats.evidence,
              source: 'panel',
              ...(w.oomKill ? { oomKill: w.oomKill } : {}),
            });
            const evidenceKey = `${key} ${JSON.stringify(fresh.evidence)} ${w.oomKill?.memLimit}`;
            if (!computedFrom.has(evidenceKey)) computedFrom.set(evidenceKey, fresh);
            const got = rightsizingOf(workloadKeyOf(p), c.name, incremental);
            const at = `${p.key} at step ${step}`;
            if (got?.kind !== 'recommendation' || fresh.kind !== 'recommendation') {
              assert.deepEqual(got, fresh, at);
              continue;
            }
            assert.deepEqual(
              [got.memRequest, got.memLimit, got.oomFloor, got.stats.memMax, got.stats.cpuMax],
              [fresh.memRequest, fresh.memLimit, fresh.oomFloor, fresh.stats.memMax, fresh.stats.cpuMax],
              at,
            );
            const shown = `${key} ${JSON.stringify(got.evidence)} ${got.oomKill?.memLimit}`;
            assert.deepEqual(got, computedFrom.get(shown), `${at}: the value is the one computed from its evidence`);
            const ageMs = fresh.evidence.lastAt - got.evidence.lastAt;
            assert.ok(ageMs < RECOMMENDATION_REUSE.minMs + RECOMMENDATION_REUSE.spreadMs, `${at}: reused ${ageMs} ms`);
            if (ageMs > 0) reusedRecommendations++;
          }
        // The same answer read again (polled before metrics-server's next scrape): nothing is sent.
        if (step % 10 === 0) {
          const again = aggregate(raw, now + 5_000, owners, cache);
          incremental.record(again);
          scratch.record(aggregate(raw, now + 5_000, owners));
          const same = message(again, incremental, false);
          const d = deltaMessage(la.pods, same);
          assert.deepEqual([d.added, d.removed, d.changed], [[], [], []], `an unchanged refresh at step ${step}`);
          assert.ok(
            same.pods.every((p, i) => p === la.pods[i]),
            'unchanged pods keep their entries (skipped by identity)',
          );
        }
        prevLight = la;
        if (prevRows) reused += a.pods.filter((row) => prevRows!.has(row)).length;
        prevRows = new Set(a.pods);
        assert.equal(cache.size, live.length, 'the cache holds the live pods only');
        assert.equal(cache.objects, live.length, 'and one object of each (the last one it was given)');
      }
      // The cache did its work: most pods were parsed once per version, and unchanged rows were kept.
      assert.ok(cache.parsed < 40 + 60 * 6 + 60, `parsed ${cache.parsed} pods`);
      assert.ok(reused > 0, 'rows whose facts and usage did not change are reused');
      assert.ok(recommended > 0, 'recommendations were computed and compared');
      assert.ok(reusedRecommendations > 0, 'recommendations were reused between windows');
    });
  }
});
