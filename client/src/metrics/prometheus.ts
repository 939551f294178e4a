/**
 * Real history from Prometheus (`kubewise.metrics.prometheusUrl`, or `kubewise.metrics.prometheusService` reached
 * through the API server's service proxy with the kubeconfig's credentials): `query_range` over cAdvisor's
 * `container_cpu_usage_seconds_total` (as a rate) and `container_memory_working_set_bytes` for one container of a
 * workload's pods, reduced to p50, p95 and max over the window. Through Prometheus' own HTTP API; no credentials.
 * The answer is streamed into the same incremental statistics as the panel's history (usage-stats.ts): 13 replicas
 * over 7 days at a one-minute step are 130,000 values, which no array spread or per-refresh sort may touch.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { request, type RequestOptions } from 'node:https';
import type { Evidence, UsageSummary } from './recommend';
import { ContainerStats } from './usage-stats';
import { MetricsError, problem } from './problems';

/** Where Prometheus is: a URL, or a Service reached through the API server (`namespace/name:port`). */
export type PrometheusTarget =
  | { readonly url: string }
  | { readonly kc: KubeConfig; readonly server: string; readonly service: string };

/** `monitoring/prometheus-operated:9090` → its parts; undefined when malformed. */
export function parseService(s: string): { namespace: string; name: string; port: string } | undefined {
  const m = /^([a-z0-9-]{1,63})\/([a-z0-9-]{1,63})(?::([a-z0-9-]{1,15}))?$/.exec(s.trim());
  return m ? { namespace: m[1]!, name: m[2]!, port: m[3] ?? '9090' } : undefined;
}

function describe(t: PrometheusTarget): string {
  return 'url' in t ? t.url : `service ${t.service} (through ${t.server})`;
}

/** POSTs a form to Prometheus' API at `path`; the answer's status and text. */
async function post(
  t: PrometheusTarget,
  path: string,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  if ('url' in t) {
    const res = await fetch(`${t.url.replace(/\/$/, '')}${path}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, text: await res.text() };
  }
  const svc = parseService(t.service);
  if (!svc) throw new Error(`"${t.service}" is not namespace/name:port`);
  const url = new URL(`${t.server}/api/v1/namespaces/${svc.namespace}/services/${svc.name}:${svc.port}/proxy${path}`);
  const opts: RequestOptions = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
  // The kubeconfig's CA, client certificate and token, as for every other request (TLS verification stays on).
  await t.kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = request(url, { ...opts, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
    req.on('error', reject);
    req.end(body);
  });
}

export interface HistoryQuery {
  readonly namespace: string;
  readonly pods: readonly string[];
  readonly container: string;
  /** Window length and resolution, in seconds. */
  readonly windowSec: number;
  readonly stepSec: number;
  /** The range of `rate()`, at least 4 scrape intervals (`5m` in a real cluster). */
  readonly rateWindow: string;
  /** End of the window (ms since the epoch); default now. */
  readonly end?: number;
  readonly timeoutMs?: number;
}

/** `7d`, `24h`, `90m`, `30s`, `2w` in seconds; undefined when not a duration. */
export function durationSec(s: string): number | undefined {
  const m = /^(\d+)([smhdw])$/.exec(s.trim());
  if (!m) return undefined;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
}

const escapeRegex = (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\\\${c}`);
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function selectorOf(q: HistoryQuery): string {
  const pods = q.pods.map(escapeRegex).join('|');
  return `{namespace=${quote(q.namespace)},pod=~"${pods}",container=${quote(q.container)}}`;
}

interface RangeAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] };
}

type Series = { metric: Record<string, string>; values: [number, string][] }[];

async function queryRange(target: PrometheusTarget, query: string, q: HistoryQuery): Promise<Series> {
  const end = (q.end ?? Date.now()) / 1000;
  const body = new URLSearchParams({
    query,
    start: String(end - q.windowSec),
    end: String(end),
    step: String(q.stepSec),
  }).toString();
  const base = describe(target);
  let res: { status: number; text: string };
  try {
    res = await post(target, '/api/v1/query_range', body, q.timeoutMs ?? 10_000);
  } catch (e) {
    throw new MetricsError(
      problem(
        'unreachable',
        `Cannot reach Prometheus at ${base}`,
        e instanceof Error
          ? `${e.name}: ${String((e as { cause?: { code?: string } }).cause?.code ?? e.message)}`
          : String(e),
        'Check "kubewise.metrics.prometheusUrl" or "kubewise.metrics.prometheusService", or clear them to use the panel\'s own history.',
        'warning',
      ),
    );
  }
  let answer: RangeAnswer;
  try {
    answer = JSON.parse(res.text) as RangeAnswer;
  } catch {
    answer = { status: 'error', error: `HTTP ${res.status}, not a Prometheus answer` };
  }
  if (answer.status !== 'success' || !answer.data) {
    throw new MetricsError(
      problem(
        'server-error',
        `Prometheus refused the query (HTTP ${res.status})`,
        answer.error ?? 'no data',
        'Check that "kubewise.metrics.prometheusUrl" is the Prometheus base URL (without /api/v1), or that "kubewise.metrics.prometheusService" names its Service and port.',
        'warning',
      ),
    );
  }
  return answer.data.result;
}

/** What Prometheus' history gives a recommendation: the usage summary and the evidence it stands on. */
export interface PrometheusHistory {
  readonly summary: UsageSummary;
  readonly evidence: Evidence;
  readonly source: 'prometheus';
}

/**
 * p50/p95/max of CPU (cores) and working-set memory (bytes) over the window, and the evidence: the distinct step
 * timestamps with data (every replica's value at one step is one window); undefined when there is no data.
 */
export async function prometheusStats(
  target: PrometheusTarget | string,
  q: HistoryQuery,
): Promise<PrometheusHistory | undefined> {
  const base: PrometheusTarget = typeof target === 'string' ? { url: target } : target;
  if (q.pods.length === 0) return undefined;
  const sel = selectorOf(q);
  // One end for both queries: their steps must fall on the same instants to be paired into windows.
  const at = { ...q, end: q.end ?? Date.now() };
  const [cpu, mem] = await Promise.all([
    queryRange(base, `rate(container_cpu_usage_seconds_total${sel}[${q.rateWindow}])`, at),
    queryRange(base, `container_memory_working_set_bytes${sel}`, at),
  ]);
  const stats = new ContainerStats();
  const steps = (series: Series, add: (pod: string, t: number, v: number) => void): Set<number> => {
    const seen = new Set<number>();
    for (const s of series) {
      const pod = s.metric.pod ?? '';
      for (const [t, v] of s.values) {
        const n = Number(v);
        if (!Number.isFinite(n)) continue;
        add(pod, t * 1000, n);
        seen.add(t);
      }
    }
    return seen;
  };
  const cpuSteps = steps(cpu, (pod, t, v) => stats.addValue(pod, t, v, undefined));
  const memSteps = steps(mem, (pod, t, v) => stats.addValue(pod, t, undefined, v));
  if (cpuSteps.size === 0 || memSteps.size === 0) return undefined;
  // A window of evidence is a step at which both CPU and memory have data, whatever the number of replicas.
  for (const t of cpuSteps) if (memSteps.has(t)) stats.addWindow(t * 1000);
  const summary = stats.summary;
  return summary ? { summary, evidence: stats.evidence, source: 'prometheus' } : undefined;
}
