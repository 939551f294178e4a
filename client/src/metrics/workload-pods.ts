/**
 * The label selector as a fallback for a workload's pods: a workload's pods are those its controller runs, found
 * through their ownerReferences (owners.ts, workload-usage.ts `livePods`); the selector (matchLabels and
 * matchExpressions, evaluated as the API machinery does) applies only to pods whose owner chain could not be
 * followed. A pod of another workload, or a bare pod that happens to carry the same labels, is never counted.
 */
import type { PodRow, Snapshot } from './aggregate';
import type { SelectorRequirement, Workload } from '../../../server/src/protocol';

function requirementHolds(r: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]!);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An operator the API server would reject selects nothing.
      return false;
  }
}

/** `matchLabels` AND every `matchExpressions` requirement; a selector with neither matches nothing here. */
export function selectorMatches(
  w: Pick<Workload, 'selector' | 'matchExpressions'>,
  labels: Readonly<Record<string, string>>,
): boolean {
  const pairs = Object.entries(w.selector);
  const exprs = w.matchExpressions ?? [];
  if (pairs.length === 0 && exprs.length === 0) return false;
  for (const [k, v] of pairs) if (labels[k] !== v) return false;
  return exprs.every((r) => requirementHolds(r, labels));
}

/**
 * The fallback of livePods (workload-usage.ts): the live pods of the workload's namespace whose owner chain could
 * not be followed (owners.ts marks them not resolved) and that its selector selects. Never a bare pod, never a pod
 * known to belong to another workload.
 */
export function unresolvedPodsSelectedBy(w: Workload, snap: Snapshot): PodRow[] {
  const ns = w.namespace ?? snap.namespace;
  return snap.pods.filter(
    (p) =>
      p.namespace === ns &&
      p.phase !== 'Succeeded' &&
      p.phase !== 'Failed' &&
      p.workload !== undefined &&
      !p.workload.resolved &&
      selectorMatches(w, p.labels),
  );
}
