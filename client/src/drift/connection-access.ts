/**
 * `ClusterAccess` over the connection every cluster feature shares (client/src/metrics/connection.ts): the same
 * context, credential commands with their time limit and token cache, TLS verification, per-request time limit and
 * messages as the Cluster Metrics panel. The requests are those of `kubectl diff --server-side`: discovery, GET of
 * an object or a list, and `PATCH <object>?dryRun=All&fieldManager=kubewise&force=true` with
 * `Content-Type: application/apply-patch+yaml`.
 *
 * Read-only by construction, twice: every request passes `assertReadOnly` here (GET, or a PATCH carrying
 * `dryRun=All`; anything else throws before the connection is asked), and the connection itself sends any other
 * verb only as a dry run.
 */
import type { ClusterConnection, KubeRequest } from '../metrics/connection';
import { MetricsError, statusMessage } from '../metrics/problems';
import type { ClusterAccess, KindInfo, LiveObject, ObjectRef } from './access';
import { DriftRequestError } from './access';

export const FIELD_MANAGER = 'kubewise';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** Thrown (never sent) when code would write to the cluster. */
export class WriteRefused extends Error {}

/** The gate to the network: GET, or a PATCH that is a dry run. Anything else never leaves the process. */
export function assertReadOnly(method: string, url: URL): void {
  if (method === 'GET') return;
  if (method === 'PATCH' && url.searchParams.getAll('dryRun').join() === 'All') return;
  throw new WriteRefused(`Kubewise never writes to a cluster: refused ${method} ${url.pathname}`);
}

/** `apps/v1` → `/apis/apps/v1`; `v1` → `/api/v1`. */
export function apiPrefix(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export interface AccessOptions {
  /** Counts every request sent (the bench and the extension's tests read it). */
  readonly onRequest?: (method: string, path: string) => void;
}

type Verb = DriftRequestError['verb'];

export class ConnectionClusterAccess implements ClusterAccess {
  readonly context: string;
  readonly server: string;
  readonly namespace: string;
  private readonly kinds = new Map<string, Promise<Map<string, KindInfo>>>();

  constructor(
    private readonly connection: ClusterConnection,
    private readonly opts: AccessOptions = {},
  ) {
    this.context = connection.context;
    this.server = connection.server.replace(/\/\/[^/@]*@/, '//');
    this.namespace = connection.namespace;
  }

  /**
   * One request through the connection. An HTTP failure becomes a DriftRequestError (status, verb, resource and the
   * `Status` message); a failure without an answer (network, credential command) stays the connection's MetricsError.
   */
  private async send<T>(
    req: KubeRequest & { method: 'GET' | 'PATCH' },
    verb: Verb,
    resource: string,
    namespace: string | undefined,
  ): Promise<T> {
    const url = new URL(`https://check${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    assertReadOnly(req.method, url);
    this.opts.onRequest?.(req.method, url.pathname + url.search);
    try {
      return await this.connection.request<T>({
        ...req,
        describe: { verb: verb === 'discover' ? 'get' : verb, resource, ...(namespace ? { namespace } : {}) },
      });
    } catch (e) {
      if (e instanceof MetricsError && e.answer) {
        const body = { body: e.answer.body };
        throw new DriftRequestError(e.answer.status, verb, resource, namespace, statusMessage(body), e.answer.reason);
      }
      throw e;
    }
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
    const body = await this.send<unknown>(
      { method: 'GET', path: apiPrefix(apiVersion), ...(signal ? { signal } : {}) },
      'discover',
      apiVersion,
      undefined,
    );
    const table = new Map<string, KindInfo>();
    const resources = (body as { resources?: unknown } | undefined)?.resources;
    for (const r of Array.isArray(resources) ? resources : []) {
      const x = r as { name?: unknown; kind?: unknown; namespaced?: unknown };
      if (typeof x.name !== 'string' || typeof x.kind !== 'string' || x.name.includes('/')) continue;
      if (!table.has(x.kind)) table.set(x.kind, { resource: x.name, namespaced: x.namespaced === true });
    }
    return table;
  }

  private async collection(apiVersion: string, kind: string, namespace: string | undefined, signal?: AbortSignal) {
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
    const c = await this.collection(ref.apiVersion, ref.kind, ref.namespace, signal);
    try {
      return await this.send<LiveObject>(
        { method: 'GET', path: `${c.path}/${encodeURIComponent(ref.name)}`, ...(signal ? { signal } : {}) },
        'get',
        c.resource,
        c.namespace,
      );
    } catch (e) {
      if (e instanceof DriftRequestError && e.code === 404) return undefined;
      throw e;
    }
  }

  async list(apiVersion: string, kind: string, namespace: string | undefined, signal?: AbortSignal) {
    const c = await this.collection(apiVersion, kind, namespace, signal);
    const body = await this.send<{ items?: unknown }>(
      { method: 'GET', path: c.path, ...(signal ? { signal } : {}) },
      'list',
      c.resource,
      c.namespace,
    );
    const items = body?.items;
    // Items of a typed list carry no apiVersion and kind on the wire: put them back, as kubectl does.
    return (Array.isArray(items) ? (items as LiveObject[]) : []).map((o) => ({ apiVersion, kind, ...o }));
  }

  async dryRunApply(body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<LiveObject> {
    const meta = (body.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const ns = typeof meta.namespace === 'string' ? meta.namespace : undefined;
    const c = await this.collection(String(body.apiVersion), String(body.kind), ns, signal);
    return this.send<LiveObject>(
      {
        method: 'PATCH',
        path: `${c.path}/${encodeURIComponent(String(meta.name))}`,
        query: { dryRun: 'All', fieldManager: FIELD_MANAGER, force: 'true' },
        // JSON is YAML: the apply patch is the object encoded as JSON, as kubectl sends it.
        body: JSON.stringify(body),
        contentType: APPLY_PATCH,
        ...(signal ? { signal } : {}),
      },
      'patch',
      c.resource,
      c.namespace,
    );
  }
}
