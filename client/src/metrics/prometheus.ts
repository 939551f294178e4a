/**
 * Real history from Prometheus (`kubewise.metrics.prometheusUrl`, or `kubewise.metrics.prometheusService` reached
 * through the API server's service proxy): `query_range` over cAdvisor's `container_cpu_usage_seconds_total` (as a
 * rate) and `container_memory_working_set_bytes` for one container of a workload's pods, reduced to p50, p95 and max
 * over the window. A URL is asked directly, with no credentials; a Service is asked through the context's
 * ClusterConnection (./connection), so its TLS settings, credential command (with its time limit and token cache),
 * time limits and messages are the same as for every other request to the API server.
 * The answer is streamed into the same incremental statistics as the panel's history (usage-stats.ts): 13 replicas
 * over 7 days at a one-minute step are 130,000 values, which no array spread or per-refresh sort may touch.
 */
import type { KubeRequest } from './connection';
import type { Evidence, UsageSummary } from './recommend';
import { ContainerStats } from './usage-stats';
import { MetricsError, problem, type MetricsProblem } from './problems';

/** What the service proxy needs of a ClusterConnection: where it goes, and one request at a time. */
export interface ProxyConnection {
  readonly context: string;
  readonly server: string;
  request<T>(req: KubeRequest): Promise<T>;
}

/** Where Prometheus is: a URL, or a Service reached through the API server (`namespace/name:port`). */
export type PrometheusTarget =
  | { readonly url: string }
  | { readonly connection: ProxyConnection; readonly service: string };

/** `monitoring/prometheus-operated:9090` → its parts; undefined when malformed. */
export function parseService(s: string): { namespace: string; name: string; port: string } | undefined {
  const m = /^([a-z0-9-]{1,63})\/([a-z0-9-]{1,63})(?::([a-z0-9-]{1,15}))?$/.exec(s.trim());
  return m ? { namespace: m[1]!, name: m[2]!, port: m[3] ?? '9090' } : undefined;
}

function describe(t: PrometheusTarget): string {
  return 'url' in t ? t.url : `service ${t.service} (through context ${t.connection.context})`;
}

/** Prometheus answered (any status): its HTTP status and body. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Asks Prometheus' API at `path` with `params`. Resolves with its answer whatever the HTTP status; rejects with a
 * MetricsError when Prometheus could not be asked at all (unreachable; through the API server also a credential,
 * TLS, 401 or 403 problem, in the connection's own words).
 */
async function ask(
  t: PrometheusTarget,
  path: string,
  params: Record<string, string>,
  timeoutMs: number,
): Promise<Answer> {
  if ('url' in t) {
    let res: Response;
    try {
      res = await fetch(`${t.url.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        body: new URLSearchParams(params).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new MetricsError(
        unreachable(
          t,
          e instanceof Error
            ? `${e.name}: ${String((e as { cause?: { code?: string } }).cause?.code ?? e.message)}`
            : String(e),
          'Check "kubewise.metrics.prometheusUrl", or clear it to use the panel\'s own history.',
        ),
      );
    }
    const text = await res.text();
    return { status: res.status, body: parseJson(text) };
  }
  const svc = parseService(t.service);
  if (!svc) {
    throw new MetricsError(
      problem(
        'server-error',
        `"${t.service}" is not a Prometheus Service`,
        'kubewise.metrics.prometheusService names a Service as namespace/name:port.',
        'Set "kubewise.metrics.prometheusService" to e.g. monitoring/prometheus-operated:9090.',
        'warning',
      ),
    );
  }
  // parseService allows only DNS labels: nothing to escape (kubectl writes `name:port` as is).
  const proxy = `/api/v1/namespaces/${svc.namespace}/services/${svc.name}:${svc.port}/proxy`;
  try {
    // A GET: a query is a read, and the connection sends any other verb as a dry run.
    const body = await t.connection.request<unknown>({
      path: proxy + path,
      query: params,
      timeoutMs,
      describe: { verb: 'get', resource: 'services/proxy', namespace: svc.namespace },
    });
    return { status: 200, body };
  } catch (e) {
    if (!(e instanceof MetricsError)) throw e;
    const status = e.answer?.status;
    // Prometheus (or the proxy in front of it) answered: its status and body are the message.
    if (status !== undefined && status !== 401 && status !== 403) return { status, body: e.answer?.body };
    // The API server could not be asked, or refused us: the connection's own message says why and what to do.
    throw new MetricsError(unreachable(t, `${e.problem.title}. ${e.problem.detail}`, e.problem.next));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unreachable(t: PrometheusTarget, detail: string, next: string): MetricsProblem {
  return problem('unreachable', `Cannot reach Prometheus at ${describe(t)}`, detail, next, 'warning');
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
  const params = { query, start: String(end - q.windowSec), end: String(end), step: String(q.stepSec) };
  const res = await ask(target, '/api/v1/query_range', params, q.timeoutMs ?? 10_000);
  const answer = rangeAnswer(res.body);
  if (answer.status !== 'success' || !answer.data) {
    throw new MetricsError(
      problem(
        'server-error',
        `Prometheus refused the query (HTTP ${res.status})`,
        answer.error ??
          statusText(res.body) ??
          (typeof res.body === 'string' && res.body ? 'the answer is not Prometheus JSON' : 'no data'),
        'Check that "kubewise.metrics.prometheusUrl" is the Prometheus base URL (without /api/v1), or that "kubewise.metrics.prometheusService" names its Service and port.',
        'warning',
      ),
    );
  }
  return answer.data.result;
}

function rangeAnswer(body: unknown): RangeAnswer {
  if (body && typeof body === 'object' && typeof (body as { status?: unknown }).status === 'string') {
    return body as RangeAnswer;
  }
  return { status: 'error' };
}

/** The message of the API server's `Status` body (a Service that does not exist, a backend that does not answer). */
function statusText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || (body as { kind?: unknown }).kind !== 'Status') return undefined;
  const m = (body as { message?: unknown }).message;
  return typeof m === 'string' ? `the API server said: ${m}` : undefined;
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
