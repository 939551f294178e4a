/**
 * A Kubernetes API server for tests, since no kube-apiserver can run on the test machines: HTTPS with its own CA,
 * bearer-token or client-certificate auth, the real JSON of /version, discovery, nodes, pods and metrics.k8s.io,
 * pod watches (chunked JSON lines, bookmarks, 410 Expired: ./fake-pod-watch), and the real `Status` bodies of 401,
 * 403 and 404. The real kubectl and @kubernetes/client-node talk to it.
 * It listens on 127.0.0.1, port 0 (a free port), and is stopped by the test that started it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { pagedList, pagingState, type PagingState } from './fake-connection';
import type { FakeCluster } from './fake-cluster';
import type { FakeObjects } from './fake-objects';
import { nodeJson, nodeMetricJson, podJson, podMetricJson, smallCluster } from './fake-cluster';
import { workloadsRoute } from './fake-workloads';
import type { StandIn } from './rightsizing-cluster';
import { FakePodWatch } from './fake-pod-watch';
import { testPki, type TestPki } from './test-pki';

export interface Forbid {
  /** `list pods` at the cluster scope. */
  clusterPods?: boolean;
  nodes?: boolean;
  /** Namespaces in which `list pods` is forbidden. */
  namespaces?: string[];
  /** `list namespaces`. */
  listNamespaces?: boolean;
  /** Everything under metrics.k8s.io. */
  metrics?: boolean;
  /** `list replicasets` and `list jobs` at the cluster scope (a user with namespaced Roles only). */
  clusterOwners?: boolean;
  /** Namespaces in which `list replicasets` and `list jobs` are forbidden too. */
  ownerNamespaces?: string[];
  /** `list horizontalpodautoscalers` at the cluster scope. */
  clusterHpas?: boolean;
  /** Namespaces in which `list horizontalpodautoscalers` is forbidden too. */
  hpaNamespaces?: string[];
}

export interface FakeApiServerOptions {
  cluster?: FakeCluster;
  /** metrics-server installed (metrics.k8s.io served); default true. */
  metricsServer?: boolean;
  forbid?: Forbid;
  /** Each cluster-wide pod metrics list moves the usage on by one tick (moving sparklines). */
  advance?: boolean;
  /** Services reachable through the service proxy: `namespace/name:port` → the URL the proxy forwards to. */
  services?: Record<string, string>;
  /** Rewrites pods and pod metrics as served (rightsizing-cluster.ts: OOM kills, moving metric windows). */
  standIn?: StandIn;
  /** Objects served by GET, list and server-side apply (fake-objects.ts). */
  objects?: FakeObjects;
  /** `autoscaling/v2` HorizontalPodAutoscalers the cluster has (as the API server serves them), listed with paging. */
  hpas?: readonly HpaObject[];
}

/** An `autoscaling/v2` HorizontalPodAutoscaler as the API server serves it. */
export interface HpaObject {
  readonly apiVersion: 'autoscaling/v2';
  readonly kind: 'HorizontalPodAutoscaler';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly [k: string]: unknown };
  readonly spec: Readonly<Record<string, unknown>>;
  readonly status?: Readonly<Record<string, unknown>>;
}

export interface FakeApiServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly pki: TestPki;
  readonly cluster: FakeCluster;
  readonly options: FakeApiServerOptions;
  /** Every request path (with query) in order, for tests that check what was asked. */
  readonly requests: string[];
  /** Accept requests and never answer (for the timeout test). */
  hang: boolean;
  /** Pod lists are paged with `limit`/`continue` (./fake-connection); tests can expire continue tokens. */
  readonly paging: PagingState;
  /** Pods change through here (added, modified, deleted, compacted) and watches see it (./fake-pod-watch). */
  readonly pods: FakePodWatch;
  stop(): Promise<void>;
}

const USER = 'kubewise-test';

function status(res: ServerResponse, code: number, reason: string, message: string, details?: object): void {
  send(res, code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Audit-Id': randomBytes(8).toString('hex'),
  });
  res.end(text);
}

function forbidden(res: ServerResponse, resource: string, group: string, namespace?: string): void {
  const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const full = group ? `${resource}.${group}` : resource;
  status(
    res,
    403,
    'Forbidden',
    `${full} is forbidden: User "${USER}" cannot list resource "${resource}" in API group "${group}" ${where}`,
    { kind: resource, ...(group ? { group } : {}) },
  );
}

function notFound(res: ServerResponse): void {
  status(res, 404, 'NotFound', 'the server could not find the requested resource', {
    causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }],
  });
}

const list = (kind: string, apiVersion: string, items: unknown[]) => ({
  kind,
  apiVersion,
  metadata: { resourceVersion: '12345' },
  items,
});

function matchesSelector(labels: Record<string, string>, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return k !== undefined && labels[k.trim()] === v?.trim();
  });
}

export async function startFakeApiServer(opts: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const pki = testPki();
  const cluster = opts.cluster ?? smallCluster();
  const token = `kw-test-${randomBytes(16).toString('hex')}`;
  const metrics = opts.metricsServer ?? true;
  const forbid = opts.forbid ?? {};
  const requests: string[] = [];
  const hanging: ServerResponse[] = [];
  const podOut = (p: FakeCluster['pods'][number], i: number) => opts.standIn?.pod?.(podJson(p, i), p) ?? podJson(p, i);
  const metricOut = (p: FakeCluster['pods'][number]) =>
    opts.standIn?.podMetric?.(podMetricJson(p, cluster.tick), p, cluster.tick) ?? podMetricJson(p, cluster.tick);

  const state = { hang: false };
  const paging = pagingState();
  const podWatch = new FakePodWatch(cluster, podOut);
  const sendPods = (res: ServerResponse, url: URL, entries: readonly FakeCluster['pods'][number][]) => {
    const head = { ...list('PodList', 'v1', []), metadata: { resourceVersion: podWatch.resourceVersion } };
    const r = pagedList(url, head, entries, (p) => podWatch.objectOf(p), paging);
    send(res, r.code, r.body);
  };
  const watching = (url: URL) => ['true', '1'].includes(url.searchParams.get('watch') ?? '');
  const server: Server = createServer(
    { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert, requestCert: true, rejectUnauthorized: false },
    (req: IncomingMessage, res: ServerResponse) => {
      requests.push(req.url ?? '');
      if (state.hang) {
        hanging.push(res);
        return;
      }
      try {
        handle(req, res);
      } catch (e) {
        status(res, 500, 'InternalError', `fake apiserver: ${String(e)}`);
      }
    },
  );

  function authenticated(req: IncomingMessage): boolean {
    if (req.headers.authorization === `Bearer ${token}`) return true;
    const sock = req.socket as TLSSocket;
    return sock.authorized === true && Boolean(sock.getPeerCertificate()?.subject);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const path = url.pathname.replace(/\/$/, '');
    if (!authenticated(req)) return status(res, 401, 'Unauthorized', 'Unauthorized');
    if (opts.objects?.serve(req, res, url)) return;
    const proxy = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/.exec(url.pathname);
    if (proxy)
      return void forward(req, res, `${proxy[1]}/${decodeURIComponent(proxy[2]!)}`, (proxy[3] ?? '/') + url.search);
    if (req.method !== 'GET')
      return status(res, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
    const labelSelector = url.searchParams.get('labelSelector');

    if (path === '/version') {
      return send(res, 200, {
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.0',
        gitCommit: '60a317eadfcb839692a5ab7ce0da0d9a9cd9b2a1',
        gitTreeState: 'clean',
        buildDate: '2025-04-23T13:07:31Z',
        goVersion: 'go1.24.2',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
    }
    if (path === '/api') {
      return send(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
      });
    }
    if (path === '/apis') {
      const groups = [
        {
          name: 'apps',
          versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
        },
      ];
      groups.push({
        name: 'batch',
        versions: [{ groupVersion: 'batch/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
      });
      if (metrics) {
        groups.push({
          name: 'metrics.k8s.io',
          versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }],
          preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
        });
      }
      return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    if (path === '/api/v1') {
      const r = (name: string, kind: string, namespaced: boolean, shortNames?: string[]) => ({
        name,
        singularName: '',
        namespaced,
        kind,
        verbs: ['get', 'list', 'watch'],
        ...(shortNames ? { shortNames } : {}),
      });
      return send(res, 200, {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          r('namespaces', 'Namespace', false, ['ns']),
          r('nodes', 'Node', false, ['no']),
          r('pods', 'Pod', true, ['po']),
        ],
      });
    }
    if (path === '/apis/apps/v1') {
      return send(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [] });
    }

    const namespaces = [...new Set(cluster.pods.map((p) => p.namespace))].sort();
    if (path === '/api/v1/namespaces') {
      if (forbid.listNamespaces) return forbidden(res, 'namespaces', '');
      return send(
        res,
        200,
        list(
          'NamespaceList',
          'v1',
          namespaces.map((n) => ({
            metadata: { name: n, creationTimestamp: '2026-12-01T08:00:00Z' },
            spec: { finalizers: ['kubernetes'] },
            status: { phase: 'Active' },
          })),
        ),
      );
    }
    if (path === '/api/v1/nodes') {
      if (forbid.nodes) return forbidden(res, 'nodes', '');
      return send(res, 200, list('NodeList', 'v1', cluster.nodes.map(nodeJson)));
    }
    const podsIn = (ns?: string) =>
      cluster.pods
        .map((p, i) => [p, i] as const)
        .filter(([p]) => (ns === undefined || p.namespace === ns) && matchesSelector({ app: p.app }, labelSelector));
    if (path === '/api/v1/pods') {
      if (forbid.clusterPods) return forbidden(res, 'pods', '');
      if (watching(url)) return podWatch.serve(req, res, url);
      return sendPods(
        res,
        url,
        podsIn().map(([p]) => p),
      );
    }
    let m = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(path);
    if (m) {
      const ns = decodeURIComponent(m[1]!);
      if (forbid.namespaces?.includes(ns)) return forbidden(res, 'pods', '', ns);
      if (watching(url)) return podWatch.serve(req, res, url, ns);
      return sendPods(
        res,
        url,
        podsIn(ns).map(([p]) => p),
      );
    }

    if (path.startsWith('/apis/metrics.k8s.io')) {
      if (!metrics) return notFound(res);
      if (path === '/apis/metrics.k8s.io/v1beta1') {
        return send(res, 200, {
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion: 'metrics.k8s.io/v1beta1',
          resources: [
            { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
            { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
          ],
        });
      }
      if (path === '/apis/metrics.k8s.io/v1beta1/nodes') {
        if (forbid.metrics) return forbidden(res, 'nodes', 'metrics.k8s.io');
        return send(
          res,
          200,
          list(
            'NodeMetricsList',
            'metrics.k8s.io/v1beta1',
            cluster.nodes.map((n) => nodeMetricJson(cluster, n)),
          ),
        );
      }
      if (path === '/apis/metrics.k8s.io/v1beta1/pods') {
        if (forbid.metrics || forbid.clusterPods) return forbidden(res, 'pods', 'metrics.k8s.io');
        if (opts.advance) cluster.tick++;
        return send(
          res,
          200,
          list(
            'PodMetricsList',
            'metrics.k8s.io/v1beta1',
            podsIn().map(([p]) => metricOut(p)),
          ),
        );
      }
      m = /^\/apis\/metrics\.k8s\.io\/v1beta1\/namespaces\/([^/]+)\/pods$/.exec(path);
      if (m) {
        const ns = decodeURIComponent(m[1]!);
        if (forbid.metrics || forbid.namespaces?.includes(ns)) return forbidden(res, 'pods', 'metrics.k8s.io', ns);
        return send(
          res,
          200,
          list(
            'PodMetricsList',
            'metrics.k8s.io/v1beta1',
            podsIn(ns).map(([p]) => metricOut(p)),
          ),
        );
      }
    }
    m = /^\/apis\/(apps|batch)\/v1\/(?:namespaces\/([^/]+)\/)?(replicasets|jobs)$/.exec(path);
    if (m) {
      const ns = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
      if (ns === undefined ? forbid.clusterOwners : forbid.ownerNamespaces?.includes(ns))
        return forbidden(res, m[3]!, m[1]!, ns);
    }
    m = /^\/apis\/autoscaling\/v2\/(?:namespaces\/([^/]+)\/)?horizontalpodautoscalers$/.exec(path);
    if (m) {
      const ns = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
      if (ns === undefined ? forbid.clusterHpas : forbid.hpaNamespaces?.includes(ns))
        return forbidden(res, 'horizontalpodautoscalers', 'autoscaling', ns);
      const hpas = (opts.hpas ?? []).filter((h) => ns === undefined || h.metadata.namespace === ns);
      const r = pagedList(url, list('HorizontalPodAutoscalerList', 'autoscaling/v2', []), hpas, (h) => h, paging);
      return send(res, r.code, r.body);
    }
    const owners = workloadsRoute(cluster, path); // ReplicaSets and Jobs with their ownerReferences
    if (owners !== undefined) return send(res, 200, owners);
    return notFound(res);
  }

  /** The API server's service proxy: forwards the request to the Service's backend, as kube-apiserver does. */
  async function forward(req: IncomingMessage, res: ServerResponse, service: string, rest: string): Promise<void> {
    const target = opts.services?.[service.includes(':') ? service : `${service}:80`];
    if (!target) {
      const name = service.split('/')[1]!.split(':')[0]!;
      return status(res, 404, 'NotFound', `services "${name}" not found`, { name, kind: 'services' });
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const r = await fetch(`${target}${rest}`, {
        method: req.method ?? 'GET',
        headers: { 'Content-Type': String(req.headers['content-type'] ?? 'application/octet-stream') },
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      const body = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(body);
    } catch (e) {
      status(res, 503, 'ServiceUnavailable', `error trying to reach service: ${String(e)}`);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    token,
    pki,
    cluster,
    options: opts,
    requests,
    paging,
    pods: podWatch,
    get hang() {
      return state.hang;
    },
    set hang(v: boolean) {
      state.hang = v;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        podWatch.closeAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Auth =
  | { readonly token: string }
  | { readonly clientCertFile: string; readonly clientKeyFile: string }
  | { readonly exec: { readonly command: string; readonly args: readonly string[]; readonly installHint?: string } }
  /** A legacy auth-provider (`gcp`, `azure`) whose `config` holds `cmd-path`, `cmd-args`, `token-key` … */
  | { readonly authProvider: { readonly name: string; readonly config: Readonly<Record<string, string>> } };

export interface KubeconfigSpec {
  readonly server: string;
  readonly context?: string;
  readonly cluster?: string;
  readonly user?: string;
  readonly namespace?: string;
  readonly auth: Auth;
  /** PEM of the CA to trust (written inline as certificate-authority-data) or a file path. */
  readonly caPem?: string;
  readonly caFile?: string;
  readonly currentContext?: string | null;
  readonly insecureSkipTlsVerify?: boolean;
}

/** A kubeconfig in kubectl's own YAML layout. */
export function kubeconfigYaml(spec: KubeconfigSpec): string {
  const context = spec.context ?? 'test';
  const cluster = spec.cluster ?? `${context}-cluster`;
  const user = spec.user ?? `${context}-user`;
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${cluster}`,
    '  cluster:',
    `    server: ${spec.server}`,
  ];
  if (spec.caPem) lines.push(`    certificate-authority-data: ${Buffer.from(spec.caPem).toString('base64')}`);
  if (spec.caFile) lines.push(`    certificate-authority: ${spec.caFile}`);
  if (spec.insecureSkipTlsVerify) lines.push('    insecure-skip-tls-verify: true');
  lines.push('users:', `- name: ${user}`, '  user:');
  const a = spec.auth;
  if ('token' in a) lines.push(`    token: ${a.token}`);
  else if ('clientCertFile' in a)
    lines.push(`    client-certificate: ${a.clientCertFile}`, `    client-key: ${a.clientKeyFile}`);
  else if ('authProvider' in a) {
    lines.push('    auth-provider:', `      name: ${a.authProvider.name}`, '      config:');
    for (const [k, v] of Object.entries(a.authProvider.config)) lines.push(`        ${k}: ${JSON.stringify(v)}`);
  } else {
    lines.push(
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1',
      `      command: ${JSON.stringify(a.exec.command)}`,
      '      args:',
      ...a.exec.args.map((x) => `      - ${JSON.stringify(x)}`),
      '      interactiveMode: Never',
      ...(a.exec.installHint ? [`      installHint: ${JSON.stringify(a.exec.installHint)}`] : []),
    );
  }
  lines.push('contexts:', `- name: ${context}`, '  context:', `    cluster: ${cluster}`, `    user: ${user}`);
  if (spec.namespace) lines.push(`    namespace: ${spec.namespace}`);
  if (spec.currentContext !== null) lines.push(`current-context: ${spec.currentContext ?? context}`);
  return lines.join('\n') + '\n';
}

/** Writes text to a new file in a fresh temp folder and returns its path. */
export function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-kc-'));
  const p = join(dir, name);
  writeFileSync(p, text, { mode: 0o600 });
  return p;
}

/** The usual kubeconfig for a fake server: token auth, CA inline. */
export function kubeconfigFor(s: FakeApiServer, extra: Partial<KubeconfigSpec> = {}): string {
  return writeTemp(
    'config',
    kubeconfigYaml({ server: s.url, caPem: s.pki.caCert, auth: { token: s.token }, ...extra }),
  );
}
