/**
 * The panel's own history (metrics-server keeps none): a bounded ring buffer of usage samples per container,
 * keyed `namespace/pod/container`. Containers that stop appearing are dropped after a few refreshes, so the memory
 * used is bounded by (live containers × capacity).
 */
import type { Snapshot } from './aggregate';

export interface Sample {
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

  last(): T | undefined {
    return this.count ? this.items[(this.start + this.count - 1) % this.capacity] : undefined;
  }
}

export const containerKey = (namespace: string, pod: string, container: string): string =>
  `${namespace}/${pod}/${container}`;

export class UsageHistory {
  private readonly buffers = new Map<string, { ring: RingBuffer<Sample>; seen: number }>();
  private generation = 0;

  /** `capacity` samples per container (240 at 15 s is one hour); forgotten after `forgetAfter` absent refreshes. */
  constructor(
    readonly capacity = 240,
    private readonly forgetAfter = 4,
  ) {}

  record(snap: Snapshot): void {
    if (!snap.metrics) return;
    this.generation++;
    for (const pod of snap.pods) {
      for (const c of pod.containers) {
        if (c.cpu === undefined || c.mem === undefined) continue;
        const key = containerKey(pod.namespace, pod.name, c.name);
        let b = this.buffers.get(key);
        if (!b) this.buffers.set(key, (b = { ring: new RingBuffer<Sample>(this.capacity), seen: 0 }));
        // The same metrics window read twice (polling faster than metrics-server scrapes) is one sample.
        const last = b.ring.last();
        if (!last || last.t !== snap.time) b.ring.push({ t: snap.time, cpu: c.cpu, mem: c.mem });
        b.seen = this.generation;
      }
    }
    for (const [k, b] of this.buffers) if (this.generation - b.seen >= this.forgetAfter) this.buffers.delete(k);
  }

  samples(key: string): Sample[] {
    return this.buffers.get(key)?.ring.toArray() ?? [];
  }

  /** Samples of every container of the pods matching `keyPrefix` + container name (all replicas of a workload). */
  samplesWhere(match: (key: string) => boolean): Sample[] {
    const out: Sample[] = [];
    for (const [k, b] of this.buffers) if (match(k)) out.push(...b.ring.toArray());
    return out;
  }

  get containers(): number {
    return this.buffers.size;
  }

  clear(): void {
    this.buffers.clear();
  }
}
