/**
 * Workloads and their pods over the index, as plain data: which objects run pods, which a selector picks, their
 * containers and requests, and the labels that identify their pods.
 */
import { isHelmHookEntry } from '../helm-hooks';
import { WORKLOADS } from '../kinds';
import type { LabelSelector } from '../selector';
import { matchesMapSelector, matchesSelector, toLabelMap } from '../selector';
import type { IndexedObject, WorkspaceIndexView } from '../workspace';
import { valueAt } from '../workspace';
import { asArray, asInt, asRecord, asText, dig } from './plain';

/** Kinds whose pod templates become running pods (a PodTemplate is only a template). */
export const POD_OWNER_KINDS: readonly string[] = Object.keys(WORKLOADS).filter((k) => k !== 'PodTemplate');

/** Kinds with a `/scale` subresource that an HPA or a VPA can target. */
export const SCALABLE_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
];

/** Kinds a VPA can target (anything with pods; DaemonSets, Jobs and CronJobs included). */
export const VPA_TARGET_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'DeploymentConfig',
  'Pod',
];

/** The labels of the pods an object runs: a Pod's own labels, a controller's pod template labels. */
export function podLabelsOf(o: IndexedObject): ReadonlyMap<string, string> | undefined {
  return o.kind === 'Pod' ? o.labels : o.templateLabels;
}

/** Every object of a namespace that runs pods (all namespaces when `namespace` is undefined). */
export function podOwnersIn(index: WorkspaceIndexView, namespace: string | undefined): IndexedObject[] {
  const out: IndexedObject[] = [];
  for (const kind of POD_OWNER_KINDS) {
    // by namespace through the index: a rule's cached result then depends on that namespace's objects only
    for (const o of withoutHooks(index.objects(kind, namespace))) out.push(o);
  }
  return out;
}

/**
 * Whether some pod owner of the namespace has pod labels that `matches` (the answer of `podOwnersIn(…).some(…)`),
 * reading the index one kind at a time and stopping at the first: most Services select something, and a rule that
 * only asks "does anything match" need not list every workload of the namespace.
 */
export function somePodOwner(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  matches: (labels: ReadonlyMap<string, string>) => boolean,
): boolean {
  for (const kind of POD_OWNER_KINDS) {
    for (const o of withoutHooks(index.objects(kind, namespace))) {
      const labels = podLabelsOf(o);
      if (labels && matches(labels)) return true;
    }
  }
  return false;
}

/**
 * A list of the index without its Helm hook objects, which are never matched: they are not part of the running
 * application (helm-hooks.ts). Kept per list: the index hands out the same list until its objects change (and an
 * entry is remade when its object does), and every cross-resource rule of every object asks again.
 */
const nonHooks = new WeakMap<readonly IndexedObject[], readonly IndexedObject[]>();

function withoutHooks(list: readonly IndexedObject[]): readonly IndexedObject[] {
  let out = nonHooks.get(list);
  if (!out) nonHooks.set(list, (out = list.some(isHelmHookEntry) ? list.filter((o) => !isHelmHookEntry(o)) : list));
  return out;
}

/**
 * A Service's `spec.selector` as a label map (empty when it has none), kept per index entry: the rules of every pod
 * owner of a namespace ask for the selectors of all its Services.
 */
const serviceSelectors = new WeakMap<IndexedObject, ReadonlyMap<string, string>>();

export function serviceSelectorOf(service: IndexedObject): ReadonlyMap<string, string> {
  let selector = serviceSelectors.get(service);
  if (!selector) {
    serviceSelectors.set(service, (selector = toLabelMap(valueAt(service, ['spec', 'selector']))));
  }
  return selector;
}

/**
 * Pod owners of the namespace whose pods a set-based selector picks. Bare Pods that a controller of the
 * workspace owns are not told apart (the index holds manifests, not live pods).
 */
export function workloadsSelectedBy(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  selector: LabelSelector | undefined,
): IndexedObject[] {
  if (!selector) return [];
  // matchLabels narrow the owners to those carrying every pair (a bucket each); the expressions are checked after
  if (selector.matchLabels.size > 0) {
    return podOwnersWithLabels(index, namespace, selector.matchLabels, false).filter((o) =>
      matchesSelector(selector, podLabelsOf(o)!),
    );
  }
  return podOwnersIn(index, namespace).filter((o) => {
    const labels = podLabelsOf(o);
    return !!labels && matchesSelector(selector, labels);
  });
}

/**
 * The objects of one list of the index by label, `key` NUL `value` → the objects that carry that label, in list
 * order: `labelsOf` reads an object's labels (pod template labels, or a Service's selector). Kept per list, as
 * `withoutHooks` is (the index hands out the same list until its objects change). With it a selector lookup reads
 * one bucket instead of matching every object of the namespace: matching a namespace's Services against its
 * workloads was quadratic in its size (148 of each in the 10,000-line manifest: 22,000 matches per rule).
 */
const labelBuckets = new WeakMap<readonly IndexedObject[], Map<string, IndexedObject[]>>();

function bucketsOf(list: readonly IndexedObject[]): Map<string, IndexedObject[]> {
  let buckets = labelBuckets.get(list);
  if (!buckets) {
    buckets = new Map();
    for (const o of list) {
      const labels = podLabelsOf(o);
      if (!labels) continue;
      for (const [k, v] of labels) {
        const key = `${k}\0${v}`;
        const bucket = buckets.get(key);
        if (bucket) bucket.push(o);
        else buckets.set(key, [o]);
      }
    }
    labelBuckets.set(list, buckets);
  }
  return buckets;
}

/**
 * Pod owners of the namespace whose pod labels hold every pair of `pairs` (none when `pairs` is empty), in
 * `podOwnersIn`'s order: `podOwnersIn(…).filter(o => matchesMapSelector(pairs, podLabelsOf(o)))`, read from the
 * label buckets. With `firstOnly`, at most the first.
 */
export function podOwnersWithLabels(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  pairs: ReadonlyMap<string, string>,
  firstOnly: boolean,
): IndexedObject[] {
  const out: IndexedObject[] = [];
  if (pairs.size === 0) return out;
  for (const kind of POD_OWNER_KINDS) {
    const list = withoutHooks(index.objects(kind, namespace));
    if (list.length === 0) continue;
    const buckets = bucketsOf(list);
    // the smallest bucket of the pairs: an owner must be in all of them
    let smallest: IndexedObject[] | undefined;
    for (const [k, v] of pairs) {
      const bucket = buckets.get(`${k}\0${v}`);
      if (!bucket) {
        smallest = undefined;
        break;
      }
      if (!smallest || bucket.length < smallest.length) smallest = bucket;
    }
    for (const o of smallest ?? []) {
      if (!matchesMapSelector(pairs, podLabelsOf(o)!)) continue;
      out.push(o);
      if (firstOnly) return out;
    }
  }
  return out;
}

/**
 * The Services of one list (a namespace's) by their selector: the first pair of each Service's selector → the
 * Services whose selector starts with it, in list order (a Service selects pods only when they carry that pair).
 */
const selectorBuckets = new WeakMap<
  readonly IndexedObject[],
  Map<string, Array<{ at: number; service: IndexedObject }>>
>();

/**
 * The Services of `services` (a list of the index) whose selector picks pods with these labels, in list order:
 * `services.filter(s => matchesMapSelector(serviceSelectorOf(s), labels))`, read from the selector buckets.
 */
export function servicesSelecting(
  services: readonly IndexedObject[],
  labels: ReadonlyMap<string, string>,
): IndexedObject[] {
  let buckets = selectorBuckets.get(services);
  if (!buckets) {
    buckets = new Map();
    services.forEach((service, at) => {
      const first = serviceSelectorOf(service).entries().next();
      if (first.done) return; // an empty selector picks no pods
      const key = `${first.value[0]}\0${first.value[1]}`;
      const bucket = buckets!.get(key);
      if (bucket) bucket.push({ at, service });
      else buckets!.set(key, [{ at, service }]);
    });
    selectorBuckets.set(services, buckets);
  }
  const found: Array<{ at: number; service: IndexedObject }> = [];
  for (const [k, v] of labels) {
    for (const c of buckets.get(`${k}\0${v}`) ?? []) {
      if (matchesMapSelector(serviceSelectorOf(c.service), labels)) found.push(c);
    }
  }
  // each Service sits in one bucket only: found once; back into list order
  return found.sort((a, b) => a.at - b.at).map((c) => c.service);
}

/** `spec.replicas` as written (undefined when absent or not a whole number). */
export function specReplicas(o: IndexedObject): number | undefined {
  return asInt(valueAt(o, ['spec', 'replicas']));
}

/** A workload's identity for lookups: kind, name, namespace. */
export interface WorkloadKey {
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Containers of an indexed workload.

/** The pod spec of an indexed workload, as plain data. */
export function podSpecData(o: IndexedObject): Record<string, unknown> | undefined {
  const shape = WORKLOADS[o.kind];
  if (!shape) return undefined;
  return asRecord(valueAt(o, shape.podSpecPath));
}

export interface ContainerData {
  readonly name: string | undefined;
  readonly index: number;
  readonly requests: Record<string, unknown>;
  readonly limits: Record<string, unknown>;
  readonly ports: Array<{ name?: string; containerPort: number; protocol?: string }>;
}

/** The regular containers of a workload (the ones an HPA's utilization is computed over). */
export function containersData(o: IndexedObject): ContainerData[] {
  return asArray(podSpecData(o)?.containers).map((raw, index) => {
    const c = asRecord(raw) ?? {};
    const ports: ContainerData['ports'] = [];
    for (const p of asArray(c.ports)) {
      const port = asRecord(p);
      const n = asInt(port?.containerPort);
      if (port && n !== undefined)
        ports.push({ name: asText(port.name), containerPort: n, protocol: asText(port.protocol) });
    }
    return {
      name: asText(c.name),
      index,
      requests: asRecord(dig(c, 'resources', 'requests')) ?? {},
      limits: asRecord(dig(c, 'resources', 'limits')) ?? {},
      ports,
    };
  });
}

/**
 * Whether the container ends up with a request for the resource: written, or defaulted by Kubernetes from a
 * written limit.
 */
export function hasEffectiveRequest(c: ContainerData, resource: string): boolean {
  return present(c.requests[resource]) || present(c.limits[resource]);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

// ---------------------------------------------------------------------------------------------------------------
// Labels written on a workload's behalf.

/** Labels as a plain object (for rendering selectors). */
export function labelsObject(labels: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of labels) out[k] = v;
  return out;
}

/**
 * The labels that identify a workload's pods, for selectors written on its behalf (a PDB, a headless Service): its
 * `spec.selector.matchLabels` when every pair is on the template (stable identity labels, no `version`), else all
 * pod labels.
 */
export function identityLabels(o: IndexedObject): Map<string, string> {
  const labels = podLabelsOf(o) ?? new Map<string, string>();
  const ml = toLabelMap(valueAt(o, ['spec', 'selector', 'matchLabels']));
  if (ml.size > 0 && [...ml].every(([k, v]) => labels.get(k) === v)) return ml;
  return new Map(labels);
}
