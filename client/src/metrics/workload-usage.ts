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
  const w = history.workload(`${key}/${container}`);
  const oomKill = w?.oomKill;
  if (options.prometheus) return rightsize({ ...options.prometheus, ...(oomKill ? { oomKill } : {}) });
  if (!w) return undefined;
  return panelRightsizing(w.stats, oomKill, options.intervalMs);
}

interface Computed {
  readonly version: number;
  readonly oomKill: OomKill | undefined;
  readonly intervalMs: number | undefined;
  readonly value: Rightsizing;
}

/** The last right-sizing computed from each container's statistics, valid while their version stays the same. */
const computed = new WeakMap<ContainerStats, Computed>();

/**
 * From the panel's history: computed again only when the statistics changed (a new value or window), the OOM floor
 * moved or the interval did; the same answer object otherwise, so that callers can skip what did not change by
 * identity. The percentiles are only read once the evidence suffices.
 */
function panelRightsizing(stats: ContainerStats, oomKill: OomKill | undefined, intervalMs: number | undefined) {
  const last = computed.get(stats);
  if (last && last.version === stats.version && last.oomKill === oomKill && last.intervalMs === intervalMs)
    return last.value;
  const evidence = stats.evidence;
  const value = rightsize({
    summary: enoughEvidence(evidence) ? stats.summary : undefined,
    evidence,
    source: 'panel',
    ...(oomKill ? { oomKill } : {}),
    ...(intervalMs ? { intervalMs } : {}),
  });
  computed.set(stats, { version: stats.version, oomKill, intervalMs, value });
  return value;
}
