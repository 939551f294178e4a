/**
 * Each container's last termination by the OOM killer (`status.containerStatuses[].lastState.terminated.reason`
 * `OOMKilled`, or the current state when it has not restarted yet) and the memory limit in force then: the one the
 * kubelet reports it runs with (`status.containerStatuses[].resources`, in-place resize), else the pod spec's.
 * A recommendation never goes below it (recommend.ts).
 */
import type { V1Pod } from '@kubernetes/client-node';
import { parseQuantity } from './quantity';
import type { OomKill } from './recommend';

export function lastOomKills(pod: V1Pod): Map<string, OomKill> {
  const out = new Map<string, OomKill>();
  const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const st of statuses) {
    const term = st.state?.terminated?.reason === 'OOMKilled' ? st.state.terminated : st.lastState?.terminated;
    if (term?.reason !== 'OOMKilled') continue;
    const spec = specs.find((c) => c.name === st.name);
    const limits = (st.resources?.limits ?? spec?.resources?.limits) as Record<string, unknown> | undefined;
    const memLimit = parseQuantity(limits?.memory);
    if (memLimit === undefined) continue; // killed with no limit of its own: the node ran out, not the container
    const at = term.finishedAt ? new Date(term.finishedAt).getTime() : NaN;
    out.set(st.name, { memLimit, ...(Number.isFinite(at) ? { at } : {}) });
  }
  return out;
}
