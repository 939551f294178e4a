/**
 * Usage statistics kept incrementally, as the VPA recommender keeps them: each sample goes into a histogram with
 * exponentially growing buckets (each 5 % wider than the one before, so a percentile is within 5 % of the exact
 * one), weighted so that a sample a day old counts half as much as a new one. Adding a sample and reading a
 * percentile cost a few dozen operations whatever the length of the history, and the memory per container is a
 * few hundred numbers at most: nothing is re-sorted on a refresh, and no array is ever spread into arguments.
 *
 * Beside the distribution it counts the evidence: how many distinct metric windows were seen and over what span.
 * Replicas add values to the distribution, but not evidence: a window counts once however many replicas reported
 * in it (see `addSample`), so thirteen replicas watched for ten minutes are ten minutes of evidence, not two hours.
 */

/** Growth of each bucket over the previous one (the VPA's `HistogramBucketSizeGrowth`). */
const GROWTH = 1.05;
/** The VPA's decay half-life for CPU and memory histograms. */
export const HALF_LIFE_MS = 24 * 3600_000;
/** Past this many buckets every value lands in the last (1000 cores or 1 PiB and more, with the first buckets below). */
const MAX_BUCKETS = 400;
/** Weights are rescaled before 2^exponent could overflow a double. */
const MAX_DECAY_EXPONENT = 100;

export class DecayingHistogram {
  private weights = new Float64Array(16);
  private used = 0;
  private total = 0;
  private reference: number | undefined;
  private maxValue = 0;

  /** `firstBucket`: the width of the first bucket (1 millicore for CPU, 1 MiB for memory). */
  constructor(
    readonly firstBucket: number,
    readonly halfLifeMs = HALF_LIFE_MS,
  ) {}

  private bucketOf(v: number): number {
    if (!(v > 0)) return 0;
    const i = Math.floor(Math.log(1 + (v * (GROWTH - 1)) / this.firstBucket) / Math.log(GROWTH));
    return Math.min(MAX_BUCKETS - 1, i);
  }

  /** Where bucket `i` starts. */
  bucketStart(i: number): number {
    return (this.firstBucket * (GROWTH ** i - 1)) / (GROWTH - 1);
  }

  add(value: number, time: number, weight = 1): void {
    if (!Number.isFinite(value) || value < 0) return;
    this.reference ??= time;
    let exponent = (time - this.reference) / this.halfLifeMs;
    if (exponent > MAX_DECAY_EXPONENT) {
      // Move the reference to now: every weight shrinks by the same factor, the distribution does not change.
      const f = 2 ** -exponent;
      for (let i = 0; i < this.used; i++) this.weights[i]! *= f;
      this.total *= f;
      this.reference = time;
      exponent = 0;
    }
    const w = weight * 2 ** exponent;
    const b = this.bucketOf(value);
    if (b >= this.weights.length) {
      const grown = new Float64Array(Math.min(MAX_BUCKETS, Math.max(b + 1, this.weights.length * 2)));
      grown.set(this.weights);
      this.weights = grown;
    }
    this.weights[b]! += w;
    if (b + 1 > this.used) this.used = b + 1;
    this.total += w;
    if (value > this.maxValue) this.maxValue = value;
  }

  get empty(): boolean {
    return this.total === 0;
  }

  /** The largest value added (exact, never decayed). */
  get max(): number {
    return this.maxValue;
  }

  /**
   * The `p`th percentile (0–100): the end of the bucket where the cumulative weight reaches p % (an upper bound,
   * as the VPA reads it), never above the largest value seen. NaN when empty.
   */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const threshold = (p / 100) * this.total;
    let sum = 0;
    for (let i = 0; i < this.used; i++) {
      sum += this.weights[i]!;
      if (sum >= threshold - 1e-12 * this.total && this.weights[i]! > 0)
        return Math.min(this.bucketStart(i + 1), this.maxValue);
    }
    return this.maxValue;
  }
}

/** How much history a recommendation stands on. */
export interface Evidence {
  /** Distinct metric windows (a window reported by several replicas counts once). */
  readonly windows: number;
  /** Milliseconds from the first window to the last. */
  readonly spanMs: number;
  /** Values in the distribution (every replica's value of every window). */
  readonly values: number;
  /** Metric time (ms since the epoch) of the first and of the newest window. */
  readonly firstAt: number;
  readonly lastAt: number;
  /** The pods that contributed. */
  readonly pods: number;
}

export interface UsageSummary {
  /** Cores. */
  readonly cpuP50: number;
  readonly cpuP95: number;
  readonly cpuMax: number;
  /** Bytes. */
  readonly memP50: number;
  readonly memP95: number;
  readonly memMax: number;
}

const MI = 2 ** 20;

/**
 * The statistics of one container of one workload (all its replicas), from the panel's history or from Prometheus.
 */
export class ContainerStats {
  readonly cpu = new DecayingHistogram(0.001);
  readonly mem = new DecayingHistogram(MI);
  private values = 0;
  private windows = 0;
  private firstAt = Infinity;
  private lastAt = -Infinity;
  /** The end of the last window counted as evidence. */
  private lastCounted = -Infinity;
  private readonly pods = new Set<string>();
  /** Bumped by every value and window added: what is computed from the statistics can be cached against it. */
  version = 0;
  /**
   * The right-sizing last computed from these statistics, kept by workload-usage.ts (which checks it is still
   * valid): a field rather than a WeakMap, as it is read for every container on every refresh.
   */
  computed: unknown = undefined;

  /**
   * One replica's usage in one metric window: `time` is the end of the window (the metrics' own `timestamp`),
   * `windowMs` its length. It counts as new evidence only when it ends at least half a window after the last
   * window counted, so replicas scraped in the same round (a few seconds apart) are one window, and consecutive
   * scrapes of one pod (a window apart) are two.
   */
  addSample(
    pod: string,
    time: number,
    windowMs: number,
    cpu: number | undefined,
    mem: number | undefined,
    /** The caller knows `pod` has contributed before (it need not be counted again). */
    knownPod = false,
  ): void {
    if (!this.addValue(pod, time, cpu, mem, knownPod)) return;
    if (time >= this.lastCounted + windowMs / 2) this.addWindow(time);
  }

  /** A value for the distribution only (the caller counts the windows: see `addWindow`). */
  addValue(pod: string, time: number, cpu: number | undefined, mem: number | undefined, knownPod = false): boolean {
    if (cpu !== undefined) this.cpu.add(cpu, time);
    if (mem !== undefined) this.mem.add(mem, time);
    if (cpu === undefined && mem === undefined) return false;
    this.version++;
    this.values++;
    if (!knownPod) this.pods.add(pod);
    if (time < this.firstAt) this.firstAt = time;
    if (time > this.lastAt) this.lastAt = time;
    return true;
  }

  /** One distinct window of evidence, ending at `time`. */
  addWindow(time: number): void {
    this.version++;
    this.windows++;
    if (time > this.lastCounted) this.lastCounted = time;
  }

  /** Metric time (ms since the epoch) of the newest value, -Infinity before any: `evidence.lastAt` without the object. */
  get newestAt(): number {
    return this.lastAt;
  }

  get evidence(): Evidence {
    const any = this.values > 0;
    return {
      windows: this.windows,
      spanMs: any ? this.lastAt - this.firstAt : 0,
      values: this.values,
      firstAt: any ? this.firstAt : 0,
      lastAt: any ? this.lastAt : 0,
      pods: this.pods.size,
    };
  }

  get summary(): UsageSummary | undefined {
    if (this.cpu.empty && this.mem.empty) return undefined;
    return {
      cpuP50: this.cpu.percentile(50),
      cpuP95: this.cpu.percentile(95),
      cpuMax: this.cpu.max,
      memP50: this.mem.percentile(50),
      memP95: this.mem.percentile(95),
      memMax: this.mem.max,
    };
  }
}
