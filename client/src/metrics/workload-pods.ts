/**
 * The live pods of a workload of the manifest: those its controller runs, found through their ownerReferences
 * (owners.ts: Pod → ReplicaSet → Deployment, Job → CronJob, StatefulSet, DaemonSet …), in the workload's namespace.
 * A bare Pod is itself only. The label selector (matchLabels and matchExpressions, evaluated as the API machinery
 * does) is only a fallback, and only over pods whose owner chain could not be followed: a pod of another workload,
 * or a bare pod that happens to carry the same labels, is never counted.
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

const live = (p: PodRow) => p.phase !== 'Succeeded' && p.phase !== 'Failed';

/** The workload's live pods (running or starting), in its namespace or the context's. */
export function podsOfWorkload(w: Workload, snap: Snapshot): PodRow[] {
  const ns = w.namespace ?? snap.namespace;
  const inNs = snap.pods.filter((p) => p.namespace === ns && live(p));
  if (w.kind === 'Pod') return inNs.filter((p) => p.name === w.name && (p.workload?.kind ?? 'Pod') === 'Pod');
  const owned = inNs.filter((p) => p.workload?.kind === w.kind && p.workload.name === w.name);
  if (owned.length) return owned;
  return inNs.filter((p) => (p.workload === undefined || !p.workload.resolved) && selectorMatches(w, p.labels));
}
