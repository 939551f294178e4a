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
/**
 * `fig` of a request or limit: the same few values on thousands of containers, every refresh, so each is rounded
 * once (bounded, as the values a cluster uses are few).
 */
const specFigs = new Map<number, Fig>();
function specFig(v: number | undefined): Fig {
  if (v === undefined) return null;
  let f = specFigs.get(v);
  if (f === undefined) {
    if (specFigs.size >= 10_000) specFigs.clear();
    specFigs.set(v, (f = fig(v)));
  }
  return f;
}
/** The sparklines of a message without history: one shared empty list rather than two new ones per container. */
const NO_HISTORY: readonly number[] = Object.freeze([]);
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
  r: Rightsizing | undefined,
): PanelContainer {
  const recent = withHistory ? history.recent(containerKey(pod.namespace, pod.name, c.name), SPARK_POINTS) : null;
  // The workload's recommendation (all replicas), the same the lens, the hover and Apply show.
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
    cpuReq: specFig(c.cpuReq),
    cpuLim: specFig(c.cpuLim),
    memReq: bytes(c.memReq),
    memLim: bytes(c.memLim),
    cpuHist: recent ? recent.map((s) => round3(s.cpu)) : NO_HISTORY,
    memHist: recent ? recent.map((s) => round3(s.mem)) : NO_HISTORY,
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

function panelPod(pod: PodRow, containers: PanelContainer[]): PanelPod {
  return {
    key: pod.key,
    namespace: pod.namespace,
    name: pod.name,
    node: pod.node,
    phase: pod.phase,
    owner: pod.owner,
    status: pod.status?.status ?? pod.phase,
    ready: pod.status?.ready ?? '',
    restarts: pod.status?.restarts ?? 0,
    lastRestart: pod.status?.lastRestart ?? null,
    qos: pod.status?.qos ?? '',
    created: pod.status?.created ?? null,
    cpu: fig(pod.cpu),
    mem: bytes(pod.mem),
    cpuReq: specFig(pod.cpuReq),
    cpuLim: specFig(pod.cpuLim),
    memReq: bytes(pod.memReq),
    memLim: bytes(pod.memLim),
    containers,
  };
}

/** A pod's entry of the last message without history, and the right-sizings it was built from. */
interface Built {
  readonly pod: PanelPod;
  readonly rightsizings: readonly (Rightsizing | undefined)[];
}

/**
 * The entry built for each row (aggregate.ts keeps a row object while the pod's facts and usage stay the same): a
 * row whose right-sizings are also the same objects (workload-usage.ts computes them again only when the history
 * changed) gets the same entry, so the delta skips it by identity and nothing about it is built again.
 */
const built = new WeakMap<PodRow, Built>();

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
  const withHistory = extra.withHistory;
  const rightsizings: (Rightsizing | undefined)[] = [];
  const pods: PanelPod[] = snap.pods.map((p) => {
    // The workload's right-sizing (all replicas), the same the lens, the hover and Apply show.
    const wkey = workloadKeyOf(p);
    const cs = p.containers;
    rightsizings.length = cs.length;
    for (let i = 0; i < cs.length; i++) rightsizings[i] = rightsizingOf(wkey, cs[i]!.name, history);
    const last = withHistory ? undefined : built.get(p);
    if (last && last.rightsizings.every((r, i) => r === rightsizings[i])) return last.pod;
    const pod = panelPod(
      p,
      cs.map((c, i) => container(p, c, history, withHistory, rightsizings[i])),
    );
    if (!withHistory) built.set(p, { pod, rightsizings: rightsizings.slice() });
    return pod;
  });
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
