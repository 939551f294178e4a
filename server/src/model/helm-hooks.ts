/**
 * Helm hook objects (the `helm.sh/hook` annotation: test-connection Pods, pre-install Jobs …) run once around a
 * release and are then deleted or left Completed. They are not part of the running application: a Service does not
 * route to them, they need no NetworkPolicy, PodDisruptionBudget or second replica, and a bare hook Pod is no
 * "naked pod". Matching and the workload-level rules leave them out.
 */
import type { IndexedObject } from './workspace';
import { valueAt } from './workspace';

export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

/** Whether an indexed object is a Helm hook. */
export function isHelmHookEntry(o: IndexedObject): boolean {
  const annotations = valueAt(o, ['metadata', 'annotations']);
  return !!annotations && typeof annotations === 'object' && HELM_HOOK_ANNOTATION in annotations;
}
