/**
 * Debian's real Prometheus for the history tests (scripts/setup-prometheus.sh installs it), started on a free
 * loopback port with a generated config, scraping a test exporter that serves cAdvisor-style series
 * (`container_cpu_usage_seconds_total`, `container_memory_working_set_bytes`) for the pods of a FakeCluster.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeCluster } from './fake-cluster';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Exporter {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Serves /metrics as cAdvisor (in the kubelet) does: a CPU counter that grows at each container's usage and the
 * working set. Each scrape advances the cluster's tick, so memory moves through the fixture's values.
 */
export async function startCadvisorExporter(cluster: FakeCluster): Promise<Exporter> {
  const t0 = Date.now();
  const server: Server = createHttpServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const elapsed = (Date.now() - t0) / 1000;
    const lines = [
      '# HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.',
      '# TYPE container_cpu_usage_seconds_total counter',
    ];
    const mem = [
      '# HELP container_memory_working_set_bytes Current working set in bytes.',
      '# TYPE container_memory_working_set_bytes gauge',
    ];
    for (const p of cluster.pods) {
      for (const c of [...(p.sidecars ?? []), ...p.containers]) {
        const labels = `container="${c.name}",id="/kubepods/burstable/pod${p.name}/${c.name}",image="registry.example.com/${p.app}:1.0.0",name="${c.name}-${p.name}",namespace="${p.namespace}",pod="${p.name}"`;
        // A constant rate (the usage at tick 0) makes rate() exact; memory follows the ticks.
        lines.push(
          `container_cpu_usage_seconds_total{${labels},cpu="total"} ${((c.usage(0).milli / 1000) * elapsed).toFixed(6)}`,
        );
        mem.push(`container_memory_working_set_bytes{${labels}} ${Math.round(c.usage(cluster.tick).mib * 2 ** 20)}`);
      }
    }
    cluster.tick++;
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end([...lines, ...mem, ''].join('\n'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface Prometheus {
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `prometheus` scraping `targetPort` every second (none: scraping nothing); resolves once it answers
 * /-/ready. `storage` starts it on a TSDB folder filled beforehand (prometheus-backfill.ts), kept `retention`.
 */
export async function startPrometheus(
  targetPort: number | undefined,
  storage?: { readonly dir: string; readonly retention: string },
): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-prometheus-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      targetPort === undefined ? 'scrape_configs: []' : 'scrape_configs:',
      ...(targetPort === undefined
        ? []
        : [
            '  - job_name: kubelet-cadvisor',
            '    metrics_path: /metrics',
            '    static_configs:',
            `      - targets: ['127.0.0.1:${targetPort}']`,
          ]),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${storage?.dir ?? join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.retention.time=${storage?.retention ?? '1h'}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, output: () => out, stop };
}
