/**
 * The Cluster Metrics panel at 5,000 pods (DESIGN.md, "Performance targets"): per refresh, the fetch (the real
 * @kubernetes/client-node against the test API server: HTTPS, JSON of 5,000 pods and their metrics), the
 * aggregation, the message to the page (with history and recommendations), and the page's render work (filter,
 * sort and flatten every pod, then the HTML of the rows in view: the list is virtualised). Printed as medians
 * and as shares of one refresh, measured in this run.
 */
import { join } from 'node:path';
import { aggregate } from '../../client/src/metrics/aggregate';
import { fetchCluster } from '../../client/src/metrics/cluster-client';
import { UsageHistory } from '../../client/src/metrics/history';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import type { PanelPod } from '../../client/src/metrics/messages';
import { snapshotMessage } from '../../client/src/metrics/view-model';
import { bigCluster } from '../support/fake-cluster';
import { kubeconfigFor, startFakeApiServer } from '../support/fake-apiserver';
import { repoRoot } from '../support/paths';

interface Rows {
  flatten(pods: readonly PanelPod[], o: object): unknown[];
  rowHtml(row: unknown): string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function metricsBench(pods = 5000, refreshes = 7): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rows = require(join(repoRoot, 'client', 'media', 'metrics', 'rows.js')) as Rows;
  const server = await startFakeApiServer({ cluster: bigCluster(pods) });
  try {
    const loaded = loadKubeconfig({ setting: kubeconfigFor(server) }, { trusted: false });
    const history = new UsageHistory(240);
    const t = { fetch: [] as number[], aggregate: [] as number[], message: [] as number[], render: [] as number[] };
    let bytes = 0;
    let firstBytes = 0;
    let containers = 0;
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
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  metricsBench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
