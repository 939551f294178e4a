/**
 * Every way the panel can fail to show the cluster, each with its own message and the next step. Nothing here
 * ever carries a stack trace or a credential: messages are built from what the user can act on (a file, a line,
 * a context, a server URL, a verb and a resource).
 */

export type ProblemKind =
  | 'no-kubeconfig'
  | 'kubeconfig-broken'
  | 'no-context'
  | 'unknown-context'
  | 'exec-untrusted'
  | 'credential-timeout'
  | 'credential-cancelled'
  | 'credential-missing'
  | 'credential-failed'
  | 'plain-http'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'metrics-absent'
  | 'partial'
  | 'server-error';

export interface MetricsProblem {
  readonly kind: ProblemKind;
  /** `error`: nothing could be shown; `warning`: some of the answer is shown, some is missing. */
  readonly severity: 'error' | 'warning';
  readonly title: string;
  readonly detail: string;
  /** What to do next, in one sentence. */
  readonly next: string;
}

export const METRICS_SERVER_INSTALL =
  'kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml';

export function problem(
  kind: ProblemKind,
  title: string,
  detail: string,
  next: string,
  severity: 'error' | 'warning' = 'error',
): MetricsProblem {
  return { kind, severity, title, detail, next };
}

/** What the API server answered to a failed request: its HTTP status and `Status` body (reason, message, details). */
export interface ServerAnswer {
  readonly status: number;
  /** `NotFound`, `Conflict`, `Invalid`, `Expired` … of the `Status` body; undefined when it carried none. */
  readonly reason?: string;
  /** The parsed body (a `Status` object as a rule). */
  readonly body?: unknown;
}

/**
 * Thrown inside the metrics code for a failure that already has its message; caught at the edge. `answer` is set
 * when the API server answered (a 404, 409 or 422 a feature may want to handle itself).
 */
export class MetricsError extends Error {
  constructor(
    readonly problem: MetricsProblem,
    readonly answer?: ServerAnswer,
  ) {
    super(problem.title);
  }
}

/** What was asked of the API server when a request failed, to name the verb and the resource in a 403. */
export interface RequestDescription {
  readonly verb: 'list' | 'get' | 'watch' | 'create' | 'update' | 'patch' | 'delete';
  /** `pods`, `nodes`, `pods.metrics.k8s.io` … */
  readonly resource: string;
  /** Undefined: cluster-wide. */
  readonly namespace?: string;
  readonly server: string;
}

/** The HTTP status of a failed request, when there was an answer. */
export function httpStatus(e: unknown): number | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'number') {
    return (e as { code: number }).code;
  }
  return undefined;
}

/** The `message` of a Kubernetes `Status` body, if the failed answer carried one. */
export function statusMessage(e: unknown): string | undefined {
  if (!e || typeof e !== 'object' || !('body' in e)) return undefined;
  let body: unknown = (e as { body: unknown }).body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (body && typeof body === 'object' && (body as { kind?: unknown }).kind === 'Status') {
    const m = (body as { message?: unknown }).message;
    return typeof m === 'string' ? m : undefined;
  }
  return undefined;
}

/** The network-level error code (ECONNREFUSED, ENOTFOUND, a TLS code …) of a request that got no answer. */
function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') return c;
    const errno = (cur as { errno?: unknown }).errno;
    if (typeof errno === 'string') return errno;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'EPROTO',
]);

/**
 * A server URL fit for a message: no user info (`https://user:secret@host`), no query (`?token=…`), no fragment.
 * Kubeconfig server URLs rarely carry either, but one that does must never show its secret.
 */
export function cleanServerUrl(server: string): string {
  try {
    const u = new URL(server);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return server.replace(/\/\/[^/@\s]*@/g, '//').replace(/[?#].*$/, '');
  }
}

/** The kubeconfig names a plain-http server: Kubewise sends no credentials in clear, so it does not connect. */
export function plainHttp(server: string, context: string): MetricsProblem {
  const url = cleanServerUrl(server);
  return problem(
    'plain-http',
    `The API server address of context "${context}" is plain http (${url})`,
    `Kubewise talks to API servers only over TLS (https), so that the credentials and the cluster's data never cross the network in clear; "kubectl proxy" addresses are plain http too.`,
    `Put the cluster's https:// address in the kubeconfig (kubectl cluster-info shows it), then press Refresh.`,
  );
}

function scope(r: RequestDescription): string {
  return r.namespace ? `in namespace "${r.namespace}"` : 'at the cluster scope (all namespaces)';
}

/** Maps a failed request to its message. `e` may be an ApiException, a FetchError, an abort or anything else. */
export function classify(e: unknown, req: RequestDescription): MetricsProblem {
  if (e instanceof MetricsError) return e.problem;
  const r: RequestDescription = { ...req, server: cleanServerUrl(req.server) };
  const status = httpStatus(e);
  const said = statusMessage(e);
  if (status !== undefined && status >= 100 && status < 600) {
    if (status === 401) {
      return problem(
        'unauthorized',
        'The API server did not accept the credentials (401 Unauthorized)',
        `${r.server} answered 401 to ${r.verb} ${r.resource}${said ? `: ${said}` : ''}. The token or client certificate of this context is missing, wrong or expired.`,
        'Log in again (refresh the token, e.g. with your cloud CLI) or pick another context, then press Refresh.',
      );
    }
    if (status === 403) {
      return problem(
        'forbidden',
        `Not allowed to ${r.verb} ${r.resource} ${scope(r)} (403 Forbidden)`,
        said ?? `${r.server} refused ${r.verb} on ${r.resource} ${scope(r)}.`,
        `Ask a cluster administrator for a Role or ClusterRole granting "${r.verb}" on "${r.resource}" ${scope(r)}.`,
      );
    }
    if (status === 404 && r.resource.endsWith('.metrics.k8s.io')) return metricsAbsent(r.server);
    if (status === 503 && r.resource.endsWith('.metrics.k8s.io')) {
      return problem(
        'metrics-absent',
        'metrics-server is installed but not answering (503 Service Unavailable)',
        `${r.server} has the metrics.k8s.io API registered, but its backend did not answer${said ? `: ${said}` : ''}.`,
        'Check the metrics-server pod: kubectl -n kube-system get pods -l k8s-app=metrics-server, and its logs.',
      );
    }
    return problem(
      'server-error',
      `The API server answered ${status} to ${r.verb} ${r.resource}`,
      said ?? `${r.server} answered HTTP ${status}.`,
      'Press Refresh to try again; if it persists, check the API server with kubectl get --raw /healthz.',
    );
  }
  const code = networkCode(e);
  const name = e && typeof e === 'object' ? (e as { name?: unknown }).name : undefined;
  if (name === 'AbortError' || name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return problem(
      'timeout',
      `The API server did not answer in time (${r.server})`,
      `No answer to ${r.verb} ${r.resource} before the time limit.`,
      'Check the VPN or network route to the cluster, then press Refresh.',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return problem(
      'unreachable',
      `Cannot resolve the API server's host name (${hostOf(r.server)})`,
      `DNS lookup of ${hostOf(r.server)} failed (${code}).`,
      'Check the server address of this context in the kubeconfig, and your VPN or DNS, then press Refresh.',
    );
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return problem(
      'unreachable',
      `Cannot connect to the API server (${r.server})`,
      `The connection failed (${code}).`,
      'Check that the cluster is running and that the server address and port in the kubeconfig are right, then press Refresh.',
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(errorText(e))) {
    return problem(
      'plain-http',
      `The server at ${r.server} answered in plain http, not TLS`,
      `The TLS handshake for ${r.verb} ${r.resource} got a plain-http answer: the address is https, but the port serves http (a proxy, "kubectl proxy", or another service).`,
      "Check the server's port in the kubeconfig (the API server's https port, usually 6443 or 443), then press Refresh.",
    );
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
    return problem(
      'tls',
      `The API server's TLS certificate was not trusted (${r.server})`,
      `TLS verification failed (${code}). Kubewise always verifies the server certificate.`,
      "Put the cluster's CA in the kubeconfig (certificate-authority or certificate-authority-data), or check tls-server-name.",
    );
  }
  const msg = e instanceof Error ? firstLine(e.message) : String(e);
  return problem(
    'server-error',
    `The request ${r.verb} ${r.resource} failed`,
    msg,
    'Press Refresh to try again; the Kubewise output channel has the details.',
  );
}

/** The messages of an error and its causes, for matching what no code names. */
function errorText(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    const m = (cur as { message?: unknown }).message;
    if (typeof m === 'string') parts.push(m);
    cur = (cur as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

export function metricsAbsent(server: string): MetricsProblem {
  return problem(
    'metrics-absent',
    'metrics-server is not installed: the cluster has no metrics.k8s.io API',
    `${cleanServerUrl(server)} does not serve metrics.k8s.io/v1beta1, so there is no CPU or memory usage to show.`,
    `Install metrics-server: ${METRICS_SERVER_INSTALL} (or: helm install metrics-server metrics-server/metrics-server -n kube-system).`,
  );
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

/** One line, no stack, no user info of a URL (`https://user:secret@host`): the first line of an error message. */
export function firstLine(s: string): string {
  return s
    .split('\n')[0]!
    .replace(/\/\/[^/@\s]*@/g, '//')
    .replace(/([?&](?:access_)?token=)[^&\s]*/gi, '$1***')
    .slice(0, 300);
}
