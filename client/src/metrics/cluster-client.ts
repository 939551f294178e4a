/**
 * One fetch of what the panel shows: nodes, pods, and the metrics.k8s.io usage of both, through
 * @kubernetes/client-node's typed APIs (CoreV1Api; CustomObjectsApi for metrics.k8s.io, which keeps the HTTP status
 * and the `Status` body of a failure, unlike its `Metrics` helper). The four requests run in parallel; a 403 on the
 * cluster-wide pod list falls back to one namespace at a time, and whatever stays forbidden becomes a "partial
 * answer" warning beside the data that did arrive.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import {
  CoreV1Api,
  CustomObjectsApi,
  Observable,
  type ConfigurationOptions,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import { ClusterConnection } from './connection';
import { CredentialRunner } from './credential-runner';
import type { LoadedKubeconfig } from './kubeconfig';
import type { MetricsProblem } from './problems';
import { classify, httpStatus, metricsAbsent, MetricsError, problem, type RequestDescription } from './problems';
import { deadline } from './deadline';

export interface UsageJson {
  readonly cpu?: string;
  readonly memory?: string;
}
export interface NodeMetricJson {
  readonly metadata: { readonly name: string };
  readonly timestamp?: string;
  readonly window?: string;
  readonly usage: UsageJson;
}
export interface PodMetricJson {
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly timestamp?: string;
  readonly window?: string;
  readonly containers: readonly { readonly name: string; readonly usage: UsageJson }[];
}

export interface RawCluster {
  readonly context: string;
  readonly server: string;
  /** The context's namespace (`default` when it names none): where a manifest without a namespace lands. */
  readonly namespace: string;
  /** Undefined when nodes could not be listed (a problem says why). */
  readonly nodes?: readonly V1Node[];
  readonly pods: readonly V1Pod[];
  readonly nodeMetrics?: readonly NodeMetricJson[];
  /** Undefined when metrics.k8s.io is absent or forbidden. */
  readonly podMetrics?: readonly PodMetricJson[];
  readonly problems: readonly MetricsProblem[];
  /** Milliseconds spent waiting for the API server (for the bench). */
  readonly fetchMs: number;
}

export interface FetchOptions {
  /** Per-request time limit. */
  readonly timeoutMs?: number;
  /** Only this namespace (the panel's namespace picker), or all. */
  readonly namespace?: string;
  /** Aborts the fetch (a newer refresh or another context took over). */
  readonly signal?: AbortSignal;
  /** Pods per page of the pod list (`limit`), as kubectl's `--chunk-size`; 0: one unpaged list. */
  readonly pageSize?: number;
  /**
   * The manifests' namespaces: read one by one, beside the context's, when both the cluster-wide pod list and the
   * namespace list are forbidden.
   */
  readonly manifestNamespaces?: readonly string[];
  /** The pods, kept current by a watch (pod-watch.ts): the pod list is then not fetched, only the metrics. */
  readonly pods?: V1Pod[];
}

/** kubectl's default `--chunk-size`. */
export const POD_PAGE_SIZE = 500;

const METRICS = { group: 'metrics.k8s.io', version: 'v1beta1' } as const;

/** A per-call option that aborts a request after `ms`, or when `signal` aborts (node-fetch honours the signal). */
function timeout(ms: number, signal?: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (ctx) => {
          // not AbortSignal.any with AbortSignal.timeout (see ./deadline.ts); the timer ends by itself (unref'd)
          ctx.setSignal(deadline(signal, ms).signal);
          return new Observable(Promise.resolve(ctx));
        },
        post: (rc) => new Observable(Promise.resolve(rc)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; req: RequestDescription };

async function attempt<T>(req: RequestDescription, run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error, req };
  }
}

/** A failure that stops everything: no point in showing anything else (and no point retrying other requests). */
function fatal(p: MetricsProblem): boolean {
  return ['unreachable', 'timeout', 'tls', 'unauthorized'].includes(p.kind);
}

/**
 * Fetches the cluster through `target`'s connection (its credential command runs with a time limit, once per token
 * lifetime). A LoadedKubeconfig gets a connection of its own for this one fetch. A 401 with a credential from a
 * command drops that credential and fetches once more with a fresh one.
 */
export async function fetchCluster(
  target: LoadedKubeconfig | ClusterConnection,
  opts: FetchOptions = {},
): Promise<RawCluster> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  if (!(target instanceof ClusterConnection)) {
    const runner = new CredentialRunner({ timeoutMs });
    try {
      return await fetchCluster(new ClusterConnection(target, runner, { timeoutMs }), opts);
    } finally {
      runner.dispose();
    }
  }
  try {
    return await fetchOnce(target, opts);
  } catch (e) {
    if (!(e instanceof MetricsError) || e.problem.kind !== 'unauthorized' || !target.runsCommand) throw e;
    target.refused();
    return fetchOnce(target, opts);
  }
}

async function fetchOnce(conn: ClusterConnection, opts: FetchOptions): Promise<RawCluster> {
  const started = performance.now();
  const loaded = conn.loaded;
  const kc: KubeConfig = await conn.kubeConfig(opts.signal);
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const o = timeout(opts.timeoutMs ?? 10_000, opts.signal);
  const server = loaded.server;
  const ns = opts.namespace;
  const pageSize = opts.pageSize ?? POD_PAGE_SIZE;
  const req = (verb: 'list', resource: string, namespace?: string): RequestDescription =>
    namespace ? { verb, resource, namespace, server } : { verb, resource, server };

  const listPods = (namespace?: string) =>
    attempt(req('list', 'pods', namespace), () =>
      listPaged(
        (page) =>
          namespace ? core.listNamespacedPod({ namespace, ...page }, o) : core.listPodForAllNamespaces(page, o),
        pageSize,
      ),
    );
  const listPodMetrics = (namespace?: string) =>
    attempt(req('list', 'pods.metrics.k8s.io', namespace), async () =>
      itemsOf<PodMetricJson>(
        namespace
          ? await custom.listNamespacedCustomObject({ ...METRICS, namespace, plural: 'pods' }, o)
          : await custom.listClusterCustomObject({ ...METRICS, plural: 'pods' }, o),
      ),
    );

  const [nodes, pods, nodeMetrics, podMetrics] = await Promise.all([
    attempt(req('list', 'nodes'), async () => (await core.listNode({}, o)).items),
    opts.pods ? ({ ok: true, value: opts.pods } as const) : listPods(ns),
    attempt(req('list', 'nodes.metrics.k8s.io'), async () =>
      itemsOf<NodeMetricJson>(await custom.listClusterCustomObject({ ...METRICS, plural: 'nodes' }, o)),
    ),
    listPodMetrics(ns),
  ]);

  const problems: MetricsProblem[] = [];
  const failures = [nodes, pods, nodeMetrics, podMetrics].filter((x): x is Extract<typeof x, { ok: false }> => !x.ok);
  for (const f of failures) {
    const p = classify(f.error, f.req);
    if (fatal(p)) throw new MetricsError(p);
  }

  let podList: V1Pod[] | undefined = pods.ok ? pods.value : undefined;
  let podMetricList: PodMetricJson[] | undefined = podMetrics.ok ? podMetrics.value : undefined;
  let metricsMissing = false;
  for (const m of [nodeMetrics, podMetrics]) {
    if (!m.ok && httpStatus(m.error) === 404) metricsMissing = true;
  }
  if (metricsMissing) problems.push(metricsAbsent(server));

  // Cluster-wide pods forbidden: the user may still see some namespaces (a namespaced Role).
  if (!pods.ok && httpStatus(pods.error) === 403 && !ns) {
    const namespaces = await visibleNamespaces(core, o, kc, opts.manifestNamespaces ?? []);
    const forbidden: string[] = [];
    const collected: V1Pod[] = [];
    const collectedMetrics: PodMetricJson[] = [];
    await Promise.all(
      namespaces.map(async (n) => {
        const [p, m] = await Promise.all([listPods(n), metricsMissing ? undefined : listPodMetrics(n)]);
        if (p.ok) collected.push(...p.value);
        else if (httpStatus(p.error) === 403) forbidden.push(n);
        else throw new MetricsError(classify(p.error, p.req));
        if (m?.ok) collectedMetrics.push(...m.value);
      }),
    );
    if (collected.length === 0 && forbidden.length === namespaces.length) {
      throw new MetricsError(classify(pods.error, pods.req));
    }
    podList = collected;
    if (!metricsMissing) podMetricList = collectedMetrics;
    problems.push(
      problem(
        'partial',
        'Partial answer: some namespaces are forbidden',
        `Listing pods in all namespaces is forbidden, so Kubewise read ${namespaces.length - forbidden.length} namespace(s) one by one` +
          (forbidden.length ? `; forbidden: ${forbidden.sort().join(', ')}.` : '.'),
        forbidden.length
          ? `Ask for "list" on "pods" in ${forbidden.join(', ')}, or pick one namespace in the panel.`
          : 'Nothing to do unless you expected more namespaces.',
        'warning',
      ),
    );
  } else if (!pods.ok) {
    throw new MetricsError(classify(pods.error, pods.req));
  }

  for (const f of [nodes, nodeMetrics, podMetrics]) {
    if (f.ok || httpStatus(f.error) === 404) continue;
    if (f === podMetrics && podMetricList) continue; // recovered namespace by namespace
    const p = classify(f.error, f.req);
    problems.push({
      ...p,
      severity: 'warning',
      title: `Partial answer: ${p.title}`,
      kind: p.kind === 'forbidden' ? 'partial' : p.kind,
    });
  }

  return {
    context: loaded.context,
    server,
    namespace: kc.getContextObject(loaded.context)?.namespace ?? 'default',
    ...(nodes.ok ? { nodes: nodes.value } : {}),
    pods: podList ?? [],
    ...(nodeMetrics.ok ? { nodeMetrics: nodeMetrics.value } : {}),
    ...(podMetricList ? { podMetrics: podMetricList } : {}),
    problems,
    fetchMs: performance.now() - started,
  };
}

/**
 * Every item of a list, read `limit` items at a time as kubectl and client-go's pager do. When a continue token has
 * expired (410 Gone: the list's resourceVersion was compacted while paging), the pager starts over with one full,
 * unpaged list, as client-go's pager does (`FullListIfExpired`): a consistent list, never a mix of two versions.
 */
export async function listPaged<T>(
  page: (p: { limit?: number; _continue?: string }) => Promise<{ items: T[]; metadata?: { _continue?: string } }>,
  limit: number,
): Promise<T[]> {
  if (limit <= 0) return (await page({})).items;
  const items: T[] = [];
  let token: string | undefined;
  do {
    let answer: { items: T[]; metadata?: { _continue?: string } };
    try {
      answer = await page(token ? { limit, _continue: token } : { limit });
    } catch (e) {
      if (token && httpStatus(e) === 410) return (await page({})).items;
      throw e;
    }
    for (const item of answer.items) items.push(item);
    token = answer.metadata?._continue || undefined;
  } while (token);
  return items;
}

/** Namespaces to try one by one: all of them if listable, else the context's own and the manifests'. */
async function visibleNamespaces(
  core: CoreV1Api,
  o: ConfigurationOptions,
  kc: KubeConfig,
  manifests: readonly string[],
): Promise<string[]> {
  try {
    return (await core.listNamespace({}, o)).items.map((n) => n.metadata?.name ?? '').filter((n) => n);
  } catch {
    const own = kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
    return [...new Set([own, ...manifests])];
  }
}

function itemsOf<T>(list: unknown): T[] {
  const items = list && typeof list === 'object' ? (list as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? (items as T[]) : [];
}
