/**
 * The workspace index as rules see it: every Kubernetes object of the workspace (or, for a single text, of that
 * text), by kind, namespace and name, with labels and pod template labels. Rules that read it declare
 * `meta.usesIndex: true`, so the runner re-checks them when any other object changes.
 */
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
}

export interface WorkspaceIndexView {
  /** All objects, or those of one kind. */
  objects(kind?: string): readonly IndexedObject[];
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

  constructor(
    private readonly all: readonly IndexedObject[],
    readonly defaultNamespace = 'default',
    private readonly fileList?: readonly string[],
  ) {
    for (const o of all) {
      let list = this.byKind.get(o.kind);
      if (!list) this.byKind.set(o.kind, (list = []));
      list.push(o);
    }
  }

  objects(kind?: string): readonly IndexedObject[] {
    return kind === undefined ? this.all : (this.byKind.get(kind) ?? []);
  }

  get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    return this.objects(kind).find((o) => o.name === name && (namespace === undefined || o.namespace === undefined || o.namespace === namespace));
  }

  files(): readonly string[] {
    return this.fileList ?? [...new Set(this.all.map((o) => o.uri))];
  }
}

export const EMPTY_INDEX: WorkspaceIndexView = new SimpleIndex([]);
