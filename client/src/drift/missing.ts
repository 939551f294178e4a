/**
 * The objects of the workspace that a context does not have, for the "Not in the Cluster" view: one list per kind
 * and namespace (a get each below the list threshold), the namespaces narrowed to those chosen.
 */
import type { WorkspaceObjectRef } from '../../../server/src/protocol';
import type { ClusterAccess, ObjectRef } from './access';
import { DriftRequestError } from './access';
import { driftProblem } from './problems';

/** Workspace objects whose namespace (written, else the context's) is one of `namespaces` (empty: all). */
export function objectsIn(
  objects: readonly WorkspaceObjectRef[],
  namespaces: readonly string[],
  contextNamespace: string,
): WorkspaceObjectRef[] {
  return objects.filter((o) => !namespaces.length || namespaces.includes(o.namespace ?? contextNamespace));
}

/** The objects the cluster does not have: one list per kind and namespace, a get each below `listThreshold`. */
export async function notInCluster(
  access: ClusterAccess,
  objects: readonly WorkspaceObjectRef[],
  listThreshold: number,
  signal?: AbortSignal,
): Promise<{ missing: WorkspaceObjectRef[]; problems: string[] }> {
  const groups = new Map<string, { ref: ObjectRef; objects: WorkspaceObjectRef[] }>();
  const problems = new Set<string>();
  for (const o of objects) {
    let namespaced = true;
    try {
      namespaced = (await access.kind(o.apiVersion, o.kind, signal)).namespaced;
    } catch (e) {
      if (e instanceof DriftRequestError && e.code === 404) continue; // its kind is not served: the lens says so
      problems.add(driftProblem(e, access.server).short);
      if (driftProblem(e, access.server).fatal) return { missing: [], problems: [...problems] };
      continue;
    }
    const ns = namespaced ? (o.namespace ?? access.namespace) : undefined;
    const key = `${o.apiVersion}\n${o.kind}\n${ns ?? ''}`;
    const g = groups.get(key) ?? {
      ref: { apiVersion: o.apiVersion, kind: o.kind, name: '', ...(ns ? { namespace: ns } : {}) },
      objects: [],
    };
    g.objects.push(o);
    groups.set(key, g);
  }
  const missing: WorkspaceObjectRef[] = [];
  for (const g of groups.values()) {
    try {
      if (g.objects.length >= listThreshold) {
        const live = await access.list(g.ref.apiVersion, g.ref.kind, g.ref.namespace, signal);
        const names = new Set(live.map((x) => x.metadata?.name));
        missing.push(...g.objects.filter((o) => !names.has(o.name)));
      } else {
        for (const o of g.objects) if (!(await access.get({ ...g.ref, name: o.name }, signal))) missing.push(o);
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      problems.add(driftProblem(e, access.server).short);
    }
  }
  return { missing, problems: [...problems] };
}
