/**
 * Which workload runs each pod, through `ownerReferences` as the controllers write them: Pod → ReplicaSet →
 * Deployment, Pod → Job → CronJob, Pod → StatefulSet / DaemonSet / ReplicationController directly; a pod with no
 * controller is a bare Pod, its own workload. ReplicaSets and Jobs are listed only when a pod names one that is not
 * known yet (a rollout, a new Job run), so a steady cluster costs no extra request per refresh. A list forbidden
 * cluster-wide (a 403: the user has a namespaced Role) is read namespace by namespace instead, in the namespaces of
 * the pods that need it (the manifests' and the context's first). Where they still cannot be listed, the owner is
 * guessed from the names the controllers generate and marked as not resolved, workload-pods.ts falls back to the
 * label selector for those pods only, and `problems` says so in the panel.
 */
import type { V1ObjectMeta, V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import { listEverywhere, type ListEverywhere, type ListSource } from './list-pages';
import { MetricsError, problem, type MetricsProblem } from './problems';

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

/** A listed ReplicaSet or Job: only its metadata is read. */
type Listed = { metadata?: V1ObjectMeta };

/** An owner list read namespace by namespace: where it was read, and where not (forbidden, or past the cap). */
interface Unread {
  readonly resource: string;
  readonly read: readonly string[];
  readonly notRead: readonly string[];
}

/** The ReplicaSets and Jobs of one cluster, by uid, kept across refreshes. */
export class OwnerIndex {
  private byUid = new Map<string, Controlled>();
  /** Controller uids not found in the last listing (deleted since): they do not trigger another listing. */
  private missing = new Set<string>();
  private source = '';
  /** Why the last listing failed, for the log; undefined when it worked. */
  lastError: string | undefined;
  /** The lists read namespace by namespace at the last listing, and the namespaces they could not be read in. */
  private unread: Unread[] | undefined;
  /** How many times ReplicaSets and Jobs were listed (tests and the bench read it). */
  listings = 0;
  /** Changes whenever `workloadOf` may answer differently (aggregate.ts keeps each pod's answer until then). */
  version = 0;

  get size(): number {
    return this.byUid.size;
  }

  /**
   * Lists ReplicaSets and Jobs when a pod names one not seen before; a failure leaves the guesses in place.
   * `preferred`: namespaces to read first when the cluster-wide lists are forbidden (the manifests' and the
   * context's), before the other namespaces of the pods.
   */
  async update(
    conn: ListSource,
    pods: readonly V1Pod[],
    signal?: AbortSignal,
    preferred: readonly string[] = [],
  ): Promise<void> {
    const source = `${conn.context}\n${conn.server}`;
    if (source !== this.source) {
      this.source = source;
      this.byUid = new Map();
      this.missing = new Set();
      this.unread = undefined;
      this.version++;
    }
    const unknown: string[] = [];
    const unknownNs = new Set<string>();
    for (const p of pods) {
      const ref = controllerOf(p.metadata);
      if (ref && (ref.kind === 'ReplicaSet' || ref.kind === 'Job') && !this.byUid.has(ref.uid)) {
        if (!this.missing.has(ref.uid)) {
          unknown.push(ref.uid);
          unknownNs.add(p.metadata?.namespace ?? '');
        }
      }
    }
    if (unknown.length === 0) {
      this.notePods(pods);
      return;
    }
    this.listings++;
    const first = preferred.filter((n) => unknownNs.has(n));
    const namespaces = [...new Set([...first, ...[...unknownNs].sort()])].filter((n) => n);
    const [rs, jobs] = await Promise.allSettled([
      listEverywhere<Listed>(conn, 'apps/v1', 'replicasets', namespaces, signal),
      listEverywhere<Listed>(conn, 'batch/v1', 'jobs', namespaces, signal),
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
    const unread: Unread[] = [];
    const note = (resource: string, r: PromiseSettledResult<ListEverywhere<Listed>>) => {
      if (r.status === 'rejected') {
        errors.push(`${resource}: ${why(r.reason)}`);
        return;
      }
      add(resource === 'replicasets.apps' ? 'ReplicaSet' : 'Job', r.value.items);
      const b = r.value.byNamespace;
      if (!b) return;
      const notRead = [...b.forbidden, ...b.skipped];
      if (notRead.length) errors.push(`${resource}: forbidden cluster-wide and in ${notRead.join(', ')}`);
      unread.push({ resource, read: b.read, notRead });
    };
    note('replicasets.apps', rs);
    note('jobs.batch', jobs);
    // Keep what a failed half knew before.
    if (rs.status === 'rejected' || jobs.status === 'rejected') {
      for (const [uid, c] of this.byUid) if (!next.has(uid)) next.set(uid, c);
    }
    this.byUid = next;
    this.version++;
    this.lastError = errors.length ? errors.join('; ') : undefined;
    // Not listed again for the same pods: a deleted owner, or listing forbidden (then the guesses stand).
    for (const uid of unknown) if (!next.has(uid)) this.missing.add(uid);
    this.unread = unread.length ? unread : undefined;
    this.notePods(pods);
  }

  /**
   * What the panel says while a cluster-wide owner list is forbidden: which lists were read namespace by
   * namespace, where they could not be read, and that the pods there are matched by labels. Empty when every
   * owner was followed or nothing was forbidden.
   */
  problems: readonly MetricsProblem[] = [];

  /** Recomputes `problems` for the pods of this refresh: only pods whose owner is still unknown count. */
  private notePods(pods: readonly V1Pod[]): void {
    const unread = this.unread;
    if (!unread) {
      this.problems = [];
      return;
    }
    const guessed = new Set<string>();
    for (const p of pods) {
      const ref = controllerOf(p.metadata);
      if (ref && (ref.kind === 'ReplicaSet' || ref.kind === 'Job') && !this.byUid.has(ref.uid)) {
        guessed.add(p.metadata?.namespace ?? '');
      }
    }
    const lists = unread.map((u) => u.resource).join(' and ');
    const read = [...new Set(unread.flatMap((u) => u.read))].sort();
    const notRead = [...new Set(unread.flatMap((u) => u.notRead))].filter((n) => guessed.has(n)).sort();
    this.problems =
      notRead.length === 0
        ? []
        : [
            problem(
              'partial',
              `Partial answer: the owners of pods in ${notRead.join(', ')} could not be read`,
              `Listing ${lists} in all namespaces is forbidden, so Kubewise read them namespace by namespace` +
                (read.length ? ` (${read.join(', ')})` : '') +
                `; in ${notRead.join(', ')} they could not be read either. There a pod's workload is guessed from its generated name, and a manifest's pods are matched by its label selector, which may count pods of another workload that carry the same labels.`,
              `Ask for "list" on ${lists} in ${notRead.join(', ')} (or cluster-wide) so that pods are matched through their ownerReferences.`,
              'warning',
            ),
          ];
  }

  workloadOf(pod: V1Pod): WorkloadRef {
    return workloadOf(pod, this.byUid);
  }
}
