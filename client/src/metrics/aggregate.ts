/**
 * Turns one fetch into the rows the panel shows, computed here rather than by client-node's topPods/topNodes
 * (whose pod memory request sums the limits, which key pods by name only, and which ignore init containers).
 * Usage comes from metrics.k8s.io; requests and limits from the pod specs; allocatable from the nodes.
 * CPU is in cores, memory in bytes.
 */
import type { V1Container, V1Node, V1Pod } from '@kubernetes/client-node';
import type { NodeMetricJson, PodMetricJson, RawCluster } from './cluster-client';
import { workloadOf, type WorkloadRef } from './owners';
import { oomKills, podStatus, type PodStatusFacts } from './pod-status';
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

function containerRow(
  c: V1Container,
  sidecar: boolean,
  usage?: { cpu?: string; memory?: string },
  oom?: OomKill,
): ContainerRow {
  const req = c.resources?.requests as Record<string, unknown> | undefined;
  const lim = c.resources?.limits as Record<string, unknown> | undefined;
  const row: ContainerRow = { name: c.name, sidecar, ...(oom ? { lastOomKill: oom } : {}) };
  assign(row, 'cpu', quantityValue(usage?.cpu));
  assign(row, 'mem', quantityValue(usage?.memory));
  // Kubernetes copies a limit into a missing request.
  assign(row, 'cpuReq', quantityValue(req?.cpu) ?? quantityValue(lim?.cpu));
  assign(row, 'memReq', quantityValue(req?.memory) ?? quantityValue(lim?.memory));
  assign(row, 'cpuLim', quantityValue(lim?.cpu));
  assign(row, 'memLim', quantityValue(lim?.memory));
  return row;
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

function sumDefined(values: (number | undefined)[]): number | undefined {
  let s: number | undefined;
  for (const v of values) if (v !== undefined) s = (s ?? 0) + v;
  return s;
}

/** A sum that is unknown (unbounded) as soon as one part is: a pod with one unlimited container is unlimited. */
function sumAll(values: (number | undefined)[]): number | undefined {
  let s = 0;
  for (const v of values) {
    if (v === undefined) return undefined;
    s += v;
  }
  return values.length ? s : undefined;
}

/**
 * The pod's request as the scheduler counts it (for the node totals, as `kubectl describe node` adds them up): app
 * containers and sidecars run together; a regular init container runs alone (beside the sidecars started before it),
 * so the pod needs the larger of the two; plus the runtime's overhead.
 */
function scheduled(spec: V1Pod['spec'], pick: (c: V1Container) => number | undefined): number {
  if (!spec) return 0;
  let running = 0;
  for (const c of spec.containers) running += pick(c) ?? 0;
  let sidecars = 0;
  let initPeak = 0;
  for (const ic of spec.initContainers ?? []) {
    const v = pick(ic) ?? 0;
    if (ic.restartPolicy === 'Always') sidecars += v;
    else initPeak = Math.max(initPeak, sidecars + v);
  }
  return Math.max(running + sidecars, initPeak);
}

const reqOf = (key: 'cpu' | 'memory') => (c: V1Container) => {
  const r = c.resources?.requests as Record<string, unknown> | undefined;
  const l = c.resources?.limits as Record<string, unknown> | undefined;
  return quantityValue(r?.[key]) ?? quantityValue(l?.[key]);
};

const NO_OWNERS = new Map();

/**
 * `owners` follows each pod's ReplicaSet or Job to its Deployment or CronJob (owners.ts); without it the owner is
 * guessed from the generated names.
 */
export function aggregate(
  raw: RawCluster,
  now = Date.now(),
  owners: { workloadOf(pod: V1Pod): WorkloadRef } = { workloadOf: (p) => workloadOf(p, NO_OWNERS) },
): Snapshot {
  const metricsByPod = new Map<string, PodMetricJson>();
  for (const m of raw.podMetrics ?? []) metricsByPod.set(`${m.metadata.namespace}/${m.metadata.name}`, m);

  const pods: PodRow[] = [];
  /** Per pod, what the scheduler books on its node (see `scheduled`). */
  const booked: { cpu: number; mem: number }[] = [];
  for (const pod of raw.pods) {
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const key = `${namespace}/${name}`;
    const usage = new Map<string, { cpu?: string; memory?: string }>();
    const podMetrics = metricsByPod.get(key);
    for (const c of podMetrics?.containers ?? []) usage.set(c.name, c.usage);
    const spec = pod.spec;
    const workload = owners.workloadOf(pod);
    // The memory floor of a recommendation: each container's last OOM kill and the limit it was killed at.
    const ooms = new Map<string, OomKill>();
    const status = podStatus(pod);
    for (const k of oomKills(status))
      if (k.memoryLimit !== undefined)
        ooms.set(k.container, { memLimit: k.memoryLimit, ...(k.finishedAt !== undefined ? { at: k.finishedAt } : {}) });
    const containers: ContainerRow[] = [
      ...(spec?.initContainers ?? [])
        .filter((c) => c.restartPolicy === 'Always')
        .map((c) => containerRow(c, true, usage.get(c.name), ooms.get(c.name))),
      ...(spec?.containers ?? []).map((c) => containerRow(c, false, usage.get(c.name), ooms.get(c.name))),
    ];
    const usageAt = podMetrics?.timestamp ? new Date(podMetrics.timestamp).getTime() : NaN;
    const usageWindowMs = metricsWindowMs(podMetrics?.window);
    const row: PodRow = {
      key,
      namespace,
      name,
      node: spec?.nodeName ?? '',
      phase: pod.status?.phase ?? '',
      labels: pod.metadata?.labels ?? {},
      owner: workload.kind === 'Pod' ? '' : `${workload.kind}/${workload.name}`,
      workload,
      containers,
      ...(Number.isFinite(usageAt) ? { usageAt } : {}),
      ...(usageWindowMs !== undefined ? { usageWindowMs } : {}),
      status,
    };
    assign(row, 'cpu', sumDefined(containers.map((c) => c.cpu)));
    assign(row, 'mem', sumDefined(containers.map((c) => c.mem)));
    // The pod's request is what its running containers (app and sidecars) ask for, as k9s and `kubectl top` users
    // read %CPU/R: usage is measured on those containers only, so an init container's request (it has finished) and
    // the runtime's overhead (not in the usage) are left out. The node totals below count them, as the scheduler does.
    assign(row, 'cpuReq', sumDefined(containers.map((c) => c.cpuReq)));
    assign(row, 'memReq', sumDefined(containers.map((c) => c.memReq)));
    assign(row, 'cpuLim', sumAll(containers.map((c) => c.cpuLim)));
    assign(row, 'memLim', sumAll(containers.map((c) => c.memLim)));
    pods.push(row);
    if (raw.nodes) {
      const overhead = spec?.overhead as Record<string, unknown> | undefined;
      booked.push({
        cpu: scheduled(spec, reqOf('cpu')) + (quantityValue(overhead?.cpu) ?? 0),
        mem: scheduled(spec, reqOf('memory')) + (quantityValue(overhead?.memory) ?? 0),
      });
    }
  }

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
