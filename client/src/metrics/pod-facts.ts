/**
 * What one pod's own JSON says, apart from its usage: each container's requests and limits, kubectl's status
 * columns, its OOM kills, and what the scheduler books on its node. A pod's JSON only changes with its
 * resourceVersion, so `PodFactsCache` parses it once per version and every refresh in between reuses the result:
 * the quantities are parsed and the status columns computed per change of the pod, not per refresh (at 50,000 pods
 * that parsing was most of a refresh's CPU).
 */
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { quantityValue } from '../../../server/src/protocol/quantity';
import { oomKills, podStatus, type PodStatusFacts } from './pod-status';
import type { OomKill } from './recommend';
import type { WorkloadRef } from './owners';

/** A container's requests and limits (cores, bytes): a missing request is the limit, as Kubernetes copies it. */
export interface ContainerFacts {
  readonly name: string;
  /** A native sidecar (an init container with restartPolicy Always): it runs beside the others. */
  readonly sidecar: boolean;
  readonly cpuReq?: number;
  readonly cpuLim?: number;
  readonly memReq?: number;
  readonly memLim?: number;
  /** The last OOM kill and the memory limit then (recommendations never go below it). */
  readonly lastOomKill?: OomKill;
}

export interface PodFacts {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly phase: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly status: PodStatusFacts;
  /** Running containers: sidecars first, then the app containers (init containers that finish are left out). */
  readonly containers: readonly ContainerFacts[];
  /** What the scheduler books on the node for this pod (see `scheduled`), overhead included. */
  readonly booked: { readonly cpu: number; readonly mem: number };
}

function containerFacts(c: V1Container, sidecar: boolean, oom: OomKill | undefined): ContainerFacts {
  const req = c.resources?.requests as Record<string, unknown> | undefined;
  const lim = c.resources?.limits as Record<string, unknown> | undefined;
  const f: { -readonly [K in keyof ContainerFacts]: ContainerFacts[K] } = { name: c.name, sidecar };
  const cpuReq = quantityValue(req?.cpu) ?? quantityValue(lim?.cpu);
  const memReq = quantityValue(req?.memory) ?? quantityValue(lim?.memory);
  const cpuLim = quantityValue(lim?.cpu);
  const memLim = quantityValue(lim?.memory);
  if (cpuReq !== undefined) f.cpuReq = cpuReq;
  if (memReq !== undefined) f.memReq = memReq;
  if (cpuLim !== undefined) f.cpuLim = cpuLim;
  if (memLim !== undefined) f.memLim = memLim;
  if (oom) f.lastOomKill = oom;
  return f;
}

/**
 * The pod's request as the scheduler counts it (for the node totals, as `kubectl describe node` adds them up): app
 * containers and sidecars run together; a regular init container runs alone (beside the sidecars started before it),
 * so the pod needs the larger of the two; plus the runtime's overhead.
 */
function scheduled(spec: V1Pod['spec'], pick: (c: V1Container) => number | undefined): number {
  if (!spec) return 0;
  let running = 0;
  for (const c of spec.containers ?? []) running += pick(c) ?? 0;
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
const cpuReqOf = reqOf('cpu');
const memReqOf = reqOf('memory');

/** Parses one pod (no cache). */
export function podFacts(pod: V1Pod): PodFacts {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const spec = pod.spec;
  const status = podStatus(pod);
  // The memory floor of a recommendation: each container's last OOM kill and the limit it was killed at.
  const ooms = new Map<string, OomKill>();
  for (const k of oomKills(status))
    if (k.memoryLimit !== undefined)
      ooms.set(k.container, { memLimit: k.memoryLimit, ...(k.finishedAt !== undefined ? { at: k.finishedAt } : {}) });
  const containers: ContainerFacts[] = [];
  for (const c of spec?.initContainers ?? [])
    if (c.restartPolicy === 'Always') containers.push(containerFacts(c, true, ooms.get(c.name)));
  for (const c of spec?.containers ?? []) containers.push(containerFacts(c, false, ooms.get(c.name)));
  const overhead = spec?.overhead as Record<string, unknown> | undefined;
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    node: spec?.nodeName ?? '',
    phase: pod.status?.phase ?? '',
    labels: pod.metadata?.labels ?? {},
    status,
    containers,
    booked: {
      cpu: scheduled(spec, cpuReqOf) + (quantityValue(overhead?.cpu) ?? 0),
      mem: scheduled(spec, memReqOf) + (quantityValue(overhead?.memory) ?? 0),
    },
  };
}

/** What resolves a pod's workload (owners.ts); `version` changes whenever its answers may have. */
export interface WorkloadResolver {
  workloadOf(pod: V1Pod): WorkloadRef;
  readonly version?: number;
}

/** One pod's cached facts, and the row last built from them (aggregate.ts reuses it while the usage is the same). */
export interface PodFactsEntry<Row = unknown, Usage = unknown> {
  readonly facts: PodFacts;
  readonly workload: WorkloadRef;
  row?: Row;
  usage?: Usage;
}

interface Entry extends PodFactsEntry {
  pod: V1Pod;
  resourceVersion: string;
  workload: WorkloadRef;
  ownersVersion?: number;
  /** The sweep that last saw the pod. */
  seen: number;
}

const sameWorkload = (a: WorkloadRef, b: WorkloadRef) =>
  a.kind === b.kind && a.name === b.name && a.resolved === b.resolved;

/**
 * Facts per pod (by `namespace/name`), kept while the pod's resourceVersion stays the same. A pod without a
 * resourceVersion (built by hand) is parsed every time. Pods not seen in a sweep (`sweep` after a refresh's
 * lookups) are forgotten, so the cache holds the live pods only.
 */
export class PodFactsCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * The same entries by the pod object they were last found for: the watch keeps one object per version, so most
   * lookups need no `namespace/name` string built and hashed (at 50,000 pods that was most of a lookup).
   */
  private readonly byPod = new Map<V1Pod, Entry>();
  private generation = 0;
  /** Pods parsed since the cache was made (tests and the bench read it). */
  parsed = 0;

  get size(): number {
    return this.entries.size;
  }

  /** The pod's facts and workload, parsed again only when its resourceVersion (or the owners' answers) changed. */
  lookup(pod: V1Pod, owners: WorkloadResolver): PodFactsEntry {
    let e = this.byPod.get(pod);
    let parsed = false;
    if (!e) {
      const rv = pod.metadata?.resourceVersion;
      const key = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
      e = rv ? this.entries.get(key) : undefined;
      if (!e || e.resourceVersion !== rv) {
        // A new version: the entry of the old one goes (with its object).
        if (e) this.byPod.delete(e.pod);
        this.parsed++;
        parsed = true;
        const facts = podFacts(pod);
        e = { pod, resourceVersion: rv ?? '', facts, workload: owners.workloadOf(pod), seen: this.generation };
        e.ownersVersion = owners.version;
        if (rv) this.entries.set(key, e);
      }
      if (rv) {
        // The same version in a new object (a re-list): found by it from now on.
        if (e.pod !== pod) this.byPod.delete(e.pod);
        e.pod = pod;
        this.byPod.set(pod, e);
      }
    }
    if (!parsed && (owners.version === undefined || e.ownersVersion !== owners.version)) {
      const workload = owners.workloadOf(pod);
      if (!sameWorkload(workload, e.workload)) {
        e.workload = workload;
        e.row = undefined;
      }
      e.ownersVersion = owners.version;
    }
    e.seen = this.generation;
    return e;
  }

  /** Forgets the pods not looked up since the last sweep. */
  sweep(): void {
    for (const [k, e] of this.entries) {
      if (e.seen === this.generation) continue;
      this.entries.delete(k);
      this.byPod.delete(e.pod);
    }
    this.generation++;
  }

  clear(): void {
    this.entries.clear();
    this.byPod.clear();
  }

  /** Pod objects the cache holds (tests read it: one per live pod). */
  get objects(): number {
    return this.byPod.size;
  }
}
