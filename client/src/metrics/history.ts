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

/** Rings per block of `SampleColumns`: a block of 240-sample rings is under 1 MB. */
const RINGS_PER_BLOCK = 256;

/**
 * The samples of many rings in three typed columns (time as a 64-bit float, CPU and memory as 32-bit floats: 7
 * significant digits, the sparklines show 3), allocated in blocks of `RINGS_PER_BLOCK` rings: 16 bytes per sample
 * and no object per sample or per ring (three typed arrays per ring cost about 600 bytes more each, 2.5 bytes per
 * sample of an hour's ring). A ring that is dropped gives its slot back for the next one.
 */
export class SampleColumns {
  private readonly blocks: { t: Float64Array; cpu: Float32Array; mem: Float32Array }[] = [];
  private readonly free: number[] = [];
  private used = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
  }

  /** A ring of `capacity` samples, in a free slot. */
  ring(): SampleRing {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.used++;
      if (slot >= this.blocks.length * RINGS_PER_BLOCK) {
        const n = RINGS_PER_BLOCK * this.capacity;
        this.blocks.push({ t: new Float64Array(n), cpu: new Float32Array(n), mem: new Float32Array(n) });
      }
    }
    const b = this.blocks[Math.floor(slot / RINGS_PER_BLOCK)]!;
    return new SampleRing(this.capacity, b.t, b.cpu, b.mem, (slot % RINGS_PER_BLOCK) * this.capacity, slot);
  }

  /** Gives `ring`'s slot back (the ring must not be used again). */
  release(ring: SampleRing): void {
    this.free.push(ring.slot);
  }
}

/** One container's samples, oldest first, in its slot of `SampleColumns` (or in columns of its own). */
export class SampleRing {
  private start = 0;
  private count = 0;
  private readonly t: Float64Array;
  private readonly cpu: Float32Array;
  private readonly mem: Float32Array;

  constructor(
    readonly capacity: number,
    t?: Float64Array,
    cpu?: Float32Array,
    mem?: Float32Array,
    /** Where the ring starts in the columns. */
    private readonly base = 0,
    /** Its slot in `SampleColumns`. */
    readonly slot = 0,
  ) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.t = t ?? new Float64Array(capacity);
    this.cpu = cpu ?? new Float32Array(capacity);
    this.mem = mem ?? new Float32Array(capacity);
  }

  push(t: number, cpu: number, mem: number): void {
    let end = this.start + this.count;
    if (end >= this.capacity) end -= this.capacity;
    end += this.base;
    this.t[end] = t;
    this.cpu[end] = cpu;
    this.mem[end] = mem;
    if (this.count < this.capacity) this.count++;
    else if (++this.start === this.capacity) this.start = 0;
  }

  get size(): number {
    return this.count;
  }

  /** The time of the newest sample, or -Infinity when empty. */
  lastTime(): number {
    return this.count ? this.t[this.base + ((this.start + this.count - 1) % this.capacity)]! : -Infinity;
  }

  /** The newest `n` (all by default), oldest first. */
  lastN(n = this.count): Sample[] {
    const out: Sample[] = [];
    for (let i = Math.max(0, this.count - n); i < this.count; i++) {
      const k = this.base + ((this.start + i) % this.capacity);
      out.push({ t: this.t[k]!, cpu: this.cpu[k]!, mem: this.mem[k]! });
    }
    return out;
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
  /** Forgotten (or the history cleared): a pod's reference to it is stale. */
  dead?: boolean;
}

/** One pod container's samples. */
interface RingEntry {
  readonly ring: SampleRing;
  seen: number;
  /** The workload statistics its samples went to last (its pod is known there: no need to add it again). */
  fed?: WorkloadEntry;
  dead?: boolean;
}

/**
 * What `record` needs of a pod between refreshes: the keys of its containers' samples and of its workload
 * containers, built once while its owner and containers stay the same (at 10,000 containers, building two keys per
 * container on every refresh was a good part of recording).
 */
interface PodKeys {
  readonly owner: string;
  readonly names: readonly string[];
  readonly sampleKeys: readonly string[];
  readonly workloadKeys: readonly string[];
  /**
   * The entries the keys found (at 100,000 containers, two lookups per container in maps that large were a good
   * part of recording): used while not `dead`, else looked up again.
   */
  readonly rings: (RingEntry | undefined)[];
  readonly workloads: (WorkloadEntry | undefined)[];
  seen: number;
}

export class UsageHistory {
  private readonly buffers = new Map<string, RingEntry>();
  private columns: SampleColumns;
  private readonly workloads = new Map<string, WorkloadEntry>();
  private readonly podKeys = new Map<string, PodKeys>();
  /** The pods of the last snapshot recorded and their keys, by position (the message asks for them next). */
  private recorded: { readonly pods: readonly PodRow[]; readonly keys: readonly PodKeys[] } | undefined;
  private generation = 0;
  /** Bumped on every record: recommendations computed from the history can be cached against it. */
  version = 0;

  /** `capacity` samples per container (240 at 15 s is one hour); forgotten after `forgetAfter` absent refreshes. */
  constructor(
    readonly capacity = 240,
    private readonly forgetAfter = 4,
  ) {
    this.columns = new SampleColumns(capacity);
  }

  private keysOf(pod: PodRow, keep = true): PodKeys {
    const known = this.podKeys.get(pod.key);
    const cs = pod.containers;
    if (known && known.owner === pod.owner && known.names.length === cs.length) {
      let same = true;
      for (let i = 0; i < cs.length && same; i++) same = known.names[i] === cs[i]!.name;
      if (same) return known;
    }
    const wkey = workloadKeyOf(pod);
    const keys: PodKeys = {
      owner: pod.owner,
      names: cs.map((c) => c.name),
      sampleKeys: cs.map((c) => containerKey(pod.namespace, pod.name, c.name)),
      workloadKeys: cs.map((c) => `${wkey}/${c.name}`),
      rings: new Array<RingEntry | undefined>(cs.length),
      workloads: new Array<WorkloadEntry | undefined>(cs.length),
      seen: this.generation,
    };
    if (keep) this.podKeys.set(pod.key, keys);
    return keys;
  }

  /**
   * The keys of the pod's workload containers (`workloadKeyOf(pod)/container`, in the order of its containers),
   * built once while its owner and containers stay the same.
   */
  workloadKeysOf(pod: PodRow, index?: number): readonly string[] {
    // The snapshot just recorded, by its position in it: no lookup.
    const r = this.recorded;
    if (r && index !== undefined && r.pods[index] === pod) return r.keys[index]!.workloadKeys;
    // Kept only by `record`, which forgets the pods that go away.
    return this.keysOf(pod, false).workloadKeys;
  }

  record(snap: Snapshot): void {
    if (!snap.metrics) return;
    this.generation++;
    this.version++;
    const generation = this.generation;
    const recorded: PodKeys[] = [];
    for (const pod of snap.pods) {
      const keys = this.keysOf(pod);
      recorded.push(keys);
      keys.seen = generation;
      // The metrics' own window; a snapshot without one (an old metrics-server) falls back to the fetch time.
      const t = pod.usageAt ?? snap.time;
      const windowMs = pod.usageWindowMs ?? DEFAULT_WINDOW_MS;
      const cs = pod.containers;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i]!;
        const wk = keys.workloadKeys[i]!;
        let w = keys.workloads[i];
        if (!w || w.dead) w = keys.workloads[i] = this.workloads.get(wk);
        if (c.lastOomKill) {
          w ??= keys.workloads[i] = this.newWorkload(wk);
          // The highest limit it was killed at is the floor (a later, smaller kill does not lower it).
          if (!w.oomKill || c.lastOomKill.memLimit > w.oomKill.memLimit)
            w.oomKill = { ...c.lastOomKill, pod: pod.name };
        }
        if (c.cpu === undefined || c.mem === undefined) {
          if (w) w.seen = generation;
          continue;
        }
        let b = keys.rings[i];
        if (!b || b.dead) {
          const key = keys.sampleKeys[i]!;
          b = this.buffers.get(key);
          if (!b) this.buffers.set(key, (b = { ring: this.columns.ring(), seen: 0 }));
          keys.rings[i] = b;
        }
        b.seen = generation;
        w ??= keys.workloads[i] = this.newWorkload(wk);
        w.seen = generation;
        // The same metrics window read twice is one sample.
        if (b.ring.lastTime() >= t) continue;
        b.ring.push(t, c.cpu, c.mem);
        w.stats.addSample(pod.name, t, windowMs, c.cpu, c.mem, b.fed === w);
        b.fed = w;
      }
    }
    this.recorded = { pods: snap.pods, keys: recorded };
    const forget = generation - this.forgetAfter;
    for (const [k, p] of this.podKeys) if (p.seen <= forget) this.podKeys.delete(k);
    for (const [k, b] of this.buffers) {
      if (b.seen > forget) continue;
      this.buffers.delete(k);
      b.dead = true;
      this.columns.release(b.ring);
    }
    for (const [k, w] of this.workloads) {
      if (w.seen > forget) continue;
      this.workloads.delete(k);
      w.dead = true;
    }
  }

  private newWorkload(key: string): WorkloadEntry {
    const w: WorkloadEntry = { stats: new ContainerStats(), seen: this.generation };
    this.workloads.set(key, w);
    return w;
  }

  samples(key: string): Sample[] {
    return this.buffers.get(key)?.ring.lastN() ?? [];
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
    this.columns = new SampleColumns(this.capacity);
    this.workloads.clear();
    this.podKeys.clear();
    this.recorded = undefined;
    this.version++;
  }
}
