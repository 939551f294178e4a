/**
 * The Cluster Metrics panel at 5,000 pods (DESIGN.md, "Performance targets"): per refresh, the fetch (the real
 * @kubernetes/client-node against the test API server: HTTPS, JSON of 5,000 pods and their metrics), the
 * aggregation, the message to the page (with history and recommendations), and the page's render work (filter,
 * sort and flatten every pod, then the HTML of the rows in view: the list is virtualised). Printed as medians
 * and as shares of one refresh, measured in this run.
 */
import { aggregate } from '../../client/src/metrics/aggregate';
import { fetchCluster } from '../../client/src/metrics/cluster-client';
import { UsageHistory } from '../../client/src/metrics/history';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import type { PanelPod, SnapshotMessage } from '../../client/src/metrics/messages';
import { deltaMessage } from '../../client/src/metrics/pods-delta';
import { snapshotMessage } from '../../client/src/metrics/view-model';
import { bigCluster } from '../support/fake-cluster';
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
