/**
 * Thirteen replicas over seven days from Debian's real Prometheus (a week backfilled with promtool): 131,000 values
 * per query, more than a spread into `Math.max` survives (it threw RangeError, and the lens of the whole file went
 * with it). The statistics stream them, and the week clears the evidence minimum at normal confidence.
 */
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prometheusStats } from '../../client/src/metrics/prometheus';
import { rightsize } from '../../client/src/metrics/recommend';
import { backfill } from '../support/prometheus-backfill';
import { startPrometheus, type Prometheus } from '../support/prometheus';

const MI = 2 ** 20;
const WEEK = 7 * 86400;

describe('a week of 13 replicas from Prometheus', () => {
  let prom: Prometheus;
  let data: string;
  const end = Math.floor(Date.now() / 1000 / 60) * 60 - 120;
  const pods = Array.from({ length: 13 }, (_, i) => `web-7d4b9c8f6-r${String(i).padStart(2, '0')}`);
  before(async () => {
    data = await backfill(
      pods.map((pod, i) => ({
        namespace: 'shop',
        pod,
        container: 'nginx',
        // 40m to 60m with a daily swing; replica 12 peaks at 300Mi once a day
        cpu: (t) => 0.04 + 0.02 * Math.abs(Math.sin((t / 86400) * Math.PI)),
        mem: (t) => (i === 12 && t % 86400 < 120 ? 300 : 120 + (t % 600) / 60) * MI,
      })),
      end - WEEK - 600,
      end,
      120,
    );
    prom = await startPrometheus(undefined, { dir: data, retention: '30d' });
  });
  after(async () => {
    await prom?.stop();
    rmSync(dirname(data), { recursive: true, force: true });
  });

  test('131,000 values per query are read without a RangeError, into a recommendation of normal confidence', async () => {
    const history = await prometheusStats(prom.url, {
      namespace: 'shop',
      pods,
      container: 'nginx',
      windowSec: WEEK,
      stepSec: 60,
      rateWindow: '5m',
      end: end * 1000,
      timeoutMs: 60_000,
    });
    assert.ok(history, `no data:\n${prom.output()}`);
    // one window per step with data, however many replicas: a week of minutes
    assert.ok(history.evidence.windows > 10_000 && history.evidence.windows <= 10_081, `${history.evidence.windows}`);
    assert.ok(history.evidence.values > 2 * 130_000, `${history.evidence.values} values`);
    assert.equal(history.evidence.pods, 13);
    assert.equal(history.summary.memMax, 300 * MI);
    assert.ok(history.summary.cpuP95 > 0.055 && history.summary.cpuP95 <= 0.0631, `${history.summary.cpuP95}`);
    const r = rightsize(history);
    assert.equal(r.kind, 'recommendation');
    assert.equal(r.kind === 'recommendation' && r.confidence, 'normal');
    assert.equal(r.kind === 'recommendation' && r.memRequest, 300 * MI * 1.15);
  });
});
