/**
 * Right-sized requests from observed usage, the way krr's `simple` strategy and the VPA recommender work:
 * CPU request at a high percentile (p95) of usage plus a margin; memory request and limit at the peak plus a
 * margin (memory is not compressible: a container over its limit is killed); floors so that an idle container
 * still gets a schedulable request; caps so that one spike cannot ask for a whole node. No CPU limit is
 * recommended (krr `simple`): a CPU limit throttles a container even on an idle node. A recommendation from a
 * short history (fewer than krr's 100 samples) is marked low confidence.
 */

export interface UsageStats {
  /** Cores. */
  readonly cpuP50: number;
  readonly cpuP95: number;
  readonly cpuMax: number;
  /** Bytes. */
  readonly memP50: number;
  readonly memP95: number;
  readonly memMax: number;
  readonly samples: number;
  /** Milliseconds between the first and the last sample. */
  readonly spanMs: number;
  readonly source: 'panel' | 'prometheus';
}

export interface Recommendation {
  /** Cores. */
  readonly cpuRequest: number;
  /** Bytes; the memory limit equals the request. */
  readonly memRequest: number;
  readonly memLimit: number;
  readonly confidence: 'low' | 'normal';
  readonly samples: number;
  readonly method: string;
  readonly source: UsageStats['source'];
  /** The usage it was computed from (p50, p95 and max of CPU and memory over the history). */
  readonly stats: UsageStats;
}

export const RECOMMENDATION = {
  cpuPercentile: 95,
  cpuMargin: 0.15,
  memMargin: 0.15,
  cpuFloor: 0.01,
  memFloor: 100 * 2 ** 20,
  cpuCap: 16,
  memCap: 64 * 2 ** 30,
  minSamples: 100,
} as const;

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function statsOf(samples: readonly { t: number; cpu: number; mem: number }[]): UsageStats | undefined {
  if (samples.length === 0) return undefined;
  const cpu = samples.map((s) => s.cpu);
  const mem = samples.map((s) => s.mem);
  const ts = samples.map((s) => s.t);
  return {
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    cpuMax: Math.max(...cpu),
    memP50: percentile(mem, 50),
    memP95: percentile(mem, 95),
    memMax: Math.max(...mem),
    samples: samples.length,
    spanMs: Math.max(...ts) - Math.min(...ts),
    source: 'panel',
  };
}

/** The method in one sentence (the panel shows it beside every recommendation). */
export const METHOD =
  `CPU request = p${RECOMMENDATION.cpuPercentile} of usage + ${RECOMMENDATION.cpuMargin * 100}% (floor 10m, cap 16 cores); ` +
  `memory request = limit = peak + ${RECOMMENDATION.memMargin * 100}% (floor 100Mi, cap 64Gi); no CPU limit ` +
  `(as krr's "simple" strategy and the VPA recommender); low confidence under ${RECOMMENDATION.minSamples} samples.`;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function recommend(stats: UsageStats): Recommendation {
  const r = RECOMMENDATION;
  const cpuRequest = clamp(stats.cpuP95 * (1 + r.cpuMargin), r.cpuFloor, r.cpuCap);
  const mem = clamp(stats.memMax * (1 + r.memMargin), r.memFloor, r.memCap);
  return {
    cpuRequest,
    memRequest: mem,
    memLimit: mem,
    confidence: stats.samples < r.minSamples ? 'low' : 'normal',
    samples: stats.samples,
    source: stats.source,
    stats,
    method:
      `CPU request = p${r.cpuPercentile} of usage + ${r.cpuMargin * 100}% (floor 10m, cap 16 cores); ` +
      `memory request = limit = peak + ${r.memMargin * 100}% (floor 100Mi, cap 64Gi); no CPU limit. ` +
      `${stats.samples} sample(s) from ${stats.source === 'prometheus' ? 'Prometheus' : "the panel's own history"}` +
      (stats.samples < r.minSamples ? `: low confidence (fewer than ${r.minSamples})` : ''),
  };
}
