/**
 * Cross-resource lookups of the storage and networking rules, on top of the shared relations in
 * `model/relations.ts`: which pods a Service's map selector picks, the ports those pods declare, how many pods
 * a workload may run at once, and how sure a "not found" finding can be.
 */
import { RuleContext } from '../../engine/rule';
import {
  asArray,
  asInt,
  asRecord,
  asText,
  describeObject,
  hpaMaxReplicas,
  hpasTargeting,
  identityLabels,
  podLabelsOf,
  podOwnersIn,
  podSpecData,
  POD_OWNER_KINDS,
  searchedFiles,
  selfEntry,
  workloadsSelectedBy,
} from '../../model/relations';
import { matchesMapSelector } from '../../model/selector';
import { IndexedObject, WorkspaceIndexView } from '../../model/workspace';

export {
  asArray,
  asRecord,
  asText,
  identityLabels,
  podLabelsOf,
  podOwnersIn,
  POD_OWNER_KINDS,
  searchedFiles,
  selfEntry,
  workloadsSelectedBy,
};
export const describe = describeObject;

/** Pod owners of the namespace whose pod labels an equality map selector (a Service's) matches. */
export function podOwnersSelectedByMap(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  selector: ReadonlyMap<string, string>,
): IndexedObject[] {
  return podOwnersIn(index, namespace).filter((o) => {
    const labels = podLabelsOf(o);
    return !!labels && matchesMapSelector(selector, labels);
  });
}

export interface PortData {
  readonly name: string | undefined;
  readonly number: number | undefined;
  /** Upper-cased, `TCP` when not written (the API default). */
  readonly protocol: string;
}

/** The ports the regular containers of a workload declare (init containers serve no traffic). */
export function containerPortsData(o: IndexedObject): PortData[] {
  const out: PortData[] = [];
  for (const c of asArray(podSpecData(o)?.containers)) {
    for (const p of asArray(asRecord(c)?.ports)) {
      const port = asRecord(p);
      if (!port) continue;
      out.push({
        name: asText(port.name),
        number: asInt(port.containerPort),
        protocol: (asText(port.protocol) ?? 'TCP').toUpperCase(),
      });
    }
  }
  return out;
}

/**
 * The most pods a workload may run at once: the largest `maxReplicas` of an HPA that scales it, else its
 * `spec.replicas` (1 when unset). A DaemonSet runs one pod per node: Infinity.
 */
export function maxReplicas(
  index: WorkspaceIndexView,
  o: { kind: string; name: string | undefined; namespace: string | undefined },
  specReplicas: string | undefined,
): { count: number; hpa?: string } {
  if (o.kind === 'DaemonSet') return { count: Infinity };
  let best: { count: number; hpa?: string } | undefined;
  for (const h of hpasTargeting(index, o)) {
    const max = hpaMaxReplicas(h.value);
    if (max !== undefined && (!best || max > best.count)) best = { count: max, hpa: h.name };
  }
  if (best) return best;
  return { count: asInt(specReplicas) ?? 1 };
}

/** The folder of a URI or path (`file:///w/app/a.yaml` → `file:///w/app/`). */
function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Whether the workspace plausibly holds every object of these kinds for the namespace, so that a reference to one
 * it lacks is most likely a mistake (a warning) rather than an object managed elsewhere, by another repository,
 * chart or operator (information). That is the case when the folder of the referring object's file defines, in
 * that namespace, another object of those kinds: the author keeps them together.
 */
export function heldNearby(ctx: RuleContext, kinds: readonly string[]): boolean {
  const self = selfOf(ctx);
  const ns = namespaceOf(ctx);
  const folder = self ? folderOf(self.uri) : undefined;
  return kinds.some((k) =>
    ctx.index
      .objects(k)
      .some((o) => o !== self && o.namespace === ns && (folder === undefined || folderOf(o.uri) === folder)),
  );
}

/** The index entry of the object being checked (the entry that wraps this very parse), if the index has it. */
export function selfOf(ctx: RuleContext): IndexedObject | undefined {
  return ctx.self;
}

/**
 * The namespace the object lands in as the index sees it: that also applies a kustomization's `namespace:` to
 * the files it lists, which `ctx.namespace` (the object's own, else the default) does not know about.
 */
export function namespaceOf(ctx: RuleContext): string {
  return ctx.namespace;
}

/** A node of the object being checked as plain data (aliases and merge keys resolved), or undefined. */
export function plainOf(ctx: RuleContext, node: unknown): unknown {
  const n = ctx.nav.deref(node);
  if (!n) return undefined;
  try {
    return n.toJS(ctx.object.doc, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}
