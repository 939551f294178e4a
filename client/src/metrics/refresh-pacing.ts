/**
 * How often the panel refreshes: at least `kubewise.metrics.refreshInterval` apart, and far enough apart that the
 * refreshes take at most 1 % of one core of the extension host. Most of a refresh's CPU is per pod whose usage moved,
 * and at metrics-server's 15 s resolution that is every pod: at 50,000 pods the JSON parse of the PodMetrics list
 * alone is more than 1/100 of 15 s, so no optimisation keeps a large cluster within 1 % at 15 s. The interval is
 * stretched to 100 × the CPU time of recent refreshes instead, in steps of metrics-server's resolution (a read
 * between two of its scrapes only reads the same window again), and shrinks back when refreshes get cheaper (a
 * smaller cluster or context), never below the setting. No VS Code API here: the controller gives it the CPU time
 * of each refresh and a clock.
 */

export const PACING = {
  /** The share of one core the refreshes may take. */
  cpuShare: 0.01,
  /** metrics-server's default resolution (`--metric-resolution`): a stretched interval is a multiple of it. */
  stepMs: 15_000,
  /** The refreshes whose CPU time counts (the median of the latest few, so one slow refresh does not stretch it). */
  recent: 5,
} as const;

/** The lower median (an even count takes the smaller middle value: it stretches only on evidence). */
function lowerMedian(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/**
 * The interval for refreshes whose recent CPU times (ms, oldest first) are `recentCpuMs`: the setting, or, when
 * the refreshes would take more than `PACING.cpuShare` of a core at it, 1/`cpuShare` × their median CPU time
 * rounded up to a multiple of `PACING.stepMs`.
 */
export function pacedIntervalMs(settingMs: number, recentCpuMs: readonly number[]): number {
  if (!recentCpuMs.length) return settingMs;
  const needed = lowerMedian(recentCpuMs.slice(-PACING.recent)) / PACING.cpuShare;
  if (needed <= settingMs) return settingMs;
  return Math.max(settingMs, Math.ceil(needed / PACING.stepMs) * PACING.stepMs);
}

export interface PacingClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: PacingClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** CPU time of this process (user + system, all its threads), in ms. */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** What the panel says about the pace (null while refreshes are at the setting). */
export interface Pace {
  readonly intervalMs: number;
  readonly settingMs: number;
  /** The median CPU time of the recent refreshes (ms) that stretched the interval. */
  readonly cpuMs: number;
}

/**
 * The polling timer: ticks `intervalMs` apart while started, the interval following the CPU time of each refresh
 * (`measured`). A change of interval applies to the tick already waiting (counted from the tick before it).
 */
export class RefreshPacing {
  private readonly cpu: number[] = [];
  private handle: unknown;
  private lastTickAt = 0;
  private scheduledMs = 0;

  constructor(
    private readonly settingMs: () => number,
    private readonly onTick: () => void,
    private readonly clock: PacingClock = systemClock,
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  /** The interval in effect now. */
  get intervalMs(): number {
    return pacedIntervalMs(this.settingMs(), this.cpu);
  }

  /** The stretched pace, or null when refreshes run at the setting. */
  get pace(): Pace | null {
    const settingMs = this.settingMs();
    const intervalMs = pacedIntervalMs(settingMs, this.cpu);
    return intervalMs > settingMs
      ? { intervalMs, settingMs, cpuMs: lowerMedian(this.cpu.slice(-PACING.recent)) }
      : null;
  }

  /** Starts ticking (again, from now). */
  start(): void {
    this.stop();
    this.lastTickAt = this.clock.now();
    this.arm(this.intervalMs);
  }

  stop(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** The CPU time of one refresh (ms); the waiting tick moves if the interval changed. */
  measured(cpuMs: number): void {
    if (!(cpuMs >= 0)) return;
    this.cpu.push(cpuMs);
    if (this.cpu.length > PACING.recent) this.cpu.shift();
    const ms = this.intervalMs;
    if (this.handle !== undefined && ms !== this.scheduledMs) {
      this.clock.clearTimeout(this.handle);
      this.arm(ms, Math.max(0, this.lastTickAt + ms - this.clock.now()));
    }
  }

  /** Forgets the CPU times measured (another context or cluster: its refreshes cost what they cost). */
  reset(): void {
    this.cpu.length = 0;
    if (this.handle !== undefined) this.start();
  }

  private arm(intervalMs: number, delayMs = intervalMs): void {
    this.scheduledMs = intervalMs;
    this.handle = this.clock.setTimeout(() => {
      this.lastTickAt = this.clock.now();
      this.arm(this.intervalMs);
      this.onTick();
    }, delayMs);
  }
}
