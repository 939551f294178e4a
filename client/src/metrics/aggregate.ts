/**
 * Turns one fetch into the rows the panel shows, computed here rather than by client-node's topPods/topNodes
 * (whose pod memory request sums the limits, which key pods by name only, and which ignore init containers).
 * Usage comes from metrics.k8s.io; requests and limits from the pod specs; allocatable from the nodes.
 * CPU is in cores, memory in bytes.
 */
import type { V1Node } from '@kubernetes/client-node';
import type { NodeMetricJson, PodMetricJson, RawCluster, UsageJson } from './cluster-client';
import { workloadOf, type WorkloadRef } from './owners';
import { PodFactsCache, type PodFacts, type PodFactsEntry, type WorkloadResolver } from './pod-facts';
import type { PodStatusFacts } from './pod-status';
import type { MetricsProblem } from './problems';
import type { OomKill } from './recommend';
import { quantityValue } from '../../../server/src/protocol/quantity';

export interface Resources {
  cpu?: number;
  mem?: number;
  cpuReq?: number;
  cpuLim?: number;
  memReq?: number;
  memLim?: number;
}

export interface ContainerRow extends Resources {
  readonly name: string;
  /** A native sidecar (an init container with restartPolicy Always): it runs beside the others. */
  readonly sidecar: boolean;
  /** The last OOM kill and the memory limit then (recommendations never go below it). */
  readonly lastOomKill?: OomKill;
}

export interface PodRow extends Resources {
  /** `namespace/name`: unique, unlike the name alone. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly phase: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `Deployment/web`, `StatefulSet/db`, `CronJob/x`, or '' for a bare pod. */
  readonly owner: string;
  /** The workload running the pod, through its ownerReferences (owners.ts); optional for rows built by hand. */
  readonly workload?: WorkloadRef;
  readonly containers: readonly ContainerRow[];
  /** The end of the metrics window of the usage (metrics.k8s.io `timestamp`, ms) and its length (`window`). */
  readonly usageAt?: number;
  readonly usageWindowMs?: number;
  /**
   * kubectl's STATUS, READY, RESTARTS, the QoS class, the age, and each container's state and last termination
   * (always set by `aggregate`; optional for rows built by hand).
   */
  readonly status?: PodStatusFacts;
}

export interface NodeRow {
  readonly name: string;
  cpu?: number;
  mem?: number;
  cpuAlloc?: number;
  memAlloc?: number;
  cpuReq: number;
  memReq: number;
  cpuLim: number;
  memLim: number;
  pods: number;
}

export interface Snapshot {
  readonly context: string;
  readonly server: string;
  /** The context's default namespace. */
  readonly namespace: string;
  readonly time: number;
  readonly nodes?: readonly NodeRow[];
  readonly pods: readonly PodRow[];
  /** metrics.k8s.io answered (usage figures exist). */
  readonly metrics: boolean;
  readonly problems: readonly MetricsProblem[];
}

/** A metrics window as metrics-server writes it (a Go duration: `15.011s`, `1m0s`, `500ms`) in ms. */
export function metricsWindowMs(w: string | undefined): number | undefined {
  if (!w) return undefined;
  let ms = 0;
  let rest = w.trim();
  const unit: Record<string, number> = { h: 3600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, µs: 1e-3, ns: 1e-6 };
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/.exec(rest);
    if (!m) return undefined;
    ms += Number(m[1]) * unit[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return ms > 0 ? ms : undefined;
}

function assign<K extends keyof Resources>(r: Resources, k: K, v: number | undefined): void {
  if (v !== undefined) r[k] = v;
}

const NO_OWNERS = new Map();

/** The same usage as last time: the metric window and every container's figures. */
function sameUsage(a: PodMetricJson | undefined, b: PodMetricJson | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.timestamp !== b.timestamp || a.window !== b.window) return false;
  const ac = a.containers ?? [];
  const bc = b.containers ?? [];
  if (ac.length !== bc.length) return false;
  for (let i = 0; i < ac.length; i++) {
    const x = ac[i]!;
    const y = bc[i]!;
    if (x.name !== y.name || x.usage?.cpu !== y.usage?.cpu || x.usage?.memory !== y.usage?.memory) return false;
  }
  return true;
}

/**
 * The last timestamp and window parsed, and their values: metrics-server scrapes a node's pods together, so
 * consecutive pods of a list share them, and parsing a date per pod is a good part of a refresh at 50,000 pods.
 */
let lastTimestamp: string | undefined;
let lastTime = NaN;
const windows = new Map<string, number | undefined>();

function timeOf(timestamp: string | undefined): number {
  if (!timestamp) return NaN;
  if (timestamp !== lastTimestamp) {
    lastTimestamp = timestamp;
    lastTime = new Date(timestamp).getTime();
  }
  return lastTime;
}

function windowOf(window: string | undefined): number | undefined {
  if (window === undefined) return undefined;
  if (windows.has(window)) return windows.get(window);
  if (windows.size > 1000) windows.clear(); // windows vary little; never let odd ones pile up
  const ms = metricsWindowMs(window);
  windows.set(window, ms);
  return ms;
}

/** The usage of one container (a pod has a few: a linear search beats building a map per pod). */
function usageOf(podMetrics: PodMetricJson | undefined, name: string): UsageJson | undefined {
  const cs = podMetrics?.containers;
  if (!cs) return undefined;
  for (let i = 0; i < cs.length; i++) if (cs[i]!.name === name) return cs[i]!.usage;
  return undefined;
}

/** Adds `v` to a sum that stays undefined until some part is defined. */
const plus = (s: number | undefined, v: number | undefined) => (v === undefined ? s : (s ?? 0) + v);

/** One pod's row: its cached facts joined with this refresh's usage. */
function podRow(facts: PodFacts, workload: WorkloadRef, podMetrics: PodMetricJson | undefined): PodRow {
  const containers: ContainerRow[] = [];
  let cpu: number | undefined;
  let mem: number | undefined;
  let cpuReq: number | undefined;
  let memReq: number | undefined;
  // A sum that is unknown (unbounded) as soon as one part is: a pod with one unlimited container is unlimited.
  let cpuLim: number | undefined = facts.containers.length ? 0 : undefined;
  let memLim: number | undefined = cpuLim;
  for (const f of facts.containers) {
    const u = usageOf(podMetrics, f.name);
    const row: ContainerRow = {
      name: f.name,
      sidecar: f.sidecar,
      ...(f.lastOomKill ? { lastOomKill: f.lastOomKill } : {}),
    };
    assign(row, 'cpu', quantityValue(u?.cpu));
    assign(row, 'mem', quantityValue(u?.memory));
    assign(row, 'cpuReq', f.cpuReq);
    assign(row, 'memReq', f.memReq);
    assign(row, 'cpuLim', f.cpuLim);
    assign(row, 'memLim', f.memLim);
    containers.push(row);
    cpu = plus(cpu, row.cpu);
    mem = plus(mem, row.mem);
    cpuReq = plus(cpuReq, f.cpuReq);
    memReq = plus(memReq, f.memReq);
    cpuLim = cpuLim === undefined || f.cpuLim === undefined ? undefined : cpuLim + f.cpuLim;
    memLim = memLim === undefined || f.memLim === undefined ? undefined : memLim + f.memLim;
  }
  const usageAt = timeOf(podMetrics?.timestamp);
  const usageWindowMs = windowOf(podMetrics?.window);
  const row: PodRow = {
    key: facts.key,
    namespace: facts.namespace,
    name: facts.name,
    node: facts.node,
    phase: facts.phase,
    labels: facts.labels,
    owner: workload.kind === 'Pod' ? '' : `${workload.kind}/${workload.name}`,
    workload,
    containers,
    ...(Number.isFinite(usageAt) ? { usageAt } : {}),
    ...(usageWindowMs !== undefined ? { usageWindowMs } : {}),
    status: facts.status,
  };
  assign(row, 'cpu', cpu);
  assign(row, 'mem', mem);
  // The pod's request is what its running containers (app and sidecars) ask for, as k9s and `kubectl top` users
  // read %CPU/R: usage is measured on those containers only, so an init container's request (it has finished) and
  // the runtime's overhead (not in the usage) are left out. The node totals below count them, as the scheduler does.
  assign(row, 'cpuReq', cpuReq);
  assign(row, 'memReq', memReq);
  assign(row, 'cpuLim', cpuLim);
  assign(row, 'memLim', memLim);
  return row;
}

/**
 * `owners` follows each pod's ReplicaSet or Job to its Deployment or CronJob (owners.ts); without it the owner is
 * guessed from the generated names. With `cache` (kept across refreshes) each pod's JSON is parsed once per
 * resourceVersion, and a pod whose facts and usage are both unchanged keeps its row object of the last refresh
 * (later stages skip it by identity); without it every pod is parsed: the result is the same.
 */
export function aggregate(
  raw: RawCluster,
  now = Date.now(),
  owners: WorkloadResolver = { workloadOf: (p) => workloadOf(p, NO_OWNERS) },
  cache: PodFactsCache = new PodFactsCache(),
): Snapshot {
  const metricsByPod = new Map<string, PodMetricJson>();
  for (const m of raw.podMetrics ?? []) metricsByPod.set(`${m.metadata.namespace}/${m.metadata.name}`, m);

  const pods: PodRow[] = [];
  /** Per pod, what the scheduler books on its node (see pod-facts.ts). */
  const booked: PodFacts['booked'][] = [];
  for (const pod of raw.pods) {
    const entry = cache.lookup(pod, owners) as PodFactsEntry<PodRow, PodMetricJson>;
    const { facts, workload } = entry;
    const podMetrics = metricsByPod.get(facts.key);
    let row = entry.row;
    if (!row || row.workload !== workload || row.status !== facts.status || !sameUsage(entry.usage, podMetrics)) {
      row = podRow(facts, workload, podMetrics);
      entry.row = row;
      entry.usage = podMetrics;
    }
    pods.push(row);
    booked.push(facts.booked);
  }
  cache.sweep();

  let nodes: NodeRow[] | undefined;
  if (raw.nodes) {
    const byName = new Map<string, NodeRow>();
    nodes = raw.nodes.map((n: V1Node) => {
      const alloc = n.status?.allocatable as Record<string, unknown> | undefined;
      const row: NodeRow = { name: n.metadata?.name ?? '', cpuReq: 0, memReq: 0, cpuLim: 0, memLim: 0, pods: 0 };
      const cpuAlloc = quantityValue(alloc?.cpu);
      const memAlloc = quantityValue(alloc?.memory);
      if (cpuAlloc !== undefined) row.cpuAlloc = cpuAlloc;
      if (memAlloc !== undefined) row.memAlloc = memAlloc;
      byName.set(row.name, row);
      return row;
    });
    for (const m of raw.nodeMetrics ?? ([] as NodeMetricJson[])) {
      const row = byName.get(m.metadata.name);
      if (!row) continue;
      const cpu = quantityValue(m.usage.cpu);
      const mem = quantityValue(m.usage.memory);
      if (cpu !== undefined) row.cpu = cpu;
      if (mem !== undefined) row.mem = mem;
    }
    // Pods that have finished hold no resources on their node.
    for (let i = 0; i < pods.length; i++) {
      const p = pods[i]!;
      if (p.phase === 'Succeeded' || p.phase === 'Failed') continue;
      const row = byName.get(p.node);
      if (!row) continue;
      row.pods++;
      row.cpuReq += booked[i]!.cpu;
      row.memReq += booked[i]!.mem;
      row.cpuLim += p.cpuLim ?? 0;
      row.memLim += p.memLim ?? 0;
    }
  }

  return {
    context: raw.context,
    server: raw.server,
    namespace: raw.namespace,
    time: now,
    ...(nodes ? { nodes } : {}),
    pods,
    metrics: raw.podMetrics !== undefined || raw.nodeMetrics !== undefined,
    problems: raw.problems,
  };
}
