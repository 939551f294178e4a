/**
 * The refresh interval keeps the extension host's refreshes to 1 % of a core: the setting while refreshes are cheap,
 * else 100 × their CPU time in steps of metrics-server's 15 s, back to the setting when they get cheaper. The timer
 * runs on a fake clock, as the controller drives it: ticks, the CPU time of each refresh, context switches.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { pacedIntervalMs, RefreshPacing, type PacingClock } from '../../client/src/metrics/refresh-pacing';
import { intervalText } from '../../client/webview/metrics/rows';

describe('pacedIntervalMs', () => {
  test('the setting while refreshes take at most 1% of it', () => {
    assert.equal(pacedIntervalMs(15_000, []), 15_000);
    assert.equal(pacedIntervalMs(15_000, [120, 150, 90]), 15_000);
    assert.equal(pacedIntervalMs(60_000, [400]), 60_000);
  });

  test('100 × the CPU time, rounded up to a multiple of 15 s', () => {
    assert.equal(pacedIntervalMs(15_000, [151]), 30_000);
    assert.equal(pacedIntervalMs(15_000, [400]), 45_000);
    assert.equal(pacedIntervalMs(15_000, [450]), 45_000);
    assert.equal(pacedIntervalMs(15_000, [2_042]), 210_000);
    // A setting that is not a multiple of 15 s: the stretched interval is, and never below the setting.
    assert.equal(pacedIntervalMs(20_000, [210]), 30_000);
    assert.equal(pacedIntervalMs(5_000, [60]), 15_000);
    assert.equal(pacedIntervalMs(5_000, [40]), 5_000);
  });

  test('the median of the latest five refreshes: one slow refresh does not stretch it, a smaller cluster shrinks it', () => {
    assert.equal(pacedIntervalMs(15_000, [100, 100, 900, 100, 100]), 15_000);
    assert.equal(pacedIntervalMs(15_000, [100, 400]), 15_000, 'of two, the smaller');
    assert.equal(pacedIntervalMs(15_000, [400, 400, 400]), 45_000);
    assert.equal(pacedIntervalMs(15_000, [2000, 2000, 2000, 2000, 2000, 100, 100, 100]), 15_000);
    assert.equal(pacedIntervalMs(15_000, [2000, 2000, 2000, 2000, 2000, 100, 100]), 210_000);
  });
});

/** Timers on a clock that moves only when told. */
class FakeClock implements PacingClock {
  time = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Moves to `to`, firing each timer due on the way at its own time. */
  advanceTo(to: number): void {
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= to && (!first || e[1].at < first[1].at)) first = e;
      if (!first) break;
      this.timers.delete(first[0]);
      this.time = first[1].at;
      first[1].fn();
    }
    this.time = to;
  }
}

describe('RefreshPacing (the controller’s timer)', () => {
  /** A timer whose refreshes, run on each tick, cost `cost()` ms of CPU; the tick times are recorded. */
  function harness(settingMs = 15_000) {
    const clock = new FakeClock();
    const ticks: number[] = [];
    let cost = 100;
    const pacing: RefreshPacing = new RefreshPacing(
      () => settingMs,
      () => {
        ticks.push(clock.now());
        pacing.measured(cost);
      },
      clock,
    );
    return { clock, ticks, pacing, setCost: (ms: number) => (cost = ms) };
  }

  test('ticks at the setting while refreshes are cheap', () => {
    const h = harness();
    h.pacing.start();
    h.clock.advanceTo(60_000);
    assert.deepEqual(h.ticks, [15_000, 30_000, 45_000, 60_000]);
    assert.equal(h.pacing.pace, null);
    assert.equal(h.pacing.intervalMs, 15_000);
  });

  test('stretches as refreshes get costly, and shrinks back to the setting, never below', () => {
    const h = harness();
    h.pacing.start();
    h.clock.advanceTo(30_000); // two ticks at 100 ms
    h.setCost(400);
    // The cluster grew: three refreshes at 400 ms make the median 400 ms, so 45 s.
    h.clock.advanceTo(75_000);
    assert.deepEqual(h.ticks, [15_000, 30_000, 45_000, 60_000, 75_000]);
    assert.equal(h.pacing.intervalMs, 45_000);
    assert.deepEqual(h.pacing.pace, { intervalMs: 45_000, settingMs: 15_000, cpuMs: 400 });
    h.clock.advanceTo(165_000);
    assert.deepEqual(h.ticks.slice(5), [120_000, 165_000], '45 s apart');
    // Smaller again: once most recent refreshes are cheap, back to 15 s (never below the setting).
    h.setCost(50);
    h.clock.advanceTo(400_000);
    const gaps = h.ticks.slice(7).map((t, i) => t - h.ticks[6 + i]!);
    assert.deepEqual(gaps.slice(0, 3), [45_000, 45_000, 45_000]);
    assert.ok(
      gaps.slice(3).every((g) => g === 15_000),
      `then 15 s apart: ${gaps.join(' ')}`,
    );
    assert.equal(h.pacing.pace, null);
    assert.equal(h.clock.pending, 1, 'one timer at a time');
  });

  test('a refresh run outside the timer (Refresh, the view shown) moves the waiting tick', () => {
    const h = harness();
    h.pacing.start();
    h.clock.advanceTo(10_000);
    // Three refreshes the user asked for, each costing 2 s: the tick due at 15 s waits for 210 s after the start.
    for (let i = 0; i < 3; i++) h.pacing.measured(2_000);
    h.clock.advanceTo(209_000);
    assert.deepEqual(h.ticks, []);
    h.clock.advanceTo(210_000);
    assert.deepEqual(h.ticks, [210_000]);
    assert.equal(h.clock.pending, 1);
  });

  test('another context forgets the CPU times; stop stops', () => {
    const h = harness();
    h.setCost(1_000);
    h.pacing.start();
    h.clock.advanceTo(15_000);
    assert.equal(h.pacing.intervalMs, 105_000);
    h.pacing.reset();
    assert.equal(h.pacing.intervalMs, 15_000);
    h.setCost(10);
    h.clock.advanceTo(45_000);
    assert.deepEqual(h.ticks, [15_000, 30_000, 45_000]);
    h.pacing.stop();
    assert.equal(h.pacing.running, false);
    h.clock.advanceTo(500_000);
    assert.equal(h.ticks.length, 3);
    assert.equal(h.clock.pending, 0);
  });
});

test('the status line says the interval in effect and, when stretched, why', () => {
  assert.equal(intervalText({ intervalSec: 15, pace: null }, 12), 'every 15 s');
  assert.equal(
    intervalText({ intervalSec: 45, pace: { settingSec: 15, cpuMs: 412 } }, 50_000),
    'every 45 s (setting 15 s): a refresh of 50,000 pods costs 0.41 s of CPU; Kubewise keeps to 1% of a core',
  );
  assert.equal(
    intervalText({ intervalSec: 210, pace: { settingSec: 15, cpuMs: 2042 } }, 50_000),
    'every 210 s (setting 15 s): a refresh of 50,000 pods costs 2.0 s of CPU; Kubewise keeps to 1% of a core',
  );
});
