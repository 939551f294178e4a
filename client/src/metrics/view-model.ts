/**
 * What the webview receives for one snapshot: the aggregated rows, each container's recent history (for the
 * sparklines) and its recommendation. Only figures and names: the server URL is stripped of any user info.
 */
import type { ContainerRow, PodRow, Snapshot } from './aggregate';
import { containerKey, workloadKeyOf, type UsageHistory } from './history';
import type { Fig, PanelContainer, PanelFocus, PanelNode, PanelPod, SnapshotMessage } from './messages';
import { METHOD, type Rightsizing } from './recommend';
import { rightsizingOf } from './workload-usage';

// Figures for display: CPU to 5 significant digits (0.0015224 cores), memory in whole bytes. Keeps the message to
// the page small at 10,000 containers; percentages computed from them do not change.
const fig = (v: number | undefined): Fig => (v === undefined ? null : v === 0 ? 0 : Number(v.toPrecision(5)));
const bytes = (v: number | undefined): Fig => (v === undefined ? null : Math.round(v));
const SPARK_POINTS = 30;
// Sparklines need no more than 3 significant digits; rounding keeps the message small at 10,000 containers.
const round3 = (v: number) => (v === 0 ? 0 : Number(v.toPrecision(3)));

export function safeServer(server: string): string {
  try {
    const u = new URL(server);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '';
  }
}

function container(
  pod: PodRow,
  c: ContainerRow,
  history: UsageHistory,
  withHistory: boolean,
  rightsizing: (pod: PodRow, container: string) => Rightsizing | undefined,
): PanelContainer {
  const recent = withHistory ? history.recent(containerKey(pod.namespace, pod.name, c.name), SPARK_POINTS) : [];
  // The workload's recommendation (all replicas), the same the lens, the hover and Apply show.
  const r = rightsizing(pod, c.name);
  const rec = r?.kind === 'recommendation' ? r : undefined;
  const facts = pod.status?.containers.find((s) => s.name === c.name);
  const last = facts?.lastTermination;
  return {
    name: c.name,
    sidecar: c.sidecar,
    state: facts?.state ?? '',
    restarts: facts?.restarts ?? 0,
    last: last ? { reason: last.reason, at: last.finishedAt ?? null, memLim: bytes(last.memoryLimit) } : null,
    cpu: fig(c.cpu),
    mem: bytes(c.mem),
    cpuReq: fig(c.cpuReq),
    cpuLim: fig(c.cpuLim),
    memReq: bytes(c.memReq),
    memLim: bytes(c.memLim),
    cpuHist: recent.map((s) => round3(s.cpu)),
    memHist: recent.map((s) => round3(s.mem)),
    rec: rec
      ? {
          cpuReq: fig(rec.cpuRequest)!,
          memReq: bytes(rec.memRequest)!,
          memLim: bytes(rec.memLimit)!,
          low: rec.confidence === 'low',
          samples: rec.evidence.windows,
        }
      : null,
  };
}

export function snapshotMessage(
  snap: Snapshot,
  history: UsageHistory,
  extra: {
    contexts: readonly string[];
    intervalSec: number;
    focus: PanelFocus | null;
    /**
     * Send each container's recent samples (a page that has just loaded). Otherwise the page appends the figures of
     * this snapshot to the history it keeps itself: at 10,000 containers that is most of the message saved.
     */
    withHistory: boolean;
  },
): SnapshotMessage {
  // One computation per workload container, shared by its replicas' rows.
  const cache = new Map<string, Rightsizing | undefined>();
  const rightsizing = (pod: PodRow, name: string) => {
    const key = `${workloadKeyOf(pod)}/${name}`;
    if (!cache.has(key)) cache.set(key, rightsizingOf(workloadKeyOf(pod), name, history));
    return cache.get(key);
  };
  const pods: PanelPod[] = snap.pods.map((p) => ({
    key: p.key,
    namespace: p.namespace,
    name: p.name,
    node: p.node,
    phase: p.phase,
    owner: p.owner,
    status: p.status?.status ?? p.phase,
    ready: p.status?.ready ?? '',
    restarts: p.status?.restarts ?? 0,
    lastRestart: p.status?.lastRestart ?? null,
    qos: p.status?.qos ?? '',
    created: p.status?.created ?? null,
    cpu: fig(p.cpu),
    mem: bytes(p.mem),
    cpuReq: fig(p.cpuReq),
    cpuLim: fig(p.cpuLim),
    memReq: bytes(p.memReq),
    memLim: bytes(p.memLim),
    containers: p.containers.map((c) => container(p, c, history, extra.withHistory, rightsizing)),
  }));
  const nodes: PanelNode[] | null = snap.nodes
    ? snap.nodes.map((n) => ({
        name: n.name,
        cpu: fig(n.cpu),
        mem: bytes(n.mem),
        cpuAlloc: fig(n.cpuAlloc),
        memAlloc: bytes(n.memAlloc),
        cpuReq: n.cpuReq,
        memReq: n.memReq,
        pods: n.pods,
      }))
    : null;
  return {
    type: 'snapshot',
    context: snap.context,
    contexts: extra.contexts,
    server: safeServer(snap.server),
    time: snap.time,
    intervalSec: extra.intervalSec,
    metrics: snap.metrics,
    nodes,
    pods,
    problems: snap.problems,
    focus: extra.focus,
    method: METHOD,
    history: extra.withHistory,
    sparkPoints: SPARK_POINTS,
  };
}
