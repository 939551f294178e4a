/**
 * The Cluster Metrics panel at 5,000 pods, the size a refresh must stay quick at: per refresh, the fetch (the real
 * @kubernetes/client-node against the test API server: HTTPS, JSON of 5,000 pods and their metrics), the
 * aggregation, the message to the page (with history and recommendations), and the page's render work (filter,
 * sort and flatten every pod, then the HTML of the rows in view: the list is virtualised). Printed as medians
 * and as shares of one refresh, measured in this run.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { aggregate } from '../../client/src/metrics/aggregate';
import type { PodMetricJson, RawCluster } from '../../client/src/metrics/cluster-client';
import { fetchCluster } from '../../client/src/metrics/cluster-client';
import { UsageHistory, workloadKeyOf } from '../../client/src/metrics/history';
import { OwnerIndex } from '../../client/src/metrics/owners';
import { PodFactsCache } from '../../client/src/metrics/pod-facts';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import type { PanelPod, SnapshotMessage } from '../../client/src/metrics/messages';
import { deltaMessage } from '../../client/src/metrics/pods-delta';
import { snapshotMessage } from '../../client/src/metrics/view-model';
import { rightsizingOf } from '../../client/src/metrics/workload-usage';
import { pacedIntervalMs } from '../../client/src/metrics/refresh-pacing';
import { bigCluster, nodeJson, podJson, podMetricJson } from '../support/fake-cluster';
import { kubeconfigFor, startFakeApiServer } from '../support/fake-apiserver';
import * as rows from '../../client/webview/metrics/rows';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function metricsBench(pods = 5000, refreshes = 7): Promise<void> {
  const server = await startFakeApiServer({ cluster: bigCluster(pods) });
  try {
    const loaded = loadKubeconfig({ setting: kubeconfigFor(server) }, { trusted: false });
    const history = new UsageHistory(240);
    const t = { fetch: [] as number[], aggregate: [] as number[], message: [] as number[], render: [] as number[] };
    let bytes = 0;
    let firstBytes = 0;
    let containers = 0;
    let last: SnapshotMessage | undefined;
    for (let i = 0; i < refreshes; i++) {
      server.cluster.tick = i;
      let s = performance.now();
      const raw = await fetchCluster(loaded, { timeoutMs: 60_000 });
      t.fetch.push(performance.now() - s);
      s = performance.now();
      const snap = aggregate(raw, Date.now() + i);
      history.record(snap);
      t.aggregate.push(performance.now() - s);
      s = performance.now();
      // The first message after the page loads carries the history; later ones only the new figures.
      const msg = snapshotMessage(snap, history, {
        contexts: ['test'],
        intervalSec: 15,
        focus: null,
        withHistory: i === 0,
      });
      last = msg;
      const text = JSON.stringify(msg);
      t.message.push(performance.now() - s);
      if (i === 0) firstBytes = text.length;
      else bytes = text.length;
      containers = history.containers;
      // The page: parse the message, flatten (sorted by %CPU/R, filtered), and build the ~60 rows in view.
      s = performance.now();
      const m = JSON.parse(text) as { pods: PanelPod[] };
      const flat = rows.flatten(m.pods, { sortKey: 'cpuR', filter: 'svc-1' });
      const all = rows.flatten(m.pods, { sortKey: 'cpuR' });
      let html = '';
      for (let k = 0; k < Math.min(60, all.length); k++) html += rows.rowHtml(all[k]);
      if (!html || flat.length === 0) throw new Error('nothing rendered');
      t.render.push(performance.now() - s);
    }
    const total = median(t.fetch) + median(t.aggregate) + median(t.message) + median(t.render);
    const line = (name: string, xs: number[]) =>
      `  ${name.padEnd(30)}${median(xs).toFixed(1).padStart(8)} ms  (${((100 * median(xs)) / total).toFixed(0)}% of a refresh)`;
    console.log(
      `metrics panel, ${pods} pods (${containers} containers with history), median of ${refreshes} refreshes:`,
    );
    console.log(line('fetch (client-node, HTTPS):', t.fetch));
    console.log(line('aggregate + history:', t.aggregate));
    console.log(line('message to the page:', t.message));
    console.log(line('page render (virtualised):', t.render));
    console.log(
      `  message size: ${(bytes / 1024 / 1024).toFixed(2)} MB per refresh (${(firstBytes / 1024 / 1024).toFixed(2)} MB with the history, once per page load); one refresh: ${total.toFixed(0)} ms of work`,
    );
    if (last) incrementalBench(last, refreshes);
  } finally {
    await server.stop();
  }
  for (const n of [5000, 50_000]) scaleBench(n);
}

/**
 * A full snapshot against an incremental refresh (pods-delta.ts) where 5% of the pods changed: the extension's work
 * (diff, serialise), the page's (parse, apply, flatten, the rows in view) and the message size, in this run.
 */
function incrementalBench(prev: SnapshotMessage, runs: number): void {
  const render = (pods: PanelPod[]) => {
    const all = rows.flatten(pods, { sortKey: 'cpuR' });
    let html = '';
    for (let k = 0; k < Math.min(60, all.length); k++) html += rows.rowHtml(all[k]);
    if (!html) throw new Error('nothing rendered');
  };
  const full: number[] = [];
  const incr: number[] = [];
  let fullBytes = 0;
  let deltaBytes = 0;
  let changed = 0;
  for (let r = 0; r < runs; r++) {
    // Every 20th pod (offset by the run) gets new CPU figures.
    const next: SnapshotMessage = {
      ...prev,
      time: prev.time + 15_000 * (r + 1),
      pods: prev.pods.map((p, i) =>
        (i + r) % 20 === 0
          ? {
              ...p,
              cpu: (p.cpu ?? 0) + 0.001 * (r + 1),
              containers: p.containers.map((c) => ({ ...c, cpu: (c.cpu ?? 0) + 0.001 })),
            }
          : p,
      ),
    };
    const held = JSON.parse(JSON.stringify(prev.pods)) as PanelPod[];
    let s = performance.now();
    const fullText = JSON.stringify(next);
    render((JSON.parse(fullText) as { pods: PanelPod[] }).pods);
    full.push(performance.now() - s);
    s = performance.now();
    const d = deltaMessage(prev.pods, next);
    const deltaText = JSON.stringify(d);
    const pods = rows.applyDelta(held, JSON.parse(deltaText));
    if (!pods) throw new Error('delta refused');
    render(pods);
    incr.push(performance.now() - s);
    fullBytes = fullText.length;
    deltaBytes = deltaText.length;
    changed = d.changed.length;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `  refresh message, ${changed} of ${prev.pods.length} pods changed (median of ${runs}): full snapshot ${kb(fullBytes)}, ${median(full).toFixed(1)} ms; incremental ${kb(deltaBytes)}, ${median(incr).toFixed(1)} ms (diff + serialise + parse + apply + render)`,
  );
  console.log(
    `  incremental / full: size ${((100 * deltaBytes) / fullBytes).toFixed(1)}%, time ${((100 * median(incr)) / median(full)).toFixed(0)}%`,
  );
}

if (require.main === module) {
  metricsBench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

const INTERVAL_MS = 15_000;
/** The history's samples per container (the default `historySize`: an hour at 15 s) … */
const HISTORY_SAMPLES = 240;
/**
 * … a minute apart, so that they span 4 hours: past the evidence minimum (100 windows over 3 hours), every
 * workload container has a recommendation to compute and send, the costlier case.
 */
const SAMPLE_SPACING_MS = 60_000;

/** The heap in use after a full collection, with the typed arrays it holds (the bench turns `gc` on for itself). */
function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc ?? (setFlagsFromString('--expose-gc'), runInNewContext('gc'));
  (gc as () => void)();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** CPU time of this process in ms (user + system, all its threads: the garbage collector's too). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The extension host's CPU per refresh at `pods` pods with an hour of history (240 samples per container), as the
 * controller runs it: the JSON parse of the PodMetrics list (every refresh), the owner chain and aggregation (pods
 * kept current by a watch: their JSON parsed once per resourceVersion, see pod-facts.ts), the history, the message
 * with recommendations, and the delta a visible page gets. Each refresh reads a new metrics window 15 s after the
 * last (every pod's figures move), of workloads whose usage keeps to the range the history saw (no new peak: that
 * is computed at once, see workload-usage.ts). Measured as this process's CPU time, so other work on the machine
 * does not count; then the interval the controller would refresh at (refresh-pacing.ts: the setting, 15 s, or
 * stretched so that refreshes take at most 1 % of a core) and the share of a core at it. Before and after in one
 * run: the same refresh with the pod list polled and every pod parsed again (as before the watch and the cache);
 * the whole changed pods against field patches; and the history's memory per sample.
 */
export function scaleBench(pods: number, refreshes = 7): void {
  const cluster = bigCluster(pods);
  const podList = cluster.pods.map((p, i) => podJson(p, i)) as V1Pod[];
  const podListText = JSON.stringify({
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '1' },
    items: podList,
  });
  const nodes = cluster.nodes.map((n, i) => nodeJson(n, i)) as V1Node[];
  const t0 = Date.parse('2026-12-03T06:00:00Z');
  /** The metric time of refresh `r` (the history ends at `r = 0`). */
  const refreshAt = (r: number) => t0 + (HISTORY_SAMPLES - 1) * SAMPLE_SPACING_MS + r * INTERVAL_MS;
  // Each refresh reads a new metrics window (metrics-server scrapes every pod each 15 s), so every pod's figures move.
  const metricsText = (tick: number) => {
    const timestamp = new Date(refreshAt(tick)).toISOString();
    return JSON.stringify({
      kind: 'PodMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: cluster.pods.map((p) => ({ ...podMetricJson(p, tick), timestamp })),
    });
  };
  const raw = (podMetrics: PodMetricJson[], list: readonly V1Pod[] = podList): RawCluster => ({
    context: 'bench',
    server: 'https://127.0.0.1:6443',
    namespace: 'default',
    nodes,
    pods: list,
    podMetrics,
    nodeMetrics: [],
    problems: [],
    fetchMs: 0,
  });
  const owners = new OwnerIndex();
  const facts = new PodFactsCache();
  const light = aggregate(raw((JSON.parse(metricsText(0)) as { items: PodMetricJson[] }).items), t0, owners, facts);
  // The usage of tick k as aggregate reads it from the PodMetrics (`${n}n` and `${n}Ki`, parsed by quantityValue:
  // the integer divided by 1e9, or times 1024, the same doubles), in the order of the pod's containers.
  const usageAt = (k: number) =>
    cluster.pods.map((p) =>
      [...(p.sidecars ?? []), ...p.containers].map((c) => {
        const u = c.usage(k);
        return { cpu: Math.round(u.milli * 1e6) / 1e9, mem: Math.round(u.mib * 1024) * 1024 };
      }),
    );
  const before = heapUsed();
  const history = new UsageHistory(HISTORY_SAMPLES);
  // A full history, recorded as the panel records it: one sample per container and metrics window, the usage moving
  // through the range the refreshes below then stay in.
  for (let k = 0; k < HISTORY_SAMPLES; k++) {
    const at = t0 + k * SAMPLE_SPACING_MS;
    const usage = usageAt(k);
    history.record({
      ...light,
      time: at,
      pods: light.pods.map((p, i) => ({
        ...p,
        usageAt: at,
        containers: p.containers.map((c, j) => ({ ...c, ...usage[i]![j]! })),
      })),
    });
  }
  const historyBytes = heapUsed() - before;
  const recommended = light.pods.filter((p) =>
    p.containers.some((c) => rightsizingOf(workloadKeyOf(p), c.name, history)?.kind === 'recommendation'),
  ).length;

  const t = {
    parse: [] as number[],
    owners: [] as number[],
    record: [] as number[],
    message: [] as number[],
    delta: [] as number[],
    total: [] as number[],
    listParse: [] as number[],
    fullAggregate: [] as number[],
  };
  let prev = snapshotMessage(light, history, { contexts: ['bench'], intervalSec: 15, focus: null, withHistory: false });
  let sizes = { full: 0, delta: 0, wholePods: 0, changed: 0 };
  // Refresh 0 is not counted: like the panel's first refresh on a history, it computes every recommendation.
  for (let r = 0; r <= refreshes; r++) {
    if (r === 0) {
      const snap = aggregate(
        raw((JSON.parse(metricsText(0)) as { items: PodMetricJson[] }).items),
        refreshAt(0),
        owners,
        facts,
      );
      history.record(snap);
      prev = snapshotMessage(snap, history, { contexts: ['bench'], intervalSec: 15, focus: null, withHistory: false });
      continue;
    }
    const text = metricsText(r);
    const start = cpuMs();
    let s = start;
    const podMetrics = (JSON.parse(text) as { items: PodMetricJson[] }).items;
    t.parse.push(cpuMs() - s);
    s = cpuMs();
    const snap = aggregate(raw(podMetrics), refreshAt(r), owners, facts);
    t.owners.push(cpuMs() - s);
    s = cpuMs();
    history.record(snap);
    t.record.push(cpuMs() - s);
    s = cpuMs();
    const msg = snapshotMessage(snap, history, {
      contexts: ['bench'],
      intervalSec: 15,
      focus: null,
      withHistory: false,
    });
    t.message.push(cpuMs() - s);
    s = cpuMs();
    const d = deltaMessage(prev.pods, msg);
    const deltaText = JSON.stringify(d);
    t.delta.push(cpuMs() - s);
    t.total.push(cpuMs() - start);
    if (r === refreshes) {
      const changedKeys = new Set(d.changed.map((c) => c.key));
      sizes = {
        full: JSON.stringify(msg).length,
        delta: deltaText.length,
        wholePods: JSON.stringify(msg.pods.filter((p) => changedKeys.has(p.key))).length,
        changed: d.changed.length,
      };
    }
    prev = msg;
  }
  // Before, in the same run (after the refreshes, so that its garbage is not collected during theirs): the pod list
  // polled and parsed, every pod's JSON read again.
  for (let r = 1; r <= refreshes; r++) {
    const podMetrics = (JSON.parse(metricsText(r)) as { items: PodMetricJson[] }).items;
    let s = cpuMs();
    const listed = (JSON.parse(podListText) as { items: V1Pod[] }).items;
    t.listParse.push(cpuMs() - s);
    s = cpuMs();
    aggregate(raw(podMetrics, listed), refreshAt(r), owners);
    t.fullAggregate.push(cpuMs() - s);
  }
  const m = (k: keyof typeof t) => median(t[k]);
  const total = m('total');
  const polled = total - m('owners') + m('listParse') + m('fullAggregate');
  const ms = (k: keyof typeof t) => `${m(k).toFixed(1).padStart(8)} ms`;
  const pct = (x: number, of = INTERVAL_MS) => `${((100 * x) / of).toFixed(2)}%`;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  // The interval the controller refreshes at after these refreshes (the default setting, 15 s).
  const interval = pacedIntervalMs(INTERVAL_MS, t.total);
  console.log(
    `metrics panel at ${pods} pods (${history.containers} containers, ${HISTORY_SAMPLES} samples each over ${(HISTORY_SAMPLES * SAMPLE_SPACING_MS) / 3600_000} h, ${recommended} pods with recommendations), CPU time, median of ${refreshes} refreshes 15 s apart:`,
  );
  console.log(`  PodMetrics list JSON parse:   ${ms('parse')}`);
  console.log(`  owners + aggregate (cached):  ${ms('owners')}`);
  console.log(`  history record:               ${ms('record')}`);
  console.log(`  message (recommendations):    ${ms('message')}`);
  console.log(`  delta + serialise:            ${ms('delta')}`);
  console.log(
    `  extension-host CPU per refresh: ${total.toFixed(0)} ms = ${pct(total)} of the 15 s setting (${t.total.map((x) => x.toFixed(0)).join(' / ')} ms)`,
  );
  console.log(
    `  interval in effect: ${interval / 1000} s (${interval > INTERVAL_MS ? 'stretched: 100 × the CPU of a refresh, in steps of 15 s' : 'the setting'}); CPU ÷ interval = ${pct(total, interval)} (target ≤ 1%)`,
  );
  console.log(
    `  before, pod list polled (list parse ${m('listParse').toFixed(0)} ms, every pod aggregated ${m('fullAggregate').toFixed(0)} ms): ${polled.toFixed(0)} ms = ${pct(polled)}; watch + cache / polled: ${((100 * total) / polled).toFixed(0)}%`,
  );
  console.log(
    `  history memory: ${mb(historyBytes)} (${(historyBytes / history.containers / HISTORY_SAMPLES).toFixed(1)} bytes per sample, ${history.containers} rings and ${history.workloadContainers} workload statistics)`,
  );
  console.log(
    `  refresh message, ${sizes.changed} pods changed (figures move every window): full snapshot ${mb(sizes.full)}; changed pods whole (before) ${mb(sizes.wholePods)}; field patches (after) ${mb(sizes.delta)} = ${((100 * sizes.delta) / sizes.wholePods).toFixed(0)}% of before`,
  );
}
