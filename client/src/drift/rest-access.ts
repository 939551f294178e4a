/**
 * `ClusterAccess` over the panel's connection: the kubeconfig as loaded by client/src/metrics/kubeconfig.ts (the
 * same context, trust gate for exec plugins and TLS verification), its credentials applied by
 * @kubernetes/client-node, and the same per-request time limit. Requests are plain HTTPS with JSON, as kubectl
 * sends them, so the wire format is exactly that of `kubectl diff --server-side`:
 * `PATCH <object>?dryRun=All&fieldManager=kubewise&force=true` with `Content-Type: application/apply-patch+yaml`.
 *
 * Read-only by construction: every request passes `assertReadOnly`, which lets through GET and a PATCH that carries
 * `dryRun=All`, and throws on anything else, before a byte is sent.
 */
import { request } from 'node:https';
import type { RequestOptions } from 'node:https';
import type { LoadedKubeconfig } from '../metrics/kubeconfig';
import type { ClusterAccess, KindInfo, LiveObject, ObjectRef } from './access';
import { DriftRequestError } from './access';

export const FIELD_MANAGER = 'kubewise';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** Thrown (never sent) when code would write to the cluster. */
export class WriteRefused extends Error {}

/** The only gate to the network: GET, or a PATCH that is a dry run. Anything else never leaves the process. */
export function assertReadOnly(method: string, url: URL): void {
  if (method === 'GET') return;
  if (method === 'PATCH' && url.searchParams.getAll('dryRun').join() === 'All') return;
  throw new WriteRefused(`Kubewise never writes to a cluster: refused ${method} ${url.pathname}`);
}

/** `apps/v1` → `/apis/apps/v1`; `v1` → `/api/v1`. */
export function apiPrefix(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export interface RestAccessOptions {
  readonly timeoutMs: number;
  /** Counts every request sent (the bench reads it). */
  readonly onRequest?: (method: string, path: string) => void;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export class RestClusterAccess implements ClusterAccess {
  readonly context: string;
  readonly server: string;
  readonly namespace: string;
  private readonly kinds = new Map<string, Promise<Map<string, KindInfo>>>();

  constructor(
    private readonly loaded: LoadedKubeconfig,
    private readonly opts: RestAccessOptions,
  ) {
    this.context = loaded.context;
    this.server = loaded.server.replace(/\/\/[^/@]*@/, '//');
    this.namespace = loaded.kc.getContextObject(loaded.context)?.namespace ?? 'default';
  }

  private async send(method: 'GET' | 'PATCH', path: string, signal?: AbortSignal, body?: string): Promise<Answer> {
    const url = new URL(this.loaded.server.replace(/\/+$/, '') + path);
    assertReadOnly(method, url);
    const options: RequestOptions = { method, headers: { Accept: 'application/json' } };
    await this.loaded.kc.applyToHTTPSOptions(options);
    const limit = AbortSignal.timeout(this.opts.timeoutMs);
    const abort = signal ? AbortSignal.any([signal, limit]) : limit;
    this.opts.onRequest?.(method, url.pathname + url.search);
    return new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string | number> = { ...(options.headers as Record<string, string>) };
      if (body !== undefined) {
        headers['Content-Type'] = APPLY_PATCH;
        headers['Content-Length'] = Buffer.byteLength(body);
      }
      const req = request(url, { ...options, headers, signal: abort }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON (a proxy's HTML page): kept as text for the message
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('error', (e: Error) => reject(abort.aborted && !signal?.aborted ? timeoutError(e) : e));
      req.end(body);
    });
  }

  async kind(apiVersion: string, kind: string, signal?: AbortSignal): Promise<KindInfo> {
    let table = this.kinds.get(apiVersion);
    if (!table) {
      table = this.discover(apiVersion, signal);
      this.kinds.set(apiVersion, table);
      table.catch(() => this.kinds.delete(apiVersion)); // a failed discovery is asked again next time
    }
    const info = (await table).get(kind);
    if (!info)
      throw new DriftRequestError(404, 'discover', `${kind} (${apiVersion})`, undefined, undefined, 'NotFound');
    return info;
  }

  private async discover(apiVersion: string, signal?: AbortSignal): Promise<Map<string, KindInfo>> {
    const a = await this.send('GET', apiPrefix(apiVersion), signal);
    if (a.status !== 200) throw failure(a, 'discover', apiVersion, undefined);
    const table = new Map<string, KindInfo>();
    const resources = (a.body as { resources?: unknown } | undefined)?.resources;
    for (const r of Array.isArray(resources) ? resources : []) {
      const x = r as { name?: unknown; kind?: unknown; namespaced?: unknown };
      if (typeof x.name !== 'string' || typeof x.kind !== 'string' || x.name.includes('/')) continue;
      if (!table.has(x.kind)) table.set(x.kind, { resource: x.name, namespaced: x.namespaced === true });
    }
    return table;
  }

  private async collectionPath(apiVersion: string, kind: string, namespace: string | undefined, signal?: AbortSignal) {
    const info = await this.kind(apiVersion, kind, signal);
    const ns = info.namespaced ? (namespace ?? this.namespace) : undefined;
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
    const resource = group ? `${info.resource}.${group}` : info.resource;
    const path = ns
      ? `${apiPrefix(apiVersion)}/namespaces/${encodeURIComponent(ns)}/${info.resource}`
      : `${apiPrefix(apiVersion)}/${info.resource}`;
    return { path, resource, namespace: ns };
  }

  async get(ref: ObjectRef, signal?: AbortSignal): Promise<LiveObject | undefined> {
    const c = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal);
    const a = await this.send('GET', `${c.path}/${encodeURIComponent(ref.name)}`, signal);
    if (a.status === 404 && !isKindMissing(a.body)) return undefined;
    if (a.status !== 200) throw failure(a, 'get', c.resource, c.namespace);
    return a.body as LiveObject;
  }

  async list(apiVersion: string, kind: string, namespace: string | undefined, signal?: AbortSignal) {
    const c = await this.collectionPath(apiVersion, kind, namespace, signal);
    const a = await this.send('GET', c.path, signal);
    if (a.status !== 200) throw failure(a, 'list', c.resource, c.namespace);
    const items = (a.body as { items?: unknown } | undefined)?.items;
    // Items of a typed list carry no apiVersion and kind on the wire: put them back, as kubectl does.
    return (Array.isArray(items) ? (items as LiveObject[]) : []).map((o) => ({ apiVersion, kind, ...o }));
  }

  async dryRunApply(body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<LiveObject> {
    const meta = (body.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const apiVersion = String(body.apiVersion);
    const kind = String(body.kind);
    const c = await this.collectionPath(
      apiVersion,
      kind,
      typeof meta.namespace === 'string' ? meta.namespace : undefined,
      signal,
    );
    const query = new URLSearchParams({ dryRun: 'All', fieldManager: FIELD_MANAGER, force: 'true' });
    const a = await this.send(
      'PATCH',
      `${c.path}/${encodeURIComponent(String(meta.name))}?${query.toString()}`,
      signal,
      // JSON is YAML: the apply patch is sent as kubectl sends it, the object encoded as JSON.
      JSON.stringify(body),
    );
    if (a.status !== 200 && a.status !== 201) throw failure(a, 'patch', c.resource, c.namespace);
    return a.body as LiveObject;
  }
}

/** A 404 whose Status says the resource type itself is unknown (not the object). */
function isKindMissing(body: unknown): boolean {
  const b = body as { details?: { name?: unknown } } | undefined;
  return !b || typeof b !== 'object' || !b.details || b.details.name === undefined;
}

function failure(a: Answer, verb: DriftRequestError['verb'], resource: string, namespace: string | undefined) {
  const b = a.body as { kind?: unknown; message?: unknown; reason?: unknown } | undefined;
  const isStatus = !!b && typeof b === 'object' && b.kind === 'Status';
  return new DriftRequestError(
    a.status,
    verb,
    resource,
    namespace,
    isStatus && typeof b.message === 'string' ? b.message : undefined,
    isStatus && typeof b.reason === 'string' ? b.reason : undefined,
  );
}

function timeoutError(cause: Error): Error {
  const e = new Error('The request timed out', { cause });
  e.name = 'TimeoutError';
  return e;
}
