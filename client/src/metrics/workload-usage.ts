/**
 * Joins a workload of the manifest (as the language server describes it) to the live cluster: its pods, each
 * container's usage across them, and its right-sizing from the history. No VS Code API here.
 *
 * Matching is by kind, namespace and name: a pod belongs to `Deployment/web` in `prod` when its controller is that
 * Deployment (through its ReplicaSet) in `prod`; a bare Pod matches only the pod of its own name. The namespace is
 * the object's, else its kustomization's `namespace:` (the server resolves both), else the context's. Labels
 * would pick up another workload's pods: they are used only for pods whose owner could not be followed.
 */
import type { PodRow, Snapshot } from './aggregate';
import { workloadKeyOf, type UsageHistory } from './history';
import type { PrometheusHistory } from './prometheus';
import { formatCpu, formatMemory, quantityValue } from '../../../server/src/protocol/quantity';
import { enoughEvidence, rightsize, type OomKill, type Rightsizing } from './recommend';
import type { ContainerStats } from './usage-stats';
import { unresolvedPodsSelectedBy } from './workload-pods';
import type { Workload, WorkloadContainer } from '../../../server/src/protocol';

export function namespaceOf(w: Workload, snap: Pick<Snapshot, 'namespace'>): string {
  return w.namespace ?? snap.namespace;
}

/**
 * The workload's name in the cluster: the kustomized name, or, for a chart template's object named after the
 * release, the one workload of that kind in the namespace whose name fits (none when several releases fit).
 */
export function clusterNameOf(w: Workload, snap: Pick<Snapshot, 'namespace' | 'pods'>): string | undefined {
  if (!w.clusterNamePattern) return w.clusterName ?? w.name;
  const re = new RegExp(w.clusterNamePattern);
  const ns = namespaceOf(w, snap);
  const names = new Set<string>();
  for (const p of snap.pods) {
    if (p.namespace !== ns || !p.owner.startsWith(`${w.kind}/`)) continue;
    const name = p.owner.slice(w.kind.length + 1);
    if (re.test(name)) names.add(name);
  }
  return names.size === 1 ? [...names][0] : undefined;
}

/** `namespace/Kind/name` of the workload in the cluster: the key the history keeps its statistics under. */
export function workloadKey(w: Workload, snap: Pick<Snapshot, 'namespace' | 'pods'>): string | undefined {
  const name = clusterNameOf(w, snap);
  return name === undefined ? undefined : `${namespaceOf(w, snap)}/${w.kind}/${name}`;
}

/**
 * The workload's live pods: same namespace, and owned by it through their ownerReferences (a bare Pod: the pod of
 * that name, owned by nothing). Only when none is, and some pods' owner chain could not be followed (their
 * ReplicaSet or Job was not readable), does the workload's selector pick among those pods (workload-pods.ts).
 */
export function livePods(w: Workload, snap: Snapshot): PodRow[] {
  const key = workloadKey(w, snap);
  const owned =
    key === undefined
      ? []
      : snap.pods.filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed' && workloadKeyOf(p) === key);
  return owned.length || w.kind === 'Pod' ? owned : unresolvedPodsSelectedBy(w, snap);
}

export interface ContainerUsage {
  readonly container: string;
  readonly pods: number;
  /** The highest usage across the pods (cores, bytes): what the request must cover. */
  readonly cpu?: number;
  readonly mem?: number;
  readonly perPod: readonly { readonly pod: string; readonly cpu?: number; readonly mem?: number }[];
}

export function containerUsage(pods: readonly PodRow[], container: string): ContainerUsage {
  const perPod: { pod: string; cpu?: number; mem?: number }[] = [];
  let cpu: number | undefined;
  let mem: number | undefined;
  for (const p of pods) {
    const c = p.containers.find((x) => x.name === container);
    if (!c) continue;
    perPod.push({
      pod: p.name,
      ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
      ...(c.mem !== undefined ? { mem: c.mem } : {}),
    });
    if (c.cpu !== undefined) cpu = Math.max(cpu ?? 0, c.cpu);
    if (c.mem !== undefined) mem = Math.max(mem ?? 0, c.mem);
  }
  return {
    container,
    pods: perPod.length,
    ...(cpu !== undefined ? { cpu } : {}),
    ...(mem !== undefined ? { mem } : {}),
    perPod,
  };
}

/** `cpu 38m / req 500m · mem 120Mi / req 128Mi · max of 2 pods` (the usage part of the CodeLens). */
export function usageTitle(u: ContainerUsage, c: WorkloadContainer): string {
  const req = (v: string | undefined, fmt: (n: number) => string) => {
    const n = quantityValue(v);
    return n === undefined ? 'no req' : `req ${fmt(n)}`;
  };
  const cpu = u.cpu === undefined ? 'cpu n/a' : `cpu ${formatCpu(u.cpu)}`;
  const mem = u.mem === undefined ? 'mem n/a' : `mem ${formatMemory(u.mem)}`;
  const pods = u.pods > 1 ? ` · max of ${u.pods} pods` : '';
  return `${cpu} / ${req(c.requests.cpu ?? c.limits.cpu, formatCpu)} · ${mem} / ${req(c.requests.memory ?? c.limits.memory, formatMemory)}${pods}`;
}

/**
 * The right-sizing of one container of a workload, keyed as the history keys it (`workloadKeyOf` of its pods):
 * from Prometheus' history when given, else from the panel's. The panel's badge, the lens, the hover, Apply and the
 * measured quick fixes all come through here.
 */
export function rightsizingOf(
  key: string,
  container: string,
  history: UsageHistory,
  options: { prometheus?: PrometheusHistory; intervalMs?: number } = {},
): Rightsizing | undefined {
  const full = `${key}/${container}`;
  if (options.prometheus) {
    const oomKill = history.workload(full)?.oomKill;
    return rightsize({ ...options.prometheus, ...(oomKill ? { oomKill } : {}) });
  }
  return panelRightsizingOf(full, history, options.intervalMs);
}

/**
 * `rightsizingOf` from the panel's history, by the workload container's key (`workloadKeyOf(pod)/container`, as
 * `UsageHistory.workloadKeysOf` keeps them): the panel's message asks for every container on every refresh.
 */
export function panelRightsizingOf(
  workloadContainerKey: string,
  history: UsageHistory,
  intervalMs?: number,
): Rightsizing | undefined {
  const w = history.workload(workloadContainerKey);
  return w && panelRightsizing(workloadContainerKey, w.stats, w.oomKill, intervalMs);
}

/**
 * How long (metric time) a recommendation is reused before it is computed again from the statistics: a value that
 * stands on 100 windows over 3 hours or more barely moves with one more window, and at 10,000 containers reading the
 * percentiles on every refresh was a good part of the refresh. Each workload container gets its own period between
 * `minMs` and `minMs + spreadMs` (from its key), so that containers whose recommendations appeared together are not
 * all computed again in the same refresh. A new peak of CPU or memory (memory is recommended from the peak, and a
 * new peak may be what the next OOM kill would be) or a new OOM kill is computed at once.
 */
export const RECOMMENDATION_REUSE = { minMs: 4 * 60_000, spreadMs: 4 * 60_000 } as const;

/** The period of one workload container, spread by its key (FNV-1a). */
function reusePeriodMs(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return RECOMMENDATION_REUSE.minMs + ((h >>> 0) % 1024) * (RECOMMENDATION_REUSE.spreadMs / 1024);
}

interface Computed {
  readonly version: number;
  readonly oomKill: OomKill | undefined;
  readonly intervalMs: number | undefined;
  readonly value: Rightsizing;
  /** The statistics' peaks when it was computed, and until when (metric time) a recommendation is reused. */
  readonly cpuMax: number;
  readonly memMax: number;
  readonly until: number;
}

/**
 * From the panel's history, one answer object while it holds, so that callers can skip what did not change by
 * identity: while evidence is being collected, computed again when the statistics changed (a new value or window)
 * or the interval did (the time that remains moves with each window); a recommendation, computed again past its
 * reuse period (`RECOMMENDATION_REUSE`), on a new peak or a new OOM floor. Its evidence (windows, span, age) is the
 * one it was computed from. The percentiles are only read once the evidence suffices.
 */
function panelRightsizing(
  key: string,
  stats: ContainerStats,
  oomKill: OomKill | undefined,
  intervalMs: number | undefined,
): Rightsizing {
  // The last right-sizing computed from these statistics.
  const last = stats.computed as Computed | undefined;
  if (last && last.oomKill === oomKill) {
    if (last.version === stats.version && last.intervalMs === intervalMs) return last.value;
    if (
      last.value.kind === 'recommendation' &&
      stats.newestAt < last.until &&
      stats.cpu.max <= last.cpuMax &&
      stats.mem.max <= last.memMax
    )
      return last.value;
  }
  const evidence = stats.evidence;
  const value = rightsize({
    summary: enoughEvidence(evidence) ? stats.summary : undefined,
    evidence,
    source: 'panel',
    ...(oomKill ? { oomKill } : {}),
    ...(intervalMs ? { intervalMs } : {}),
  });
  stats.computed = {
    version: stats.version,
    oomKill,
    intervalMs,
    value,
    cpuMax: stats.cpu.max,
    memMax: stats.mem.max,
    until: value.kind === 'recommendation' ? evidence.lastAt + reusePeriodMs(key) : -Infinity,
  };
  return value;
}
