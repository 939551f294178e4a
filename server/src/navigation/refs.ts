/**
 * The references written in a Kubernetes object (`scaleTargetRef.name`, a VPA's `targetRef.name`, `claimName`,
 * `serviceName`, `storageClassName`, a ConfigMap or Secret name, a Service's, PDB's or NetworkPolicy's selector, an
 * Ingress backend's Service …), and the objects of the workspace index each one names.
 */
import { WORKLOADS } from '../model/kinds';
import type { K8sObject } from '../model/object';
import { containersOf, podSpecOf } from '../model/object';
import { podLabelsOf, podOwnersIn, SCALABLE_KINDS } from '../model/relations';
import { matchesMapSelector, matchesSelector, parseLabelSelector, toLabelMap } from '../model/selector';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { CLUSTER_SCOPED } from '../model/workspace';
import type { Node, Pair, YAMLMap } from '../yaml/nodes';
import type { DocNav } from '../yaml/nodes';

/** What a reference points at: objects of some kinds by name, or the pods whose labels a selector matches. */
export type RefTarget =
  | { readonly by: 'name'; readonly kinds: readonly string[]; readonly name: string; readonly namespace?: string }
  | { readonly by: 'labels'; readonly matches: (labels: ReadonlyMap<string, string>) => boolean };

export interface Ref {
  /** Segment-local offsets of what the cursor may be on (a name value; a whole selector pair). */
  readonly start: number;
  readonly end: number;
  readonly target: RefTarget;
}

// ---------------------------------------------------------------------------------------------------------------
// References written in an object.

class RefCollector {
  readonly refs: Ref[] = [];
  constructor(readonly nav: DocNav) {}

  /** A reference by name at `map.key` (a scalar), to objects of `kinds`. */
  name(map: YAMLMap | undefined, key: string, kinds: readonly string[], namespace?: string): void {
    const node = this.nav.deref(this.nav.pair(map, key)?.value);
    const name = this.nav.str(node);
    if (!node?.range || !name) return;
    this.refs.push({ start: node.range[0], end: node.range[1], target: { by: 'name', kinds, name, namespace } });
  }

  /** A selector at `map.key`: the whole pair (key and value) is the reference. */
  selector(
    map: YAMLMap | undefined,
    key: string,
    matches: ((labels: ReadonlyMap<string, string>) => boolean) | undefined,
  ): void {
    const pair = this.nav.pair(map, key);
    if (!pair || !matches) return;
    const range = pairRange(pair);
    if (range) this.refs.push({ start: range[0], end: range[1], target: { by: 'labels', matches } });
  }

  each(seq: unknown, f: (m: YAMLMap) => void): void {
    for (const item of this.nav.seq(seq)?.items ?? []) {
      const m = this.nav.map(item);
      if (m) f(m);
    }
  }
}

function pairRange(pair: Pair): [number, number] | undefined {
  const k = (pair.key as Node | null)?.range;
  const v = (pair.value as Node | null)?.range;
  if (!k) return undefined;
  return [k[0], v ? v[1] : k[1]];
}

/** Whether a plain LabelSelector selects everything (`{}`): a "reference" to every pod is no reference. */
function emptySelector(raw: unknown): boolean {
  if (raw === null || raw === undefined || typeof raw !== 'object') return true;
  const r = raw as { matchLabels?: unknown; matchExpressions?: unknown };
  const labels = r.matchLabels && typeof r.matchLabels === 'object' ? Object.keys(r.matchLabels) : [];
  const exprs = Array.isArray(r.matchExpressions) ? r.matchExpressions : [];
  return labels.length === 0 && exprs.length === 0;
}

function setSelector(nav: DocNav, node: unknown): ((labels: ReadonlyMap<string, string>) => boolean) | undefined {
  const raw = nav.plain(node);
  if (emptySelector(raw)) return undefined;
  const { selector } = parseLabelSelector(raw);
  return selector ? (labels) => matchesSelector(selector, labels) : undefined;
}

/** Every reference an object makes to other objects. */
export function referencesOf(obj: K8sObject): Ref[] {
  const nav = obj.nav;
  const c = new RefCollector(nav);
  const root = obj.node;
  const spec = nav.getMap(root, 'spec');
  const kindOf = (ref: YAMLMap | undefined, fallback: readonly string[]): readonly string[] => {
    const k = nav.getStr(ref, 'kind');
    return k ? [k] : fallback;
  };
  switch (obj.kind) {
    case 'HorizontalPodAutoscaler': {
      const ref = nav.getMap(spec, 'scaleTargetRef');
      c.name(ref, 'name', kindOf(ref, SCALABLE_KINDS));
      break;
    }
    case 'VerticalPodAutoscaler': {
      const ref = nav.getMap(spec, 'targetRef');
      c.name(ref, 'name', kindOf(ref, Object.keys(WORKLOADS)));
      break;
    }
    case 'StatefulSet':
      c.name(spec, 'serviceName', ['Service']);
      c.each(nav.get(spec, 'volumeClaimTemplates'), (t) =>
        c.name(nav.getMap(t, 'spec'), 'storageClassName', ['StorageClass']),
      );
      break;
    case 'PersistentVolumeClaim':
      c.name(spec, 'storageClassName', ['StorageClass']);
      c.name(spec, 'volumeName', ['PersistentVolume']);
      break;
    case 'PersistentVolume': {
      c.name(spec, 'storageClassName', ['StorageClass']);
      const claimRef = nav.getMap(spec, 'claimRef');
      c.name(claimRef, 'name', ['PersistentVolumeClaim'], nav.getStr(claimRef, 'namespace'));
      break;
    }
    case 'Service': {
      if (nav.getStr(spec, 'type') === 'ExternalName') break;
      const selector = toLabelMap(nav.plain(nav.get(spec, 'selector')));
      c.selector(spec, 'selector', selector.size ? (labels) => matchesMapSelector(selector, labels) : undefined);
      break;
    }
    case 'PodDisruptionBudget':
      c.selector(spec, 'selector', setSelector(nav, nav.get(spec, 'selector')));
      break;
    case 'NetworkPolicy':
      c.selector(spec, 'podSelector', setSelector(nav, nav.get(spec, 'podSelector')));
      break;
    case 'Ingress': {
      const backend = (b: YAMLMap | undefined): void => {
        c.name(nav.getMap(b, 'service'), 'name', ['Service']);
        c.name(b, 'serviceName', ['Service']);
      };
      backend(nav.getMap(spec, 'defaultBackend'));
      backend(nav.getMap(spec, 'backend'));
      c.each(nav.get(spec, 'rules'), (rule) =>
        c.each(nav.get(nav.getMap(rule, 'http'), 'paths'), (p) => backend(nav.getMap(p, 'backend'))),
      );
      c.each(nav.get(spec, 'tls'), (t) => c.name(t, 'secretName', ['Secret']));
      c.name(spec, 'ingressClassName', ['IngressClass']);
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const roleRef = nav.getMap(root, 'roleRef');
      c.name(roleRef, 'name', kindOf(roleRef, ['Role', 'ClusterRole']));
      c.each(nav.get(root, 'subjects'), (s) => {
        if (nav.getStr(s, 'kind') === 'ServiceAccount')
          c.name(s, 'name', ['ServiceAccount'], nav.getStr(s, 'namespace'));
      });
      break;
    }
  }
  const podSpec = podSpecOf(obj);
  if (podSpec) podReferences(c, obj, podSpec);
  return c.refs;
}

function podReferences(c: RefCollector, obj: K8sObject, podSpec: YAMLMap): void {
  const nav = c.nav;
  c.name(podSpec, 'serviceAccountName', ['ServiceAccount']);
  c.name(podSpec, 'serviceAccount', ['ServiceAccount']);
  c.name(podSpec, 'priorityClassName', ['PriorityClass']);
  c.name(podSpec, 'runtimeClassName', ['RuntimeClass']);
  c.each(nav.get(podSpec, 'imagePullSecrets'), (s) => c.name(s, 'name', ['Secret']));
  c.each(nav.get(podSpec, 'volumes'), (v) => {
    c.name(nav.getMap(v, 'persistentVolumeClaim'), 'claimName', ['PersistentVolumeClaim']);
    c.name(nav.getMap(v, 'configMap'), 'name', ['ConfigMap']);
    c.name(nav.getMap(v, 'secret'), 'secretName', ['Secret']);
    c.name(nav.getMap(nav.getMap(nav.getMap(v, 'ephemeral'), 'volumeClaimTemplate'), 'spec'), 'storageClassName', [
      'StorageClass',
    ]);
    c.each(nav.get(nav.getMap(v, 'projected'), 'sources'), (s) => {
      c.name(nav.getMap(s, 'configMap'), 'name', ['ConfigMap']);
      c.name(nav.getMap(s, 'secret'), 'name', ['Secret']);
    });
  });
  for (const container of containersOf(obj, podSpec)) {
    c.each(nav.get(container.node, 'env'), (e) => {
      const from = nav.getMap(e, 'valueFrom');
      c.name(nav.getMap(from, 'configMapKeyRef'), 'name', ['ConfigMap']);
      c.name(nav.getMap(from, 'secretKeyRef'), 'name', ['Secret']);
    });
    c.each(nav.get(container.node, 'envFrom'), (e) => {
      c.name(nav.getMap(e, 'configMapRef'), 'name', ['ConfigMap']);
      c.name(nav.getMap(e, 'secretRef'), 'name', ['Secret']);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution through the index.

/** The objects a reference names, in the referring object's namespace (or the one the reference writes). */
export function resolveRef(index: WorkspaceIndexView, target: RefTarget, namespace: string): IndexedObject[] {
  if (target.by === 'labels') {
    return podOwnersIn(index, namespace).filter((o) => {
      const labels = podLabelsOf(o);
      return !!labels && target.matches(labels);
    });
  }
  const out: IndexedObject[] = [];
  const ns = target.namespace ?? namespace;
  for (const kind of target.kinds) {
    for (const o of index.objects(kind)) {
      if (o.name === target.name && (CLUSTER_SCOPED.has(kind) || o.namespace === ns)) out.push(o);
    }
  }
  return out;
}
