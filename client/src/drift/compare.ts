/**
 * Compares the objects of a manifest with the cluster, as the API server would apply them: the live objects are
 * read (one list per kind and namespace when a manifest has many of them, else one get each), then each object that
 * exists is sent as a server-side dry-run apply, so defaults and mutating admission are in the result, and the
 * normalised result is compared with the normalised live object. A dry-run result is cached by the live object's
 * `resourceVersion` and the manifest's text of the object: saving an unchanged file sends no dry run again.
 */
import type { DriftObject } from '../../../server/src/protocol';
import type { ClusterAccess, LiveObject, ObjectRef } from './access';
import { differences, type Difference } from './diff';
import { managerOf, type FieldManager } from './managers';
import { normalise } from './normalise';
import { driftProblem, type DriftProblem } from './problems';

export interface FieldDrift {
  readonly difference: Difference;
  /** Who set the live value, from managedFields. */
  readonly manager?: FieldManager;
}

/** A difference that is not drift: a field someone else is meant to change (replicas under an autoscaler). */
export interface ManagedField {
  readonly difference: Difference;
  /** `HorizontalPodAutoscaler web` */
  readonly by: string;
}

export type DriftState =
  | { readonly kind: 'in-sync' }
  | { readonly kind: 'drift'; readonly fields: readonly FieldDrift[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'error'; readonly problem: DriftProblem };

export interface ObjectDrift {
  readonly object: DriftObject;
  readonly ref: ObjectRef;
  readonly state: DriftState;
  readonly managed: readonly ManagedField[];
  /** Normalised, for "Compare with live". */
  readonly live?: Record<string, unknown>;
  readonly applied?: Record<string, unknown>;
  /** The latest time a manager wrote one of the differing fields (RFC 3339), if the server said. */
  readonly changedAt?: string;
}

export interface CompareOptions {
  readonly signal?: AbortSignal;
  /** From this many objects of one kind in one namespace, they are listed at once instead of read one by one. */
  readonly listThreshold?: number;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  readonly cache?: DryRunCache;
  /** Each object's result as soon as it is known (the editor shows lenses before the whole file is compared). */
  readonly onResult?: (r: ObjectDrift) => void;
}

interface CacheEntry {
  readonly resourceVersion: string;
  readonly body: string;
  readonly applied: LiveObject;
}

/** Dry-run results by object, valid while the live resourceVersion and the manifest's object stay the same. */
export class DryRunCache {
  private readonly entries = new Map<string, CacheEntry>();
  constructor(private readonly max = 5000) {}

  get(key: string, resourceVersion: string | undefined, body: string): LiveObject | undefined {
    const e = this.entries.get(key);
    return e && resourceVersion && e.resourceVersion === resourceVersion && e.body === body ? e.applied : undefined;
  }

  set(key: string, resourceVersion: string | undefined, body: string, applied: LiveObject): void {
    if (!resourceVersion) return;
    this.entries.delete(key);
    this.entries.set(key, { resourceVersion, body, applied });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Kinds whose `spec.replicas` an autoscaler changes through the scale subresource. */
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

function sameItem(a: ObjectRef, o: LiveObject): boolean {
  const m = o.metadata;
  return m?.name === a.name && (a.namespace === undefined || m?.namespace === a.namespace);
}

/** Runs `jobs` with at most `n` at once; stops starting new ones once `signal` aborts. */
async function pool<T>(jobs: ReadonlyArray<() => Promise<T>>, n: number, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      signal?.throwIfAborted();
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
  return out;
}

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return !!signal?.aborted && (e === signal.reason || (e instanceof Error && e.name === 'AbortError'));
}

/** One object's comparison, from its live object (undefined: it does not exist). */
function judge(object: DriftObject, live: LiveObject, applied: LiveObject): Omit<ObjectDrift, 'object' | 'ref'> {
  const nLive = normalise(live);
  const nApplied = normalise(applied);
  const fields: FieldDrift[] = [];
  const managed: ManagedField[] = [];
  let changedAt: string | undefined;
  for (const d of differences(nApplied, nLive, object.body)) {
    const manager = managerOf(live, d.livePath);
    const replicas = d.livePath.length === 2 && d.livePath[0] === 'spec' && d.livePath[1] === 'replicas';
    if (replicas && SCALABLE.has(object.kind) && (object.hpas.length > 0 || manager?.subresource === 'scale')) {
      const by = object.hpas.length
        ? `HorizontalPodAutoscaler ${object.hpas.join(', ')}`
        : `an autoscaler (${manager!.manager} through the scale subresource)`;
      managed.push({ difference: d, by });
      continue;
    }
    if (manager?.time && (!changedAt || manager.time > changedAt)) changedAt = manager.time;
    fields.push(manager ? { difference: d, manager } : { difference: d });
  }
  return {
    state: fields.length ? { kind: 'drift', fields } : { kind: 'in-sync' },
    managed,
    live: nLive,
    applied: nApplied,
    ...(changedAt ? { changedAt } : {}),
  };
}

export async function compareObjects(
  access: ClusterAccess,
  objects: readonly DriftObject[],
  opts: CompareOptions = {},
): Promise<ObjectDrift[]> {
  const { signal } = opts;
  const threshold = opts.listThreshold ?? 5;
  const concurrency = opts.concurrency ?? 8;
  const found = new Map<DriftObject, ObjectDrift>();
  const results = {
    set(o: DriftObject, r: ObjectDrift): void {
      found.set(o, r);
      opts.onResult?.(r);
    },
    get: (o: DriftObject) => found.get(o),
  };
  // A failure that concerns the whole context (credentials, network): the other objects get it without a request.
  let fatal: DriftProblem | undefined;
  const fail = (object: DriftObject, ref: ObjectRef, e: unknown) => {
    if (isAbort(e, signal)) throw e;
    const problem = driftProblem(e, access.server);
    if (problem.fatal) fatal ??= problem;
    results.set(object, { object, ref, state: { kind: 'error', problem }, managed: [] });
  };
  const stopped = (object: DriftObject, ref: ObjectRef): boolean => {
    if (!fatal) return false;
    results.set(object, { object, ref, state: { kind: 'error', problem: fatal }, managed: [] });
    return true;
  };

  // 1. The kind of each object: its resource and scope (one discovery per apiVersion, cached by the access).
  const refs = new Map<DriftObject, ObjectRef>();
  await pool(
    objects.map((o) => async () => {
      const base: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
      if (stopped(o, base)) return;
      try {
        const info = await access.kind(o.apiVersion, o.kind, signal);
        refs.set(o, info.namespaced ? { ...base, namespace: o.namespace ?? access.namespace } : base);
      } catch (e) {
        fail(o, o.namespace ? { ...base, namespace: o.namespace } : base, e);
      }
    }),
    concurrency,
    signal,
  );

  // 2. The live objects: grouped by kind and namespace; a list for a big group, a get each for a small one.
  const groups = new Map<string, DriftObject[]>();
  for (const [o, ref] of refs) {
    const key = `${ref.apiVersion}\n${ref.kind}\n${ref.namespace ?? ''}`;
    const g = groups.get(key);
    if (g) g.push(o);
    else groups.set(key, [o]);
  }
  const live = new Map<DriftObject, LiveObject | undefined>();
  const readOne = async (o: DriftObject) => {
    if (stopped(o, refs.get(o)!)) return;
    try {
      live.set(o, await access.get(refs.get(o)!, signal));
    } catch (e) {
      fail(o, refs.get(o)!, e);
    }
  };
  const jobs: Array<() => Promise<void>> = [];
  for (const group of groups.values()) {
    if (group.length < threshold) {
      for (const o of group) jobs.push(() => readOne(o));
      continue;
    }
    jobs.push(async () => {
      const ref = refs.get(group[0]!)!;
      if (fatal) return void group.forEach((o) => stopped(o, refs.get(o)!));
      try {
        const items = await access.list(ref.apiVersion, ref.kind, ref.namespace, signal);
        for (const o of group)
          live.set(
            o,
            items.find((x) => sameItem(refs.get(o)!, x)),
          );
      } catch (e) {
        if (isAbort(e, signal)) throw e;
        if (driftProblem(e, access.server).fatal) return void group.forEach((o) => fail(o, refs.get(o)!, e));
        // A list may be forbidden where a get is allowed (a Role naming the objects): read them one by one.
        for (const o of group) await readOne(o);
      }
    });
  }
  await pool(jobs, concurrency, signal);

  // 3. A dry-run apply of each object that exists, unless the cache holds the answer for its resourceVersion.
  await pool(
    [...live].map(([o, liveObj]) => async () => {
      const ref = refs.get(o)!;
      if (!liveObj) {
        results.set(o, { object: o, ref, state: { kind: 'missing' }, managed: [] });
        return;
      }
      const body = JSON.stringify(o.body);
      const key = `${access.context}\n${ref.apiVersion}\n${ref.kind}\n${ref.namespace ?? ''}\n${ref.name}`;
      const rv = liveObj.metadata?.resourceVersion;
      let applied = opts.cache?.get(key, rv, body);
      if (!applied) {
        if (stopped(o, ref)) return;
        try {
          const withNs = ref.namespace ? withNamespace(o.body, ref.namespace) : o.body;
          applied = await access.dryRunApply(withNs, signal);
          opts.cache?.set(key, rv, body, applied);
        } catch (e) {
          fail(o, ref, e);
          return;
        }
      }
      results.set(o, { object: o, ref, ...judge(o, liveObj, applied) });
    }),
    concurrency,
    signal,
  );
  return objects.map((o) => results.get(o)).filter((r): r is ObjectDrift => !!r);
}

/** The body with the namespace it lands in, as kubectl fills it in from the context before applying. */
function withNamespace(body: Readonly<Record<string, unknown>>, namespace: string): Record<string, unknown> {
  const meta = (body.metadata && typeof body.metadata === 'object' ? body.metadata : {}) as Record<string, unknown>;
  return meta.namespace === namespace ? { ...body } : { ...body, metadata: { ...meta, namespace } };
}
