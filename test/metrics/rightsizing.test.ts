/**
 * Right-sizing as computed once for the panel's badge, the lens, the hover and Apply: incremental statistics,
 * evidence counted by the metrics' own windows (replicas not pooled), the evidence minimum, the OOM floor, the
 * limit policy, how a request change moves an HPA, and matching manifest objects to pods by kind, namespace and name.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { PodRow, Snapshot } from '../../client/src/metrics/aggregate';
import { metricsWindowMs } from '../../client/src/metrics/aggregate';
import { UsageHistory, workloadKeyOf } from '../../client/src/metrics/history';
import { EVIDENCE, rightsize, type Recommendation } from '../../client/src/metrics/recommend';
import { changesFor, hpaEffect, invalidAfter } from '../../client/src/metrics/resource-changes';
import { ContainerStats, DecayingHistogram } from '../../client/src/metrics/usage-stats';
import { livePods, rightsizingOf } from '../../client/src/metrics/workload-usage';
import type { Workload, WorkloadContainer } from '../../server/src/protocol';

const MI = 2 ** 20;
const MIN = 60_000;
const HOUR = 3600_000;

/** Exact nearest-rank percentile, to compare with. */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
}

function pod(
  namespace: string,
  name: string,
  owner: string,
  cpu: number,
  mem: number,
  extra: Partial<PodRow> = {},
): PodRow {
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    node: 'n',
    phase: 'Running',
    labels: { app: 'web' },
    owner,
    containers: [{ name: 'app', sidecar: false, cpu, mem }],
    ...extra,
  };
}

function snapshot(pods: PodRow[], time = 0, namespace = 'default'): Snapshot {
  return { context: 'staging', server: 's', namespace, time, pods, metrics: true, problems: [] };
}

const container = (
  requests: WorkloadContainer['requests'],
  limits: WorkloadContainer['limits'] = {},
): WorkloadContainer => {
  const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { name: 'app', kind: 'container', sidecar: false, range: r, anchor: r, hasResources: true, requests, limits };
};

function ready(over: Partial<Recommendation> = {}): Recommendation {
  const r = rightsize({
    summary: { cpuP50: 0.03, cpuP95: 0.04, cpuMax: 0.05, memP50: 100 * MI, memP95: 110 * MI, memMax: 200 * MI },
    evidence: { windows: 2000, spanMs: 48 * HOUR, values: 4000, firstAt: 0, lastAt: 48 * HOUR, pods: 2 },
    source: 'panel',
  });
  assert.equal(r.kind, 'recommendation');
  return { ...r, ...over };
}

describe('incremental statistics', () => {
  test('percentiles from the histogram are within 5 % of the exact ones (and never above the maximum)', () => {
    const h = new DecayingHistogram(0.001);
    const values: number[] = [];
    let x = 7;
    for (let i = 0; i < 5000; i++) {
      x = (x * 48271) % 2147483647;
      const v = 0.002 + ((x % 100_000) / 100_000) ** 3 * 2; // skewed: most small, a long tail up to 2 cores
      values.push(v);
      h.add(v, 0);
    }
    for (const p of [50, 90, 95, 99]) {
      const want = exact(values, p);
      const got = h.percentile(p);
      assert.ok(got >= want * 0.999 && got <= want * 1.06, `p${p}: ${got} against ${want}`);
    }
    assert.equal(
      h.max,
      values.reduce((a, b) => (a > b ? a : b)),
    );
    assert.equal(h.percentile(100), h.max);
  });

  test('old samples weigh less (a day-long half-life), so the distribution follows a changed workload', () => {
    const h = new DecayingHistogram(0.001);
    for (let i = 0; i < 1000; i++) h.add(1, 0); // a day and more ago: 1 core
    for (let i = 0; i < 1000; i++) h.add(0.1, 3 * 24 * HOUR); // now: 100m, weighing 8× as much each
    assert.ok(h.percentile(50) < 0.11, `p50 ${h.percentile(50)}`);
    // far in the future the weights are rescaled instead of overflowing
    h.add(0.1, 400 * 24 * HOUR);
    assert.ok(Number.isFinite(h.percentile(95)));
  });

  test('a week of 13 replicas (131,000 values) costs no spread and no sort', () => {
    const s = new ContainerStats();
    for (let r = 0; r < 13; r++)
      for (let i = 0; i < 10_080; i++)
        s.addSample(`web-${r}`, i * MIN, MIN, 0.1 + (i % 10) / 100, (200 + (i % 50)) * MI);
    const sum = s.summary!;
    assert.equal(sum.memMax, 249 * MI);
    assert.ok(Math.abs(sum.cpuMax - 0.19) < 1e-9);
    assert.equal(s.evidence.windows, 10_080, 'a window counts once whatever the number of replicas');
    assert.equal(s.evidence.values, 131_040);
  });
});

describe('evidence', () => {
  test('replicas are not pooled: 13 replicas for 10 minutes are 41 windows over 10 minutes, not 533', () => {
    const s = new ContainerStats();
    for (let i = 0; i <= 40; i++)
      for (let r = 0; r < 13; r++) s.addSample(`web-${r}`, i * 15_000 + r * 300, 15_000, 0.05, 100 * MI);
    assert.equal(s.evidence.windows, 41);
    assert.equal(s.evidence.pods, 13);
    const r = rightsize({ summary: s.summary, evidence: s.evidence, source: 'panel', intervalMs: 15_000 });
    assert.equal(r.kind, 'collecting');
    assert.equal(r.kind === 'collecting' && r.windowsNeeded, 59);
    // the 3 h span is what takes longest (the last replica reported 3.6 s into the last window)
    assert.equal(r.kind === 'collecting' && r.remainingMs, 3 * HOUR - 603_600);
  });

  test('the history deduplicates by the metrics’ own timestamp, not by the local clock', () => {
    const h = new UsageHistory(240);
    const at = Date.parse('2026-12-03T07:00:00Z');
    // polled three times within one metrics window: the fetch time moves, the metrics' timestamp does not
    for (const local of [1000, 6000, 11000])
      h.record(
        snapshot(
          [pod('shop', 'web-a', 'Deployment/web', 0.05, 100 * MI, { usageAt: at, usageWindowMs: 15_011 })],
          local,
        ),
      );
    const key = `${workloadKeyOf({ namespace: 'shop', name: 'web-a', owner: 'Deployment/web' })}/app`;
    assert.equal(h.workload(key)!.stats.evidence.windows, 1);
    assert.equal(h.samples('shop/web-a/app').length, 1);
    h.record(
      snapshot(
        [pod('shop', 'web-a', 'Deployment/web', 0.06, 100 * MI, { usageAt: at + 15_000, usageWindowMs: 15_011 })],
        16000,
      ),
    );
    assert.equal(h.workload(key)!.stats.evidence.windows, 2);
    assert.equal(h.samples('shop/web-a/app').length, 2);
  });

  test('a rolling update keeps the workload’s evidence (statistics are kept per workload, not per pod)', () => {
    const h = new UsageHistory(240);
    for (let i = 0; i < 10; i++)
      h.record(snapshot([pod('shop', 'web-a', 'Deployment/web', 0.05, MI, { usageAt: i * 15_000 })]));
    for (let i = 10; i < 20; i++)
      h.record(snapshot([pod('shop', 'web-b', 'Deployment/web', 0.05, MI, { usageAt: i * 15_000 })]));
    assert.equal(h.workload('shop/Deployment/web/app')!.stats.evidence.windows, 20);
  });

  test('thresholds: 100 windows and 3 hours before any value; low confidence under a day', () => {
    const summary = { cpuP50: 0.01, cpuP95: 0.02, cpuMax: 0.03, memP50: MI, memP95: MI, memMax: MI };
    const e = (windows: number, spanMs: number) => ({
      windows,
      spanMs,
      values: windows,
      firstAt: 0,
      lastAt: spanMs,
      pods: 1,
    });
    assert.equal(EVIDENCE.minWindows, 100);
    assert.equal(rightsize({ summary, evidence: e(99, 5 * HOUR), source: 'panel' }).kind, 'collecting');
    assert.equal(rightsize({ summary, evidence: e(500, 3 * HOUR - 1), source: 'panel' }).kind, 'collecting');
    const low = rightsize({ summary, evidence: e(100, 3 * HOUR), source: 'panel' });
    assert.equal(low.kind === 'recommendation' && low.confidence, 'low');
    const normal = rightsize({ summary, evidence: e(1440, 24 * HOUR), source: 'prometheus' });
    assert.equal(normal.kind === 'recommendation' && normal.confidence, 'normal');
  });
});

describe('the recommendation and the limit policy', () => {
  test('CPU at p95 + 15 %, memory at the peak + 15 % with a 100Mi floor; memory limit = request', () => {
    const r = ready();
    assert.ok(Math.abs(r.cpuRequest - 0.046) < 1e-12);
    assert.equal(r.memRequest, 200 * MI * 1.15);
    assert.equal(r.memLimit, r.memRequest);
  });

  test('after an OOM kill memory is never below the limit it was killed at (plus the VPA’s bump)', () => {
    const base = {
      summary: { cpuP50: 0.01, cpuP95: 0.02, cpuMax: 0.03, memP50: 150 * MI, memP95: 200 * MI, memMax: 250 * MI },
      evidence: { windows: 2000, spanMs: 48 * HOUR, values: 2000, firstAt: 0, lastAt: 0, pods: 1 },
      source: 'panel' as const,
    };
    const plain = rightsize(base);
    assert.equal(plain.kind === 'recommendation' && plain.memRequest, 250 * MI * 1.15);
    const killed = rightsize({ ...base, oomKill: { memLimit: 256 * MI } });
    assert.ok(killed.kind === 'recommendation');
    assert.equal(killed.memRequest, 356 * MI, 'max(256Mi × 1.2, 256Mi + 100Mi)');
    assert.equal(killed.oomFloor, 356 * MI);
  });

  test('never a request above a limit that stays: the limit is raised with it', () => {
    const rec = ready({ cpuRequest: 1.5, memRequest: 300 * MI, memLimit: 300 * MI });
    const c = container({ cpu: '500m', memory: '128Mi' }, { cpu: '1', memory: '256Mi' });
    const all = changesFor(rec, c);
    assert.deepEqual(
      all.map((x) => `${x.field}: ${x.old ?? '—'} → ${x.new}`),
      [
        'requests.cpu: 500m → 1500m',
        'limits.cpu: 1 → 1500m',
        'requests.memory: 128Mi → 300Mi',
        'limits.memory: 256Mi → 300Mi',
      ],
    );
    // the measured quick fix of memory-request-missing: the request, and the limit only because it is below
    const quick = changesFor(rec, container({}, { memory: '256Mi' }), [], 'memory');
    assert.deepEqual(
      quick.map((x) => x.field),
      ['requests.memory', 'limits.memory'],
    );
    const fits = changesFor(rec, container({}, { memory: '1Gi' }), [], 'memory');
    assert.deepEqual(
      fits.map((x) => x.field),
      ['requests.memory'],
    );
    // unticking the raised limit is refused before anything is written
    assert.match(
      invalidAfter(
        c,
        all.filter((x) => x.field !== 'limits.memory'),
      )!,
      /above limits\.memory 256Mi/,
    );
    assert.equal(invalidAfter(c, all), undefined);
  });

  test('an HPA on CPU utilization: the change says how it moves the scaling, and is marked', () => {
    const hpa = {
      name: 'web',
      minReplicas: 2,
      maxReplicas: 10,
      utilization: [{ resource: 'cpu' as const, percent: 70 }],
    };
    assert.match(
      hpaEffect(hpa, 'cpu', 0.5, 0.05)!,
      /70% of the request: 500m → 50m .* 10\.0× as high, so it scales out .* maxReplicas 10/,
    );
    assert.equal(hpaEffect(hpa, 'memory', 128 * MI, 64 * MI), undefined, 'memory does not move a CPU-only HPA');
    const changes = changesFor(ready(), container({ cpu: '500m', memory: '128Mi' }), [hpa]);
    assert.ok(changes.find((x) => x.field === 'requests.cpu')!.hpa);
    assert.equal(changes.find((x) => x.field === 'requests.memory')!.hpa, undefined);
  });

  test("a ContainerResource metric moves with the request of the container it names, and no other container's", () => {
    // autoscaling/v2 `type: ContainerResource`: utilization is that container's usage ÷ that container's request.
    const hpa = {
      name: 'web',
      minReplicas: 2,
      maxReplicas: 10,
      utilization: [{ resource: 'memory' as const, percent: 80, container: 'app' }],
    };
    assert.match(
      hpaEffect(hpa, 'memory', 512 * MI, 256 * MI, 'app')!,
      /^HPA web scales on the memory of container "app" at 80% of its request: 512Mi → 256Mi makes the same usage read 2\.0× as high, so it scales out to about 2\.0× the replicas, up to maxReplicas 10$/,
    );
    assert.equal(hpaEffect(hpa, 'memory', 512 * MI, 256 * MI, 'proxy'), undefined, 'the sidecar does not move it');
    assert.equal(hpaEffect(hpa, 'memory', 512 * MI, 256 * MI), undefined, 'nor does a change of no named container');
    assert.equal(hpaEffect(hpa, 'cpu', 0.5, 0.05, 'app'), undefined, 'cpu does not move a memory metric');

    const app = changesFor(ready(), container({ cpu: '500m', memory: '512Mi' }), [hpa]);
    assert.match(app.find((x) => x.field === 'requests.memory')!.hpa ?? '', /memory of container "app"/);
    assert.equal(app.find((x) => x.field === 'requests.cpu')!.hpa, undefined);
    const proxy = changesFor(ready(), { ...container({ cpu: '500m', memory: '512Mi' }), name: 'proxy' }, [hpa]);
    assert.deepEqual(
      proxy.filter((x) => x.hpa).map((x) => x.field),
      [],
      "the other container's changes are not flagged",
    );

    // A Resource metric on the same HPA still reads every container.
    const both = { ...hpa, utilization: [...hpa.utilization, { resource: 'cpu' as const, percent: 70 }] };
    const proxyBoth = changesFor(ready(), { ...container({ cpu: '500m', memory: '512Mi' }), name: 'proxy' }, [both]);
    assert.deepEqual(
      proxyBoth.filter((x) => x.hpa).map((x) => x.field),
      ['requests.cpu'],
    );
  });

  test("a Resource metric reads the pod's requests added up; a ContainerResource metric only its container's", () => {
    // app 500m → 50m beside a native sidecar of 100m: the pod's request goes 600m → 150m (4×, not 10×). A regular
    // init container has finished and is not in the HPA's sum.
    const app = container({ cpu: '500m', memory: '512Mi' });
    const pod: WorkloadContainer[] = [
      app,
      { ...container({ cpu: '100m' }), name: 'proxy', kind: 'initContainer', sidecar: true },
      { ...container({ cpu: '2' }), name: 'migrate', kind: 'initContainer', sidecar: false },
    ];
    const rec = ready({ cpuRequest: 0.05 });
    const onPod = { name: 'web', minReplicas: 2, utilization: [{ resource: 'cpu' as const, percent: 70 }] };
    assert.equal(
      changesFor(rec, app, [onPod], undefined, pod).find((x) => x.field === 'requests.cpu')!.hpa,
      "HPA web scales on cpu at 70% of the request: 500m → 50m (the pod's 600m → 150m) makes the same usage read 4.0× as high, so it scales out to about 4.0× the replicas",
    );
    const onApp = { ...onPod, utilization: [{ resource: 'cpu' as const, percent: 70, container: 'app' }] };
    assert.match(
      changesFor(rec, app, [onApp], undefined, pod).find((x) => x.field === 'requests.cpu')!.hpa ?? '',
      /container "app" at 70% of its request: 500m → 50m makes the same usage read 10\.0× as high/,
    );
  });
});

describe('matching manifest objects to pods', () => {
  const w = (kind: string, name: string, namespace?: string): Workload => ({
    apiVersion: 'apps/v1',
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    ownNamespace: namespace ?? null,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    selector: { app: 'web' },
    containers: [],
  });
  const snap = snapshot(
    [
      pod('staging', 'web-1-a', 'Deployment/web', 0.01, MI),
      pod('prod', 'web-2-a', 'Deployment/web', 0.02, MI),
      pod('prod', 'web-2-b', 'Deployment/web', 0.02, MI),
      pod('prod', 'web-debug', '', 0.03, MI), // a bare pod with the same labels
      pod('prod', 'api-1-a', 'Deployment/api', 0.03, MI),
    ],
    0,
    'prod',
  );

  test('by kind, namespace and name: two Deployment/web in two namespaces get their own pods', () => {
    assert.deepEqual(
      livePods(w('Deployment', 'web', 'staging'), snap).map((p) => p.name),
      ['web-1-a'],
    );
    assert.deepEqual(
      livePods(w('Deployment', 'web', 'prod'), snap).map((p) => p.name),
      ['web-2-a', 'web-2-b'],
    );
    // no namespace written: the context's
    assert.deepEqual(
      livePods(w('Deployment', 'web'), snap).map((p) => p.name),
      ['web-2-a', 'web-2-b'],
    );
    assert.deepEqual(livePods(w('StatefulSet', 'web', 'prod'), snap), []);
  });

  test('a bare Pod matches only itself, never the pods of a Deployment with its labels', () => {
    assert.deepEqual(
      livePods(w('Pod', 'web-debug', 'prod'), snap).map((p) => p.name),
      ['web-debug'],
    );
    assert.deepEqual(livePods(w('Pod', 'web-2-a', 'prod'), snap), [], 'a Deployment’s pod is not a bare Pod');
  });

  test('a kustomization’s name prefix is part of the cluster name', () => {
    const prefixed = { ...w('Deployment', 'app', 'prod'), clusterName: 'api' };
    assert.deepEqual(
      livePods(prefixed, snap).map((p) => p.name),
      ['api-1-a'],
    );
  });

  test('the panel badge and the lens read the same computation', () => {
    const h = new UsageHistory(240);
    for (let i = 0; i < 20; i++)
      h.record(snapshot([pod('prod', 'web-2-a', 'Deployment/web', 0.02, MI, { usageAt: i * 15_000 })]));
    const r = rightsizingOf('prod/Deployment/web', 'app', h, { intervalMs: 15_000 });
    assert.equal(r?.kind, 'collecting');
    assert.equal(r?.evidence.windows, 20);
  });

  test('metrics windows as metrics-server writes them', () => {
    assert.equal(metricsWindowMs('15.011s'), 15_011);
    assert.equal(metricsWindowMs('1m0s'), 60_000);
    assert.equal(metricsWindowMs('500ms'), 500);
    assert.equal(metricsWindowMs('soon'), undefined);
  });
});
