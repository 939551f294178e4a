/**
 * What the webview receives for one snapshot: the aggregated rows, each container's recent history (for the
 * sparklines) and its recommendation. Only figures and names: the server URL is stripped of any user info.
 */
import type { ContainerRow, PodRow, Snapshot } from './aggregate';
import { containerKey, type UsageHistory } from './history';
import type {
  ContainerFields,
  Fig,
  PanelContainer,
  PanelFocus,
  PanelNode,
  PanelPace,
  PanelPod,
  SnapshotMessage,
} from './messages';
import { notePatches, recChange, type KnownPatch } from './pods-delta';
import { METHOD, type Rightsizing } from './recommend';
import { panelRightsizingOf } from './workload-usage';

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
    rec: recOf(r),
  };
}

/** The figures of a container's recommendation the page shows, or null while evidence is collected. */
function recOf(r: Rightsizing | undefined): PanelContainer['rec'] {
  return r?.kind === 'recommendation'
    ? {
        cpuReq: fig(r.cpuRequest)!,
        memReq: bytes(r.memRequest)!,
        memLim: bytes(r.memLimit)!,
        low: r.confidence === 'low',
        samples: r.evidence.windows,
      }
    : null;
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

/** A pod's entry of the last message without history, and the row and right-sizings it was built from. */
interface Built {
  readonly row: PodRow;
  readonly pod: PanelPod;
  readonly rightsizings: readonly (Rightsizing | undefined)[];
}

/** The entries of the last message without history built from one history, in its order (by key when that moved). */
interface LastMessage {
  readonly built: readonly Built[];
  byKey?: Map<string, Built>;
}

/**
 * Per history, the entries last built: a row that is the same object, with the same right-sizings (workload-usage.ts
 * keeps those objects while they hold), gets the same entry, so the delta skips it by identity. A new row of the
 * same facts (aggregate.ts gives a pod's rows the same `status` object while its JSON is the same version) and the
 * same workload differs only in its usage and right-sizings: its entry is the last one with the new figures, and the
 * delta's patch is known without comparing every field (pods-delta.ts `notePatches`).
 */
const lastMessages = new WeakMap<UsageHistory, LastMessage>();

function lastBuilt(last: LastMessage | undefined, p: PodRow, i: number): Built | undefined {
  if (!last) return undefined;
  const b = last.built[i];
  if (b && b.row.key === p.key) return b;
  last.byKey ??= new Map(last.built.map((x) => [x.row.key, x]));
  return last.byKey.get(p.key);
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * `last.pod` with `p`'s usage and right-sizings (the only things that differ: same facts, same workload), and the
 * patch that turns one into the other, the one `podPatch` would find (a sample count alone is no news).
 */
function withUsage(
  p: PodRow,
  last: Built,
  rightsizings: readonly (Rightsizing | undefined)[],
): { readonly pod: PanelPod; readonly known: KnownPatch } | undefined {
  const before = last.pod;
  const cs = p.containers;
  let containers: PanelContainer[] | undefined;
  let patches: (Partial<ContainerFields> | null)[] | undefined;
  let news = false;
  for (let i = 0; i < cs.length; i++) {
    const was = before.containers[i]!;
    const cpu = fig(cs[i]!.cpu);
    const mem = bytes(cs[i]!.mem);
    const rec = rightsizings[i] === last.rightsizings[i] ? was.rec : recOf(rightsizings[i]);
    if (cpu === was.cpu && mem === was.mem && rec === was.rec) continue;
    containers ??= before.containers.slice();
    containers[i] = { ...was, cpu, mem, rec };
    const patch: { -readonly [K in keyof ContainerFields]?: ContainerFields[K] } = {};
    if (cpu !== was.cpu) patch.cpu = cpu;
    if (mem !== was.mem) patch.mem = mem;
    news ||= cpu !== was.cpu || mem !== was.mem;
    const r = recChange(was.rec, rec);
    if (r.send) patch.rec = rec;
    news ||= r.news;
    if (patch.cpu === undefined && patch.mem === undefined && !r.send) continue;
    patches ??= new Array<Partial<ContainerFields> | null>(cs.length).fill(null);
    patches[i] = patch;
  }
  const cpu = fig(p.cpu);
  const mem = bytes(p.mem);
  if (cpu === before.cpu && mem === before.mem && !containers) return undefined;
  const pod: PanelPod = { ...before, cpu, mem, containers: containers ?? before.containers };
  const set: { cpu?: Fig; mem?: Fig } = {};
  if (cpu !== before.cpu) set.cpu = cpu;
  if (mem !== before.mem) set.mem = mem;
  news ||= cpu !== before.cpu || mem !== before.mem;
  const moved = set.cpu !== undefined || set.mem !== undefined;
  const patch = { key: pod.key, ...(moved ? { set } : {}), ...(patches ? { containers: patches } : {}) };
  return { pod, known: { base: before, patch: news ? patch : undefined } };
}

export function snapshotMessage(
  snap: Snapshot,
  history: UsageHistory,
  extra: {
    contexts: readonly string[];
    intervalSec: number;
    /** Refreshes stretched past the setting (refresh-pacing.ts); null or left out when they are not. */
    pace?: PanelPace | null;
    focus: PanelFocus | null;
    /**
     * Send each container's recent samples (a page that has just loaded). Otherwise the page appends the figures of
     * this snapshot to the history it keeps itself: at 10,000 containers that is most of the message saved.
     */
    withHistory: boolean;
  },
): SnapshotMessage {
  const withHistory = extra.withHistory;
  const last = withHistory ? undefined : lastMessages.get(history);
  const built: Built[] = [];
  const known: (KnownPatch | undefined)[] = [];
  const rightsizings: (Rightsizing | undefined)[] = [];
  const pods: PanelPod[] = snap.pods.map((p, k) => {
    // The workload's right-sizing (all replicas), the same the lens, the hover and Apply show.
    const keys = history.workloadKeysOf(p, k);
    const cs = p.containers;
    rightsizings.length = cs.length;
    for (let i = 0; i < cs.length; i++) rightsizings[i] = panelRightsizingOf(keys[i]!, history);
    const b = lastBuilt(last, p, k);
    if (b && b.row.status === p.status && p.status) {
      const same = sameList(b.rightsizings, rightsizings);
      if (b.row === p && same) {
        built.push(b);
        return b.pod;
      }
      if (b.row.workload === p.workload && b.row.owner === p.owner) {
        const next = withUsage(p, b, rightsizings);
        const pod = next?.pod ?? b.pod;
        built.push({ row: p, pod, rightsizings: same ? b.rightsizings : rightsizings.slice() });
        if (next) known[k] = next.known;
        return pod;
      }
    }
    const pod = panelPod(
      p,
      cs.map((c, i) => container(p, c, history, withHistory, rightsizings[i])),
    );
    if (!withHistory) built.push({ row: p, pod, rightsizings: rightsizings.slice() });
    return pod;
  });
  if (!withHistory) {
    lastMessages.set(history, { built });
    if (known.length) notePatches(pods, known);
  }
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
    pace: extra.pace ?? null,
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
