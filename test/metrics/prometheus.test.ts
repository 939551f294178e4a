/**
 * History from Debian's real Prometheus: it scrapes a cAdvisor-style exporter of the test pods, and the panel's
 * history code reads p50/p95/max through Prometheus' real query_range API.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { connect } from '../../client/src/metrics/connection';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { durationSec, parseService, prometheusStats, selectorOf } from '../../client/src/metrics/prometheus';
import { MetricsError } from '../../client/src/metrics/problems';
import { rightsize } from '../../client/src/metrics/recommend';
import { kubeconfigFor, startFakeApiServer } from '../support/fake-apiserver';
import { smallCluster } from '../support/fake-cluster';
import { makePlugin } from '../support/fake-plugins';
import {
  freePort,
  startCadvisorExporter,
  startPrometheus,
  type Exporter,
  type Prometheus,
} from '../support/prometheus';

const MI = 2 ** 20;

describe('Prometheus history (real prometheus, cAdvisor-style exporter)', () => {
  let exporter: Exporter;
  let prom: Prometheus;
  before(async () => {
    exporter = await startCadvisorExporter(smallCluster());
    prom = await startPrometheus(exporter.port);
  });
  after(async () => {
    await prom?.stop();
    await exporter?.stop();
  });

  const query = {
    namespace: 'data',
    pods: ['db-0'],
    container: 'postgres',
    windowSec: 60,
    stepSec: 1,
    rateWindow: '4s',
    timeoutMs: 5000,
  };

  test('query_range gives p50, p95 and max of CPU (rate) and working-set memory', async () => {
    // Wait for data, not for a time: enough scrapes for rate() over the window.
    let stats = await prometheusStats(prom.url, query);
    const deadline = Date.now() + 90_000;
    while ((!stats || stats.evidence.windows < 8) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      stats = await prometheusStats(prom.url, query);
    }
    assert.ok(stats, `no data from Prometheus:\n${prom.output()}`);
    assert.equal(stats.source, 'prometheus');
    assert.ok(stats.evidence.windows >= 8, `${stats.evidence.windows} windows`);
    // postgres uses 250m (a constant rate in the exporter) and 900 or 920 MiB; percentiles are read from 5 %-wide
    // buckets (never above the maximum).
    const s = stats.summary;
    assert.ok(Math.abs(s.cpuP95 - 0.25) < 0.025, `cpu p95 ${s.cpuP95}`);
    assert.ok(Math.abs(s.cpuP50 - 0.25) < 0.025, `cpu p50 ${s.cpuP50}`);
    assert.equal(s.memMax, 920 * MI);
    assert.ok(s.memP50 >= 900 * MI && s.memP50 <= 920 * MI, `mem p50 ${s.memP50 / MI}Mi`);
    // A minute of history is far below the minimum: nothing is offered, and it says what is collected.
    const r = rightsize(stats);
    assert.equal(r.kind, 'collecting');
    assert.equal(r.source, 'prometheus');
  });

  test("the same history through the API server's service proxy, through the context's connection", async () => {
    const api = await startFakeApiServer({ services: { 'monitoring/prometheus-operated:9090': prom.url } });
    // The context logs in with an exec plugin: the proxy gets its token from the connection (one run, cached).
    const plugin = makePlugin({ kind: 'token', token: api.token, expiresInSec: 3600 });
    const runner = new CredentialRunner({ timeoutMs: 5000 });
    try {
      const loaded = loadKubeconfig(
        { setting: kubeconfigFor(api, { auth: { exec: { command: plugin.command, args: plugin.args } } }) },
        { trusted: true },
      );
      const connection = connect(loaded, runner, { timeoutMs: 5000 });
      const target = { connection, service: 'monitoring/prometheus-operated:9090' };
      const viaProxy = await prometheusStats(target, query);
      await prometheusStats(target, query);
      assert.equal(plugin.runs(), 1, 'the credential command ran once for both queries of both calls');
      assert.ok(viaProxy && viaProxy.evidence.windows > 0);
      assert.equal(viaProxy.summary.memMax, 920 * MI);
      assert.ok(
        api.requests.some((r) =>
          r.startsWith('/api/v1/namespaces/monitoring/services/prometheus-operated:9090/proxy/api/v1/query_range'),
        ),
      );
      await assert.rejects(prometheusStats({ ...target, service: 'monitoring/absent:9090' }, query), (e: unknown) => {
        assert.ok(e instanceof MetricsError);
        assert.match(e.problem.title, /Prometheus refused the query \(HTTP 404\)/);
        return true;
      });
      assert.deepEqual(parseService('monitoring/prometheus-operated:9090'), {
        namespace: 'monitoring',
        name: 'prometheus-operated',
        port: '9090',
      });
      assert.equal(parseService('not a service'), undefined);

      // The API server down: the connection's own message, as a Prometheus that cannot be reached.
      api.hang = true;
      await assert.rejects(
        prometheusStats({ connection: connect(loaded, runner, { timeoutMs: 300 }), service: target.service }, query),
        (e: unknown) => {
          assert.ok(e instanceof MetricsError);
          assert.equal(e.problem.kind, 'unreachable');
          assert.match(e.problem.title, /^Cannot reach Prometheus at service monitoring\/prometheus-operated:9090/);
          assert.match(e.problem.detail, /The API server did not answer in time/);
          return true;
        },
      );
    } finally {
      runner.dispose();
      await api.stop();
    }
  });

  test('pods of other workloads are not mixed in; an unknown container gives no data', async () => {
    const none = await prometheusStats(prom.url, { ...query, container: 'nope' });
    assert.equal(none, undefined);
    assert.equal(
      selectorOf({ ...query, pods: ['web-1.a', 'web-2'] }),
      '{namespace="data",pod=~"web-1\\\\.a|web-2",container="postgres"}',
    );
  });

  test('an unreachable Prometheus and a wrong URL are clear messages', async () => {
    const port = await freePort();
    await assert.rejects(prometheusStats(`http://127.0.0.1:${port}`, query), (e: unknown) => {
      assert.ok(e instanceof MetricsError);
      assert.match(e.problem.title, /Cannot reach Prometheus/);
      return true;
    });
    await assert.rejects(prometheusStats(`${prom.url}/api/v1`, query), (e: unknown) => {
      assert.ok(e instanceof MetricsError);
      assert.match(e.problem.next, /base URL/);
      return true;
    });
    assert.equal(durationSec('7d'), 604800);
    assert.equal(durationSec('90m'), 5400);
    assert.equal(durationSec('soon'), undefined);
  });
});
