/**
 * Which workload runs each pod, through `ownerReferences` as the controllers write them: Pod → ReplicaSet →
 * Deployment, Pod → Job → CronJob, Pod → StatefulSet / DaemonSet / ReplicationController directly; a pod with no
 * controller is a bare Pod, its own workload. ReplicaSets and Jobs are listed only when a pod names one that is not
 * known yet (a rollout, a new Job run), so a steady cluster costs no extra request per refresh. When they cannot be
 * listed (RBAC), the owner is guessed from the names the controllers generate and marked as not resolved, and
 * workload-pods.ts falls back to the label selector for those pods only.
 */
import type { V1ObjectMeta, V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import type { KubeRequest } from './connection';
import { MetricsError } from './problems';

/** A short reason for the log: the connection's own title for the problem (it names no credential). */
const why = (e: unknown): string =>
  e instanceof MetricsError ? e.problem.title : e instanceof Error ? e.name : 'failed';

/** The workload a pod belongs to. */
export interface WorkloadRef {
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `CronJob`, `Job`, `ReplicaSet` …, or `Pod` for a bare pod. */
  readonly kind: string;
  readonly name: string;
  /** False when the chain could not be followed (its ReplicaSet or Job was not readable) and the owner is a guess. */
  readonly resolved: boolean;
}

interface Controlled {
  readonly kind: string;
  readonly name: string;
  readonly owner?: V1OwnerReference;
}

function controllerOf(meta: V1ObjectMeta | undefined): V1OwnerReference | undefined {
  return meta?.ownerReferences?.find((r) => r.controller) ?? undefined;
}

/** The owner from the generated names alone (`web-7d4b9c8f6` with pod-template-hash `7d4b9c8f6` → `web`). */
function guess(pod: V1Pod, ref: V1OwnerReference): WorkloadRef {
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', name: ref.name.slice(0, -hash.length - 1), resolved: false };
  }
  return { kind: ref.kind, name: ref.name, resolved: false };
}

/** Follows one pod's controller chain through what `byUid` knows. */
export function workloadOf(pod: V1Pod, byUid: ReadonlyMap<string, Controlled>): WorkloadRef {
  const ref = controllerOf(pod.metadata);
  if (!ref) return { kind: 'Pod', name: pod.metadata?.name ?? '', resolved: true };
  if (ref.kind !== 'ReplicaSet' && ref.kind !== 'Job') return { kind: ref.kind, name: ref.name, resolved: true };
  const mid = byUid.get(ref.uid);
  if (!mid) return guess(pod, ref);
  // A ReplicaSet of a Deployment (or of another controller, an Argo Rollout …), a Job of a CronJob; or on its own.
  return mid.owner
    ? { kind: mid.owner.kind, name: mid.owner.name, resolved: true }
    : { kind: mid.kind, name: mid.name, resolved: true };
}

/** What owners.ts needs of a ClusterConnection (./connection): its identity and one GET at a time. */
export interface OwnerSource {
  readonly context: string;
  readonly server: string;
  request<T>(req: KubeRequest): Promise<T>;
}

interface ListJson {
  readonly items?: readonly { metadata?: V1ObjectMeta }[];
  readonly metadata?: { readonly continue?: string };
}

/** Items per page, as kubectl's `--chunk-size`. */
const PAGE = 500;

/** Every item of a cluster-wide list, page by page (`limit`/`continue`). */
async function listAll(conn: OwnerSource, path: string, signal?: AbortSignal): Promise<{ metadata?: V1ObjectMeta }[]> {
  const out: { metadata?: V1ObjectMeta }[] = [];
  let token: string | undefined;
  do {
    const page = await conn.request<ListJson>({
      path,
      query: { limit: PAGE, continue: token },
      ...(signal ? { signal } : {}),
    });
    for (const item of page?.items ?? []) out.push(item);
    token = page?.metadata?.continue || undefined;
  } while (token);
  return out;
}

/** The ReplicaSets and Jobs of one cluster, by uid, kept across refreshes. */
export class OwnerIndex {
  private byUid = new Map<string, Controlled>();
  /** Controller uids not found in the last listing (deleted since): they do not trigger another listing. */
  private missing = new Set<string>();
  private source = '';
  /** Why the last listing failed, for the log; undefined when it worked. */
  lastError: string | undefined;
  /** How many times ReplicaSets and Jobs were listed (tests and the bench read it). */
  listings = 0;
  /** Changes whenever `workloadOf` may answer differently (aggregate.ts keeps each pod's answer until then). */
  version = 0;

  get size(): number {
    return this.byUid.size;
  }

  /** Lists ReplicaSets and Jobs when a pod names one not seen before; a failure leaves the guesses in place. */
  async update(conn: OwnerSource, pods: readonly V1Pod[], signal?: AbortSignal): Promise<void> {
    const source = `${conn.context}\n${conn.server}`;
    if (source !== this.source) {
      this.source = source;
      this.byUid = new Map();
      this.missing = new Set();
      this.version++;
    }
    const unknown: string[] = [];
    for (const p of pods) {
      const ref = controllerOf(p.metadata);
      if (ref && (ref.kind === 'ReplicaSet' || ref.kind === 'Job') && !this.byUid.has(ref.uid)) {
        if (!this.missing.has(ref.uid)) unknown.push(ref.uid);
      }
    }
    if (unknown.length === 0) return;
    this.listings++;
    const [rs, jobs] = await Promise.allSettled([
      listAll(conn, '/apis/apps/v1/replicasets', signal),
      listAll(conn, '/apis/batch/v1/jobs', signal),
    ]);
    if (signal?.aborted) return;
    const next = new Map<string, Controlled>();
    const add = (kind: string, items: readonly { metadata?: V1ObjectMeta }[]) => {
      for (const item of items) {
        const uid = item.metadata?.uid;
        if (!uid) continue;
        const owner = controllerOf(item.metadata);
        next.set(uid, { kind, name: item.metadata?.name ?? '', ...(owner ? { owner } : {}) });
      }
    };
    const errors: string[] = [];
    if (rs.status === 'fulfilled') add('ReplicaSet', rs.value);
    else errors.push(`replicasets: ${why(rs.reason)}`);
    if (jobs.status === 'fulfilled') add('Job', jobs.value);
    else errors.push(`jobs: ${why(jobs.reason)}`);
    // Keep what a failed half knew before.
    if (rs.status === 'rejected' || jobs.status === 'rejected') {
      for (const [uid, c] of this.byUid) if (!next.has(uid)) next.set(uid, c);
    }
    this.byUid = next;
    this.version++;
    this.lastError = errors.length ? errors.join('; ') : undefined;
    // Not listed again for the same pods: a deleted owner, or listing forbidden (then the guesses stand).
    for (const uid of unknown) if (!next.has(uid)) this.missing.add(uid);
  }

  workloadOf(pod: V1Pod): WorkloadRef {
    return workloadOf(pod, this.byUid);
  }
}
