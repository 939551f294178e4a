/**
 * The narrow view of the cluster that drift needs: read one object, list a kind in a namespace, and a server-side
 * dry-run apply. Everything drift does to a cluster goes through this interface, so that its implementation is the
 * one place that talks HTTP, and so that the read-only guarantee is kept in one place (see connection-access.ts).
 */

/** What names one object in the cluster. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined for cluster-scoped kinds. */
  readonly namespace?: string;
}

/** A Kubernetes object as the API server sends it (plain JSON). */
export type LiveObject = Record<string, unknown> & {
  readonly metadata?: Record<string, unknown> & { readonly resourceVersion?: string; readonly name?: string };
};

/** What the API server said about a kind: its resource name and whether it lives in namespaces. */
export interface KindInfo {
  readonly resource: string;
  readonly namespaced: boolean;
}

export interface ClusterAccess {
  /** The context's name: shown next to every drift finding so that staging and prod are never confused. */
  readonly context: string;
  /** The API server's URL (for messages; never with user info). */
  readonly server: string;
  /** The context's namespace (`default` when it names none): where a manifest without a namespace lands. */
  readonly namespace: string;
  /** The kind's resource name and scope; throws a `DriftRequestError` (404) when the cluster does not serve it. */
  kind(apiVersion: string, kind: string, signal?: AbortSignal): Promise<KindInfo>;
  /** The live object, or undefined when it does not exist. */
  get(ref: ObjectRef, signal?: AbortSignal): Promise<LiveObject | undefined>;
  /** Every object of a kind in a namespace (or cluster-wide for cluster-scoped kinds). */
  list(apiVersion: string, kind: string, namespace: string | undefined, signal?: AbortSignal): Promise<LiveObject[]>;
  /**
   * What the API server would make of applying `body` (server-side apply, field manager `kubewise`), defaults and
   * mutating admission included, without persisting anything (`dryRun=All`).
   */
  dryRunApply(body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<LiveObject>;
}

/** A request that got an HTTP answer other than success: the status and the `Status` body's message and reason. */
export class DriftRequestError extends Error {
  constructor(
    readonly code: number,
    readonly verb: 'get' | 'list' | 'patch' | 'discover',
    readonly resource: string,
    readonly namespace: string | undefined,
    readonly statusMessage: string | undefined,
    readonly reason: string | undefined,
  ) {
    super(statusMessage ?? `HTTP ${code}`);
  }
}
