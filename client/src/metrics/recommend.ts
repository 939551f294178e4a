/**
 * Right-sized requests from observed usage: the one computation behind the panel's badge, the CodeLens, the hover,
 * "Apply recommended resources" and the measured quick fixes. As krr's `simple` strategy and the VPA recommender:
 * CPU request at p95 of usage plus 15 %; memory request and limit at the peak plus 15 % (memory cannot be
 * throttled: over its limit a container is killed); floors so that an idle container still gets a schedulable
 * request; caps so that one spike cannot ask for a whole node; no CPU limit recommended (it throttles a container
 * even on an idle node).
 *
 * Nothing is offered before a minimum of evidence (docs/metrics.md, "How much evidence"): 100 distinct metric
 * windows (krr's `points_required`) spanning at least 3 hours (krr's `history_range_enough`). Confidence is the
 * VPA's: the lesser of the span in days and the windows per 1,440 (a day of one window a minute); under 1 the
 * recommendation is offered marked "low confidence".
 */
import type { Evidence, UsageSummary } from './usage-stats';

export type { Evidence, UsageSummary } from './usage-stats';

export const RECOMMENDATION = {
  cpuPercentile: 95,
  cpuMargin: 0.15,
  memMargin: 0.15,
  cpuFloor: 0.01,
  memFloor: 100 * 2 ** 20,
  cpuCap: 16,
  memCap: 64 * 2 ** 30,
  /** After an OOM kill, memory at least the limit it was killed at × 1.2, and at least 100Mi more (the VPA's bump). */
  oomBumpRatio: 1.2,
  oomMinBump: 100 * 2 ** 20,
} as const;

export const EVIDENCE = {
  /** krr's `points_required`: distinct metric windows before any value is offered. */
  minWindows: 100,
  /** krr's `history_range_enough`: the first and the last window at least this far apart. */
  minSpanMs: 3 * 3600_000,
  /** The VPA's confidence interval: a day of one window a minute is full confidence. */
  confidenceMs: 24 * 3600_000,
  confidenceWindows: 1440,
} as const;

export type Source = 'panel' | 'prometheus';

/** A container's last termination by the kernel's OOM killer, and the memory limit in force then (bytes). */
export interface OomKill {
  readonly memLimit: number;
  /** When it happened (ms since the epoch), when known. */
  readonly at?: number;
  readonly pod?: string;
}

export interface RightsizeInput {
  readonly summary: UsageSummary | undefined;
  readonly evidence: Evidence;
  readonly source: Source;
  readonly oomKill?: OomKill;
  /** The panel's refresh interval, to say how long collecting still takes. */
  readonly intervalMs?: number;
}

/** Not enough evidence yet: what is being collected, and how long remains. */
export interface Collecting {
  readonly kind: 'collecting';
  readonly evidence: Evidence;
  readonly source: Source;
  readonly windowsNeeded: number;
  /** Milliseconds still needed at the current pace (the larger of the span and the window count). */
  readonly remainingMs: number;
}

export interface Recommendation {
  readonly kind: 'recommendation';
  /** Cores. */
  readonly cpuRequest: number;
  /** Bytes; the memory limit equals the request. */
  readonly memRequest: number;
  readonly memLimit: number;
  /** The VPA's confidence (span in days, windows per 1,440: the lesser), and its reading. */
  readonly confidenceValue: number;
  readonly confidence: 'low' | 'normal';
  readonly evidence: Evidence;
  readonly source: Source;
  readonly stats: UsageSummary;
  /** Set when an OOM kill raised memory above what the usage alone would give. */
  readonly oomFloor?: number;
  readonly oomKill?: OomKill;
  readonly method: string;
}

export type Rightsizing = Collecting | Recommendation;

/** The method in one sentence (the panel shows it beside every recommendation). */
export const METHOD =
  `CPU request = p${RECOMMENDATION.cpuPercentile} of usage + ${RECOMMENDATION.cpuMargin * 100}% (floor 10m, cap 16 cores); ` +
  `memory request = limit = peak + ${RECOMMENDATION.memMargin * 100}% (floor 100Mi, cap 64Gi; after an OOM kill at ` +
  `least the limit it was killed at + 20%); no CPU limit (as krr's "simple" strategy and the VPA recommender); ` +
  `offered after ${EVIDENCE.minWindows} metric windows over ${EVIDENCE.minSpanMs / 3600_000} h, low confidence under a day.`;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** `2 h 51 min`, `9 min`, `40 s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.round(h / 24)} days`;
}

/** Whether `e` is past the evidence minimum (a recommendation can be offered). */
export function enoughEvidence(e: Evidence): boolean {
  return e.windows >= EVIDENCE.minWindows && e.spanMs >= EVIDENCE.minSpanMs;
}

/** The one computation: a recommendation when the evidence suffices, else what is still being collected. */
export function rightsize(input: RightsizeInput): Rightsizing {
  const e = input.evidence;
  const windowsNeeded = Math.max(0, EVIDENCE.minWindows - e.windows);
  const spanNeeded = Math.max(0, EVIDENCE.minSpanMs - e.spanMs);
  if (windowsNeeded > 0 || spanNeeded > 0 || !input.summary) {
    const pace = input.intervalMs ?? (e.windows > 1 ? e.spanMs / (e.windows - 1) : 15_000);
    return {
      kind: 'collecting',
      evidence: e,
      source: input.source,
      windowsNeeded,
      remainingMs: Math.max(spanNeeded, windowsNeeded * pace),
    };
  }
  const r = RECOMMENDATION;
  const s = input.summary;
  const cpuRequest = clamp(s.cpuP95 * (1 + r.cpuMargin), r.cpuFloor, r.cpuCap);
  let mem = clamp(s.memMax * (1 + r.memMargin), r.memFloor, r.memCap);
  // After an OOM kill the usage seen is below what the container needed (it died reaching for more): never less
  // than what it was killed at, plus the VPA's bump.
  let oomFloor: number | undefined;
  if (input.oomKill) {
    const floor = Math.min(
      r.memCap,
      Math.max(input.oomKill.memLimit * r.oomBumpRatio, input.oomKill.memLimit + r.oomMinBump),
    );
    if (floor > mem) {
      mem = floor;
      oomFloor = floor;
    }
  }
  const confidenceValue = Math.min(e.spanMs / EVIDENCE.confidenceMs, e.windows / EVIDENCE.confidenceWindows);
  return {
    kind: 'recommendation',
    cpuRequest,
    memRequest: mem,
    memLimit: mem,
    confidenceValue,
    confidence: confidenceValue >= 1 ? 'normal' : 'low',
    evidence: e,
    source: input.source,
    stats: s,
    ...(oomFloor !== undefined ? { oomFloor } : {}),
    ...(input.oomKill ? { oomKill: input.oomKill } : {}),
    method: METHOD,
  };
}

/** `812 windows over 3 h 20 min from the panel's history` (what every offered value says it is based on). */
export function basis(x: Rightsizing): string {
  const e = x.evidence;
  const from = x.source === 'prometheus' ? 'Prometheus' : "the panel's history";
  return `${e.windows} window${e.windows === 1 ? '' : 's'} over ${formatDuration(e.spanMs)} from ${from}`;
}

/** What the lens and the hover say while evidence is collected. */
export function collectingText(c: Collecting): string {
  const e = c.evidence;
  const parts = [`${Math.min(e.windows, EVIDENCE.minWindows)}/${EVIDENCE.minWindows} windows`];
  parts.push(`${formatDuration(Math.min(e.spanMs, EVIDENCE.minSpanMs))} of ${formatDuration(EVIDENCE.minSpanMs)}`);
  const where = c.source === 'prometheus' ? 'in Prometheus' : 'while the panel is open';
  return `collecting usage (${parts.join(', ')}); about ${formatDuration(c.remainingMs)} to go ${where}`;
}
