/**
 * Lists through a ClusterConnection (./connection) as kubectl lists: page by page (`limit`/`continue`, kubectl's
 * `--chunk-size` of 500), and, for a user whose Roles are namespaced, namespace by namespace when the cluster-wide
 * list is forbidden (403). Used for the objects the panel reads beside pods: ReplicaSets and Jobs (owners.ts) and
 * HorizontalPodAutoscalers (cluster-hpas.ts).
 */
import type { KubeRequest } from './connection';
import { httpStatus, MetricsError } from './problems';

/** What a list needs of a ClusterConnection: its identity and one GET at a time. */
export interface ListSource {
  readonly context: string;
  readonly server: string;
  request<T>(req: KubeRequest): Promise<T>;
}

interface ListJson<T> {
  readonly items?: readonly T[];
  readonly metadata?: { readonly continue?: string };
}

/** Items per page, as kubectl's `--chunk-size`. */
const PAGE = 500;

/** At most this many namespaces are read one by one when a cluster-wide list is forbidden (one request each). */
export const MAX_FALLBACK_NAMESPACES = 20;

/** Every item of a list at `path`, page by page (`limit`/`continue`). */
export async function listAll<T>(conn: ListSource, path: string, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await conn.request<ListJson<T>>({
      path,
      query: { limit: PAGE, continue: token },
      ...(signal ? { signal } : {}),
    });
    for (const item of page?.items ?? []) out.push(item);
    token = page?.metadata?.continue || undefined;
  } while (token);
  return out;
}

/** A 403: the API server answered that this user may not list it (as the connection reports it). */
export function isForbidden(e: unknown): boolean {
  return (e instanceof MetricsError ? e.answer?.status : httpStatus(e)) === 403;
}

/** What a list gave: its items, and, when it was forbidden cluster-wide, what the namespaces gave. */
export interface ListEverywhere<T> {
  readonly items: T[];
  /** Set when the cluster-wide list was forbidden and namespaces were read one by one. */
  readonly byNamespace?: {
    readonly read: string[];
    readonly forbidden: string[];
    /** Past MAX_FALLBACK_NAMESPACES: not tried. */
    readonly skipped: string[];
  };
}

/**
 * `resource` of `groupVersion` in all namespaces; when that is forbidden, in each of `namespaces` in order (up to
 * MAX_FALLBACK_NAMESPACES, in parallel). Rejects on any failure but a 403.
 */
export async function listEverywhere<T>(
  conn: ListSource,
  groupVersion: string,
  resource: string,
  namespaces: readonly string[],
  signal?: AbortSignal,
): Promise<ListEverywhere<T>> {
  try {
    return { items: await listAll<T>(conn, `/apis/${groupVersion}/${resource}`, signal) };
  } catch (e) {
    if (!isForbidden(e)) throw e;
  }
  const tried = namespaces.slice(0, MAX_FALLBACK_NAMESPACES);
  const read: string[] = [];
  const forbidden: string[] = [];
  const items: T[] = [];
  await Promise.all(
    tried.map(async (ns) => {
      try {
        const got = await listAll<T>(
          conn,
          `/apis/${groupVersion}/namespaces/${encodeURIComponent(ns)}/${resource}`,
          signal,
        );
        for (const item of got) items.push(item);
        read.push(ns);
      } catch (e) {
        if (!isForbidden(e)) throw e;
        forbidden.push(ns);
      }
    }),
  );
  return {
    items,
    byNamespace: { read: read.sort(), forbidden: forbidden.sort(), skipped: namespaces.slice(tried.length) },
  };
}
