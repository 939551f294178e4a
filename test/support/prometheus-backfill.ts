/**
 * A week of cAdvisor history for Debian's real Prometheus without waiting a week: the series are written as
 * OpenMetrics and turned into TSDB blocks by `promtool tsdb create-blocks-from openmetrics` (Prometheus'
 * documented backfill), then Prometheus is started on those blocks (prometheus.ts, `storage`).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BackfillSeries {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** Cores and bytes at a time (seconds since the epoch). */
  readonly cpu: (t: number) => number;
  readonly mem: (t: number) => number;
}

/** Writes `series` from `start` to `end` (seconds) every `stepSec` and builds the blocks; returns the TSDB folder. */
export async function backfill(
  series: readonly BackfillSeries[],
  start: number,
  end: number,
  stepSec: number,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-backfill-'));
  const input = join(dir, 'history.om');
  const out = createWriteStream(input);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  const labels = (s: BackfillSeries) => `container="${s.container}",namespace="${s.namespace}",pod="${s.pod}"`;
  await write('# TYPE container_cpu_usage_seconds_total counter\n');
  for (const s of series) {
    let total = 0;
    for (let t = start; t <= end; t += stepSec) {
      total += s.cpu(t) * stepSec;
      await write(`container_cpu_usage_seconds_total{${labels(s)}} ${total.toFixed(3)} ${t}\n`);
    }
  }
  await write('# TYPE container_memory_working_set_bytes gauge\n');
  for (const s of series)
    for (let t = start; t <= end; t += stepSec)
      await write(`container_memory_working_set_bytes{${labels(s)}} ${Math.round(s.mem(t))} ${t}\n`);
  await write('# EOF\n');
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  const data = join(dir, 'data');
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '-q', input, data], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`promtool failed (${r.status}): ${r.stderr || r.error?.message}`);
  return data;
}
