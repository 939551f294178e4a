/**
 * The workspace index as rules see it: every Kubernetes object of the workspace (or, for a single text, of that
 * text), by kind, namespace and name, with labels and pod template labels. Rules that read it declare
 * `meta.usesIndex: true`, so the runner re-checks them when any other object changes.
 */
import { dig } from './relations/plain';

export interface IndexedObject {
  /** The file (URI or path) that defines the object. */
  readonly uri: string;
  /** Zero-based line of the object's first key in that file. */
  readonly line: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** The namespace written on the object, or the default namespace for namespaced kinds. */
  readonly namespace: string | undefined;
  readonly labels: ReadonlyMap<string, string>;
  /** Pod template labels of a workload. */
  readonly templateLabels: ReadonlyMap<string, string> | undefined;
  /** The object as plain data (aliases and merge keys resolved), for cross-resource facts. */
  readonly value: Readonly<Record<string, unknown>>;
  /**
   * The plain value at a key path (`['spec', 'selector']`), as `value` holds it, without converting the whole object
   * when that has not happened yet: lookups that read one field of every object of a namespace (a Service's
   * selector, a Helm hook annotation) otherwise converted every object whole, a tenth of a big file's lint. Optional:
   * `valueAt` below reads `value` for objects without it.
   */
  valueAt?(path: readonly string[]): unknown;
}

/** The plain value at `path` of an indexed object (see `IndexedObject.valueAt`). */
export function valueAt(o: IndexedObject, path: readonly string[]): unknown {
  return o.valueAt ? o.valueAt(path) : dig(o.value, ...path);
}

export interface WorkspaceIndexView {
  /** All objects, or those of one kind, optionally only in one namespace (cheap: both are indexed). */
  objects(kind?: string, namespace?: string): readonly IndexedObject[];
  /** The object of that kind and name (namespace undefined for cluster-scoped kinds or "any namespace"). */
  get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined;
  /** The files the index was built from (for "searched N files" messages). */
  files(): readonly string[];
  /** The namespace an object without one lands in (settings, else `default`). */
  readonly defaultNamespace: string;
}

/** Kinds that are not namespaced. */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'VolumeAttachment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'PodSecurityPolicy',
]);

export class SimpleIndex implements WorkspaceIndexView {
  private readonly byKind = new Map<string, IndexedObject[]>();
  private readonly byKindNamespace = new Map<string, IndexedObject[]>();
  private readonly byKindName = new Map<string, IndexedObject[]>();

  private fileCache: readonly string[] | undefined;

  /**
   * `previous`: the index this one replaces. Lists whose contents did not change are taken over from it as the same
   * arrays, so that a cached rule result that read them is validated by one identity check.
   */
  constructor(
    private all: readonly IndexedObject[],
    readonly defaultNamespace = 'default',
    private readonly fileList?: readonly string[],
    previous?: SimpleIndex,
  ) {
    for (const o of all) {
      push(this.byKind, o.kind, o);
      push(this.byKindNamespace, `${o.kind}\0${o.namespace ?? ''}`, o);
      if (o.name !== undefined) push(this.byKindName, `${o.kind}\0${o.name}`, o);
    }
    if (previous) {
      share(this.byKind, previous.byKind);
      share(this.byKindNamespace, previous.byKindNamespace);
      share(this.byKindName, previous.byKindName);
      if (previous.all.length === all.length && all.every((o, i) => o === previous.all[i])) this.all = previous.all;
      const files = this.files();
      const before = previous.files();
      if (files.length === before.length && files.every((f, i) => f === before[i])) this.fileCache = before;
    }
  }

  objects(kind?: string, namespace?: string): readonly IndexedObject[] {
    if (kind === undefined)
      return namespace === undefined ? this.all : this.all.filter((o) => o.namespace === namespace);
    if (namespace === undefined) return this.byKind.get(kind) ?? NONE;
    return this.byKindNamespace.get(`${kind}\0${namespace}`) ?? NONE;
  }

  get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    const candidates = this.byKindName.get(`${kind}\0${name}`);
    if (!candidates) return undefined;
    return candidates.find((o) => namespace === undefined || o.namespace === undefined || o.namespace === namespace);
  }

  files(): readonly string[] {
    return (this.fileCache ??= this.fileList ?? [...new Set(this.all.map((o) => o.uri))]);
  }
}

/** Replaces each list of `next` by the equal list of `previous`, when there is one. */
function share<K, V>(next: Map<K, V[]>, previous: Map<K, V[]>): void {
  for (const [key, list] of next) {
    const old = previous.get(key);
    if (old && old.length === list.length && list.every((v, i) => v === old[i])) next.set(key, old);
  }
}

const NONE: readonly IndexedObject[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
