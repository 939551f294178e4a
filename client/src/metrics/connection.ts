/**
 * The connection to one context's API server that every cluster feature uses (the metrics panel, live drift …):
 * the kubeconfig's TLS settings and credentials, a time limit on everything, and one message per failure.
 *
 * What it guarantees:
 * - Nothing hangs. A credential command runs asynchronously with a time limit (./credential-runner) and is killed
 *   when it overruns, when every caller has given up (their `signal` aborted) and on `dispose` of the runner; each
 *   request has its own time limit too, and `signal` aborts it at once.
 * - A credential command runs once per token lifetime: its credential is cached per context, user and command until
 *   its `expirationTimestamp`; after a 401 the cached credential is dropped and the request is sent once more with
 *   a fresh one (as client-go's exec authenticator refreshes on 401).
 * - TLS verification is always on (the kubeconfig's `insecure-skip-tls-verify` is ignored; ./kubeconfig).
 * - Every failure is a `MetricsError` whose `problem` names the server (without user info or query) or the
 *   command, and the next step; when the API server answered, `answer` holds its status and `Status` body.
 *   Credentials never appear in a message.
 * - Kubewise never writes to a cluster: a write verb is sent only as a server-side dry run (`dryRun=All` is added
 *   to every POST, PUT, PATCH and DELETE).
 */
import type { KubeConfig, User } from '@kubernetes/client-node';
import { KubeConfig as KubeConfigClass } from '@kubernetes/client-node';
import { request as httpsRequest, type Agent, type RequestOptions } from 'node:https';
import type { Credential, CredentialCommand } from './credential-command';
import type { CredentialProgress, CredentialRunner } from './credential-runner';
import type { LoadedKubeconfig } from './kubeconfig';
import { classify, MetricsError, type RequestDescription } from './problems';
import { deadline } from './deadline';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request to the API server. */
export interface KubeRequest {
  /** Default `GET`. Other methods are always sent as a dry run. */
  readonly method?: Method;
  /** The API path, e.g. `/apis/apps/v1/namespaces/prod/deployments/web` (no host; percent-encode names yourself). */
  readonly path: string;
  /** Query parameters; undefined values are left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON unless it is a string. */
  readonly body?: unknown;
  /**
   * Default `application/json`; for PATCH one of `application/merge-patch+json`,
   * `application/strategic-merge-patch+json`, `application/json-patch+json`, `application/apply-patch+yaml`.
   */
  readonly contentType?: string;
  /** Aborts the request (and the wait for a credential command) at once. */
  readonly signal?: AbortSignal;
  /** Overrides the connection's time limit for this request. */
  readonly timeoutMs?: number;
  /** The verb and resource named in messages (a 403 names them); derived from the method and path when absent. */
  readonly describe?: Pick<RequestDescription, 'verb' | 'resource'> & { readonly namespace?: string };
}

export interface ConnectionOptions {
  /** Time limit of each request, in milliseconds. */
  readonly timeoutMs: number;
}

/** A connection to the API server of one loaded context. Cheap to make; the runner holds the credential cache. */
export class ClusterConnection {
  readonly context: string;
  /** The server URL as the kubeconfig has it (use `cleanServerUrl` from ./problems before showing it). */
  readonly server: string;
  /** The context's namespace, `default` when it names none. */
  readonly namespace: string;
  private readonly key: string;
  private resolved: { kc: KubeConfig; credential?: Credential } | undefined;
  private https: { credential?: Credential; options: RequestOptions } | undefined;

  constructor(
    readonly loaded: LoadedKubeconfig,
    private readonly runner: CredentialRunner,
    private readonly options: ConnectionOptions,
  ) {
    this.context = loaded.context;
    this.server = loaded.server.replace(/\/+$/, '');
    this.namespace = loaded.kc.getContextObject(loaded.context)?.namespace ?? 'default';
    const cmd = loaded.credential && 'command' in loaded.credential ? loaded.credential.command : undefined;
    this.key = JSON.stringify([loaded.context, this.server, cmd ? commandKey(cmd) : null]);
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** True when the credential comes from a command (an exec plugin or an auth-provider `cmd-path`). */
  get runsCommand(): boolean {
    return Boolean(this.loaded.credential && 'command' in this.loaded.credential);
  }

  /**
   * A client-node KubeConfig for this context with the credential in it (a token, or a client certificate and
   * key), for client-node's typed APIs. Runs the credential command only when the cached credential has expired.
   * Rejects with a MetricsError naming the command when it hangs, is missing or fails.
   */
  async kubeConfig(signal?: AbortSignal): Promise<KubeConfig> {
    const credential = await this.credential(signal);
    if (this.resolved && this.resolved.credential === credential) return this.resolved.kc;
    const kc = credential ? withCredential(this.loaded, credential) : this.loaded.kc;
    this.resolved = credential ? { kc, credential } : { kc };
    return kc;
  }

  /** The credential command running for this connection now (what the panel shows while it waits), if any. */
  credentialProgress(): CredentialProgress | undefined {
    return this.runsCommand ? this.runner.progress(this.key) : undefined;
  }

  /** Stops the credential command running for this connection (the panel's Cancel); false when none runs. */
  cancelCredential(): boolean {
    return this.runsCommand && this.runner.cancel(this.key);
  }

  /** The API server refused the credential (401): the next call runs the command again. */
  refused(): void {
    const used = this.resolved?.credential;
    if (this.runsCommand) this.runner.invalidate(this.key, used);
    this.resolved = undefined;
    this.https = undefined;
  }

  /**
   * Sends one request and returns the parsed JSON answer (undefined for an empty body). Rejects with the signal's
   * reason when `signal` aborts, else with a MetricsError: the problem (message and next step) and, when the server answered, `answer` with its status and
   * `Status` body. A 401 with a credential from a command is retried once with a fresh credential.
   */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const description = describeRequest(req, this.server);
    try {
      return await this.send<T>(req, description);
    } catch (e) {
      if (e instanceof MetricsError && e.answer?.status === 401 && this.runsCommand && !req.signal?.aborted) {
        this.refused();
        return this.send<T>(req, description);
      }
      throw e;
    }
  }

  private async send<T>(req: KubeRequest, description: RequestDescription): Promise<T> {
    const options = await this.httpsOptions(req.signal);
    const method = req.method ?? 'GET';
    const url = new URL(this.server + (req.path.startsWith('/') ? req.path : `/${req.path}`));
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    // Kubewise never writes to a cluster.
    if (method !== 'GET') url.searchParams.set('dryRun', 'All');
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const limit = deadline(req.signal, timeoutMs);
    const signal = limit.signal;
    let answer: { status: number; text: string };
    try {
      answer = await sendHttps(
        url,
        {
          ...options,
          method,
          headers: {
            ...(options.headers as Record<string, string>),
            Accept: 'application/json',
            ...(body !== undefined ? { 'Content-Type': req.contentType ?? 'application/json' } : {}),
          },
          signal,
        },
        body,
      );
    } catch (e) {
      // The caller gave up: its own reason, not a failure to report.
      if (req.signal?.aborted) throw req.signal.reason;
      throw new MetricsError(classify(signal.aborted ? timeoutError() : e, description));
    } finally {
      limit.clear();
    }
    let json: unknown;
    try {
      json = answer.text ? JSON.parse(answer.text) : undefined;
    } catch {
      json = answer.text;
    }
    if (answer.status >= 200 && answer.status < 300) return json as T;
    throw failure(answer, description, json);
  }

  /**
   * A streaming GET (a watch): calls `onLine` with each line of the answer as it arrives (kube-apiserver sends one
   * JSON event per line, chunked) and resolves when the server ends the stream. `req.timeoutMs` bounds the whole
   * stream (a watch asks the server to end it sooner with `timeoutSeconds`). Errors as `request`: the signal's reason
   * when aborted, else a MetricsError with the answer's status and `Status` body; a 401 with a credential from a
   * command is retried once with a fresh credential.
   */
  async stream(req: KubeRequest, onLine: (line: string) => void): Promise<void> {
    const description = describeRequest(req, this.server);
    try {
      return await this.openStream(req, description, onLine);
    } catch (e) {
      if (e instanceof MetricsError && e.answer?.status === 401 && this.runsCommand && !req.signal?.aborted) {
        this.refused();
        return this.openStream(req, description, onLine);
      }
      throw e;
    }
  }

  private async openStream(
    req: KubeRequest,
    description: RequestDescription,
    onLine: (line: string) => void,
  ): Promise<void> {
    const options = await this.httpsOptions(req.signal);
    const url = new URL(this.server + (req.path.startsWith('/') ? req.path : `/${req.path}`));
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const limit = deadline(req.signal, timeoutMs);
    const signal = limit.signal;
    let answer: { status: number; text: string } | undefined;
    // An error thrown by the reader is the caller's own: passed on as it is.
    let refused: { error: unknown } | undefined;
    const read = (line: string) => {
      try {
        onLine(line);
      } catch (error) {
        refused = { error };
        throw error;
      }
    };
    try {
      answer = await streamHttps(
        url,
        {
          ...options,
          method: 'GET',
          headers: { ...(options.headers as Record<string, string>), Accept: 'application/json' },
          signal,
        },
        read,
      );
    } catch (e) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (refused) throw refused.error;
      throw new MetricsError(classify(signal.aborted ? timeoutError() : e, description));
    } finally {
      limit.clear();
    }
    if (answer) throw failure(answer, description);
  }

  private async credential(signal?: AbortSignal): Promise<Credential | undefined> {
    const source = this.loaded.credential;
    if (!source || 'problem' in source) return undefined;
    if ('credential' in source) return source.credential;
    return this.runner.get(this.key, source.command, signal);
  }

  /** TLS options and headers of this context, kept while the credential stays the same (one agent, kept alive). */
  private async httpsOptions(signal?: AbortSignal): Promise<RequestOptions> {
    const kc = await this.kubeConfig(signal);
    const credential = this.resolved?.credential;
    if (this.https && this.https.credential === credential) return this.https.options;
    const options: RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    // TLS verification stays on, whatever the kubeconfig says.
    options.rejectUnauthorized = true;
    (options.agent as Agent | undefined)?.destroy();
    delete options.agent;
    this.https = credential ? { credential, options } : { options };
    return options;
  }
}

/** Opens the connection of a loaded context. */
export function connect(
  loaded: LoadedKubeconfig,
  runner: CredentialRunner,
  options: ConnectionOptions,
): ClusterConnection {
  return new ClusterConnection(loaded, runner, options);
}

function commandKey(cmd: CredentialCommand): unknown {
  return [cmd.kind, cmd.user, cmd.command, cmd.args, cmd.env, cmd.tokenKey ?? null];
}

/** A KubeConfig like the loaded one whose user carries the credential (client-node reads certificate data as base64). */
function withCredential(loaded: LoadedKubeconfig, c: Credential): KubeConfig {
  const base = loaded.kc;
  const user: User = {
    ...(loaded.user ?? { name: `${loaded.context}-credential` }),
    ...(c.token ? { token: c.token } : {}),
    ...(c.clientCertificateData && c.clientKeyData
      ? {
          certData: Buffer.from(c.clientCertificateData).toString('base64'),
          keyData: Buffer.from(c.clientKeyData).toString('base64'),
          certFile: undefined,
          keyFile: undefined,
        }
      : {}),
  };
  const ctx = base.getContextObject(loaded.context)!;
  const kc = new KubeConfigClass();
  kc.loadFromOptions({
    clusters: base.clusters,
    users: [user],
    contexts: [{ ...ctx, user: user.name }],
    currentContext: loaded.context,
  });
  return kc;
}

/** The MetricsError of an answer that is not a success: the problem, the status and the `Status` body. */
function failure(
  answer: { status: number; text: string },
  description: RequestDescription,
  parsed?: unknown,
): MetricsError {
  let json = parsed;
  if (json === undefined && answer.text) {
    try {
      json = JSON.parse(answer.text);
    } catch {
      json = answer.text;
    }
  }
  const reason =
    json && typeof json === 'object' && typeof (json as { reason?: unknown }).reason === 'string'
      ? (json as { reason: string }).reason
      : undefined;
  return new MetricsError(classify({ code: answer.status, body: json }, description), {
    status: answer.status,
    ...(reason ? { reason } : {}),
    body: json,
  });
}

function timeoutError(): Error {
  return Object.assign(new Error('The operation timed out'), { name: 'TimeoutError' });
}

/** `GET /api/v1/namespaces/prod/pods` → list pods in prod; `PATCH …/deployments/web` → patch deployments.apps. */
export function describeRequest(req: KubeRequest, server: string): RequestDescription {
  if (req.describe) return { ...req.describe, server };
  const parts = req.path.split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  // /api/v1/… or /apis/<group>/<version>/…
  const group = parts[0] === 'apis' ? parts[1] : '';
  let rest = parts.slice(parts[0] === 'apis' ? 3 : 2);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = (rest[0] ?? 'namespaces') + (group ? `.${group}` : '');
  const named = rest.length >= 2;
  const method = req.method ?? 'GET';
  const verb: RequestDescription['verb'] =
    method === 'GET'
      ? named
        ? 'get'
        : req.query?.watch
          ? 'watch'
          : 'list'
      : method === 'POST'
        ? 'create'
        : method === 'PUT'
          ? 'update'
          : method === 'PATCH'
            ? 'patch'
            : 'delete';
  return namespace ? { verb, resource, namespace, server } : { verb, resource, server };
}

function sendHttps(
  url: URL,
  options: RequestOptions & { signal: AbortSignal },
  body: string | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A GET whose successful answer is read line by line as it arrives; resolves undefined when it ends, or with the
 * whole answer when its status is not a success (then it is a `Status`, not a stream).
 */
function streamHttps(
  url: URL,
  options: RequestOptions & { signal: AbortSignal },
  onLine: (line: string) => void,
): Promise<{ status: number; text: string } | undefined> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, options, (res) => {
      const status = res.statusCode ?? 0;
      let text = '';
      res.setEncoding('utf8');
      const ok = status >= 200 && status < 300;
      res.on('data', (c: string) => {
        text += c;
        if (!ok) return;
        try {
          let nl = text.indexOf('\n');
          while (nl >= 0) {
            const line = text.slice(0, nl);
            text = text.slice(nl + 1);
            if (line.trim()) onLine(line);
            nl = text.indexOf('\n');
          }
        } catch (e) {
          // The reader refused a line: stop reading, and say why.
          reject(e);
          req.destroy();
        }
      });
      res.on('end', () => {
        if (!ok) return resolve({ status, text });
        try {
          if (text.trim()) onLine(text);
          resolve(undefined);
        } catch (e) {
          reject(e);
        }
      });
      res.on('close', () => {
        if (!res.complete) reject(new Error('the stream was cut off'));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
