/** Shared by the service account rules: which ServiceAccount a pod runs as, and what the workspace knows of it. */
import type { Pair } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import type { WorkspaceIndexView } from '../../model/workspace';

export interface PodServiceAccount {
  readonly name: string;
  /** The pair that names it (`serviceAccountName`, else the deprecated `serviceAccount`); undefined for `default`. */
  readonly pair: Pair | undefined;
}

/** The ServiceAccount of the pod: `serviceAccountName`, which wins over the deprecated `serviceAccount`, else `default`. */
export function podServiceAccount(ctx: RuleContext): PodServiceAccount {
  const spec = ctx.podSpec();
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const pair = ctx.nav.pair(spec, key);
    const name = ctx.nav.str(pair?.value);
    if (pair && name) return { name, pair };
  }
  return { name: 'default', pair: undefined };
}

/**
 * The namespace to look related objects up in: the one written on the object, else undefined ("any namespace").
 * An object without a namespace lands wherever it is applied (`kubectl -n`, a kustomization's `namespace:`), and its
 * companions written without one land there too, so requiring the default namespace would raise false alarms.
 */
export function lookupNamespace(ctx: RuleContext): string | undefined {
  return ctx.object.namespace;
}

/** Whether a RoleBinding or ClusterRoleBinding in the index grants anything to the ServiceAccount. */
export function isServiceAccountBound(index: WorkspaceIndexView, namespace: string | undefined, name: string): boolean {
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const b of index.objects(kind)) {
      const subjects = b.value.subjects;
      if (!Array.isArray(subjects)) continue;
      for (const s of subjects as unknown[]) {
        if (typeof s !== 'object' || s === null) continue;
        const subject = s as Record<string, unknown>;
        if (subject.kind !== 'ServiceAccount' || subject.name !== name) continue;
        // A RoleBinding's subject defaults to the binding's namespace; a ClusterRoleBinding's names its own (without
        // one it binds nothing), so a binding in one namespace says nothing about `default` elsewhere.
        const ns =
          typeof subject.namespace === 'string' ? subject.namespace : kind === 'RoleBinding' ? b.namespace : undefined;
        if (ns !== undefined && (namespace === undefined || ns === namespace)) return true;
      }
    }
  }
  return false;
}
