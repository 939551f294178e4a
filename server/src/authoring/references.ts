/**
 * Fields whose value names another object of the workspace (a claim, a ConfigMap, an HPA's target …): completion
 * offers the objects that exist, hover shows the one named and its file. Decided by the path of the field and
 * the values beside it, as the API server would resolve them.
 */
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import type { PathSegment } from '../yaml/cursor';

type Raw = Record<string, unknown>;
export const rec = (v: unknown): Raw | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** The plain value at `path` in `root`. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = rec(cur)?.[seg];
    if (cur === undefined) return undefined;
  }
  return cur;
}

export interface ObjectRef {
  /** The kind of the objects the field names. */
  readonly kind: string;
  /** Namespace to look in; undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined;
}

/** A value suggested from the workspace, with the object it comes from. */
export interface WorkspaceValue {
  readonly value: string;
  readonly detail: string;
  readonly from: IndexedObject;
}

const tail = (path: readonly PathSegment[], ...keys: string[]): boolean =>
  path.length >= keys.length && keys.every((k, i) => path[path.length - keys.length + i] === k);

/** The namespace the document's object lands in. */
export function namespaceOf(root: unknown, index: WorkspaceIndexView): string {
  return text(rec(rec(root)?.metadata)?.namespace) ?? index.defaultNamespace;
}

/** Which kind of object the field at `path` names, or undefined when it names none. */
export function referenceKind(
  root: unknown,
  path: readonly PathSegment[],
  index: WorkspaceIndexView,
): ObjectRef | undefined {
  const ns = namespaceOf(root, index);
  const parent = rec(valueAt(root, path.slice(0, -1)));
  if (tail(path, 'scaleTargetRef', 'name') || tail(path, 'targetRef', 'name')) {
    const kind = text(parent?.kind);
    return kind ? { kind, namespace: ns } : undefined;
  }
  if (tail(path, 'storageClassName')) return { kind: 'StorageClass', namespace: undefined };
  if (tail(path, 'persistentVolumeClaim', 'claimName')) return { kind: 'PersistentVolumeClaim', namespace: ns };
  if (tail(path, 'serviceAccountName')) return { kind: 'ServiceAccount', namespace: ns };
  if (tail(path, 'configMapKeyRef', 'name') || tail(path, 'configMapRef', 'name') || tail(path, 'configMap', 'name'))
    return { kind: 'ConfigMap', namespace: ns };
  if (tail(path, 'secretKeyRef', 'name') || tail(path, 'secretRef', 'name') || tail(path, 'secret', 'secretName'))
    return { kind: 'Secret', namespace: ns };
  if (tail(path, 'backend', 'service', 'name') || tail(path, 'defaultBackend', 'service', 'name'))
    return { kind: 'Service', namespace: ns };
  return undefined;
}

/** Kinds a HorizontalPodAutoscaler can scale (they have a scale subresource). */
const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

const where = (o: IndexedObject): string => `${o.uri.slice(o.uri.lastIndexOf('/') + 1)}:${o.line + 1}`;

/** Values the workspace offers for the field at `path` (names, keys, ports, label values). */
export function workspaceValues(
  root: unknown,
  path: readonly PathSegment[],
  index: WorkspaceIndexView,
): WorkspaceValue[] {
  const ref = referenceKind(root, path, index);
  if (ref) {
    return index
      .objects(ref.kind, ref.namespace)
      .filter((o) => o.name !== undefined)
      .map((o) => ({ value: o.name!, detail: `${o.kind} · ${where(o)}`, from: o }));
  }
  const ns = namespaceOf(root, index);
  const parent = rec(valueAt(root, path.slice(0, -1)));
  // an HPA target whose kind is not written yet: the workloads an HPA can scale
  if (tail(path, 'scaleTargetRef', 'name') && parent?.kind === undefined) {
    return SCALABLE.flatMap((kind) => index.objects(kind, ns))
      .filter((o) => o.name !== undefined)
      .map((o) => ({ value: o.name!, detail: `${o.kind} · ${where(o)}`, from: o }));
  }
  // the keys of the ConfigMap or Secret chosen beside
  const keyOf = (kind: string, sections: string[]): WorkspaceValue[] => {
    const name = text(parent?.name);
    const o = name ? index.get(kind, ns, name) : undefined;
    if (!o) return [];
    return sections.flatMap((s) =>
      Object.keys(rec(o.value[s]) ?? {}).map((k) => ({ value: k, detail: `${kind} ${name} · ${s}`, from: o })),
    );
  };
  if (tail(path, 'configMapKeyRef', 'key')) return keyOf('ConfigMap', ['data', 'binaryData']);
  if (tail(path, 'secretKeyRef', 'key')) return keyOf('Secret', ['data', 'stringData']);
  // an Ingress backend's port: the ports of the Service named beside it
  if (tail(path, 'service', 'port', 'number') || tail(path, 'service', 'port', 'name')) {
    const svcName = text(rec(valueAt(root, path.slice(0, -2)))?.name);
    const svc = svcName ? index.get('Service', ns, svcName) : undefined;
    const ports = (Array.isArray(rec(svc?.value.spec)?.ports) ? (rec(svc?.value.spec)!.ports as unknown[]) : []).map(
      rec,
    );
    const field = path[path.length - 1] === 'number' ? 'port' : 'name';
    return ports
      .map((p) => text(p?.[field]))
      .filter((v): v is string => v !== undefined)
      .map((v) => ({ value: v, detail: `Service ${svcName} · port`, from: svc! }));
  }
  // a selector's label value: the values pod templates give that label
  const key = path[path.length - 1];
  if (typeof key === 'string' && isSelectorPath(root, path.slice(0, -1))) {
    return podTemplates(index, ns).flatMap((o) => {
      const v = o.templateLabels?.get(key);
      return v === undefined ? [] : [{ value: v, detail: `${o.kind} ${o.name ?? ''} · ${where(o)}`, from: o }];
    });
  }
  return [];
}

/** Label keys for a selector being written: those of the pod templates in the namespace. */
export function selectorKeys(root: unknown, path: readonly PathSegment[], index: WorkspaceIndexView): WorkspaceValue[] {
  if (!isSelectorPath(root, path)) return [];
  const out: WorkspaceValue[] = [];
  for (const o of podTemplates(index, namespaceOf(root, index))) {
    for (const [k, v] of o.templateLabels ?? [])
      out.push({ value: k, detail: `${k}: ${v} · ${o.kind} ${o.name ?? ''}`, from: o });
  }
  return out;
}

/** `matchLabels` of any label selector, or a Service's `spec.selector`. */
export function isSelectorPath(root: unknown, path: readonly PathSegment[]): boolean {
  if (tail(path, 'matchLabels')) return true;
  return rec(root)?.kind === 'Service' && path.length === 2 && path[0] === 'spec' && path[1] === 'selector';
}

function podTemplates(index: WorkspaceIndexView, namespace: string): IndexedObject[] {
  return index.objects(undefined, namespace).filter((o) => o.templateLabels && o.templateLabels.size > 0);
}

/** The objects a Service selector (`spec.selector`) matches: every pod template carrying all its labels. */
export function selectedBy(
  selector: Readonly<Record<string, unknown>>,
  namespace: string,
  index: WorkspaceIndexView,
): IndexedObject[] {
  const wanted = Object.entries(selector).map(([k, v]) => [k, text(v)] as const);
  if (wanted.length === 0) return [];
  return podTemplates(index, namespace).filter((o) => wanted.every(([k, v]) => o.templateLabels?.get(k) === v));
}
