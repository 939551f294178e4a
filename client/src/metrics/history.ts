/**
 * The panel's own history (metrics-server keeps none), in two parts:
 * - per pod container, a bounded ring buffer of recent samples for the sparklines, keyed `namespace/pod/container`;
 * - per workload container (all replicas of `Deployment/web` › `nginx`), incremental statistics and evidence
 *   (usage-stats.ts) for recommendations, so a rolling update does not start the evidence again.
 * A sample is the metrics' own window: a pod's usage is recorded only when its `timestamp` differs from the last
 * one recorded for that pod (polling faster than metrics-server scrapes reads the same window again), never by the
 * local clock. Containers and workloads that stop appearing are dropped after a few refreshes, so memory stays
 * bounded by what is live.
 */
import type { PodRow, Snapshot } from './aggregate';
import type { OomKill } from './recommend';
import { ContainerStats } from './usage-stats';

export interface Sample {
  /** The end of the metric window (ms since the epoch). */
  readonly t: number;
  /** Cores. */
  readonly cpu: number;
  /** Bytes. */
  readonly mem: number;
}

export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.items = new Array<T | undefined>(capacity);
  }

  push(v: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = v;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  get size(): number {
    return this.count;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity]!);
    return out;
  }

  /** The newest `n`, oldest first. */
  lastN(n: number): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, this.count - n); i < this.count; i++)
      out.push(this.items[(this.start + i) % this.capacity]!);
    return out;
  }

  last(): T | undefined {
    return this.count ? this.items[(this.start + this.count - 1) % this.capacity] : undefined;
  }
}

export const containerKey = (namespace: string, pod: string, container: string): string =>
  `${namespace}/${pod}/${container}`;

/**
 * The workload a pod belongs to, as `namespace/Kind/name`: its controller (`Deployment/web` through its ReplicaSet),
 * or the pod itself when it has none (a bare Pod is its own workload).
 */
export const workloadKeyOf = (pod: Pick<PodRow, 'namespace' | 'name' | 'owner'>): string =>
  `${pod.namespace}/${pod.owner || `Pod/${pod.name}`}`;

/** metrics-server's default window (its `--metric-resolution`), for metrics that do not say theirs. */
export const DEFAULT_WINDOW_MS = 15_000;

interface WorkloadEntry {
  readonly stats: ContainerStats;
  oomKill?: OomKill;
  seen: number;
}

export class UsageHistory {
  private readonly buffers = new Map<string, { ring: RingBuffer<Sample>; seen: number }>();
  private readonly workloads = new Map<string, WorkloadEntry>();
  private generation = 0;
  /** Bumped on every record: recommendations computed from the history can be cached against it. */
  version = 0;

  /** `capacity` samples per container (240 at 15 s is one hour); forgotten after `forgetAfter` absent refreshes. */
  constructor(
    readonly capacity = 240,
    private readonly forgetAfter = 4,
  ) {}

  record(snap: Snapshot): void {
    if (!snap.metrics) return;
    this.generation++;
    this.version++;
    for (const pod of snap.pods) {
      const wkey = workloadKeyOf(pod);
      // The metrics' own window; a snapshot without one (an old metrics-server) falls back to the fetch time.
      const t = pod.usageAt ?? snap.time;
      const windowMs = pod.usageWindowMs ?? DEFAULT_WINDOW_MS;
      for (const c of pod.containers) {
        const wk = `${wkey}/${c.name}`;
        let w = this.workloads.get(wk);
        if (c.lastOomKill) {
          w ??= this.newWorkload(wk);
          // The highest limit it was killed at is the floor (a later, smaller kill does not lower it).
          if (!w.oomKill || c.lastOomKill.memLimit > w.oomKill.memLimit)
            w.oomKill = { ...c.lastOomKill, pod: pod.name };
        }
        if (c.cpu === undefined || c.mem === undefined) {
          if (w) w.seen = this.generation;
          continue;
        }
        const key = containerKey(pod.namespace, pod.name, c.name);
        let b = this.buffers.get(key);
        if (!b) this.buffers.set(key, (b = { ring: new RingBuffer<Sample>(this.capacity), seen: 0 }));
        b.seen = this.generation;
        w ??= this.workloads.get(wk) ?? this.newWorkload(wk);
        w.seen = this.generation;
        // The same metrics window read twice is one sample.
        const last = b.ring.last();
        if (last && last.t >= t) continue;
        b.ring.push({ t, cpu: c.cpu, mem: c.mem });
        w.stats.addSample(pod.name, t, windowMs, c.cpu, c.mem);
      }
    }
    for (const [k, b] of this.buffers) if (this.generation - b.seen >= this.forgetAfter) this.buffers.delete(k);
    for (const [k, w] of this.workloads) if (this.generation - w.seen >= this.forgetAfter) this.workloads.delete(k);
  }

  private newWorkload(key: string): WorkloadEntry {
    const w: WorkloadEntry = { stats: new ContainerStats(), seen: this.generation };
    this.workloads.set(key, w);
    return w;
  }

  samples(key: string): Sample[] {
    return this.buffers.get(key)?.ring.toArray() ?? [];
  }

  /** The newest `n` samples of a pod container (the sparklines). */
  recent(key: string, n: number): Sample[] {
    return this.buffers.get(key)?.ring.lastN(n) ?? [];
  }

  /** Statistics and OOM kills of one container of a workload (`workloadKeyOf(pod)` + `/` + container). */
  workload(key: string): { readonly stats: ContainerStats; readonly oomKill?: OomKill } | undefined {
    return this.workloads.get(key);
  }

  get containers(): number {
    return this.buffers.size;
  }

  get workloadContainers(): number {
    return this.workloads.size;
  }

  clear(): void {
    this.buffers.clear();
    this.workloads.clear();
    this.version++;
  }
}
