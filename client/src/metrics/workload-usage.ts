/**
 * Joins a workload of the manifest (as the language server describes it) to the live cluster: its pods (its
 * namespace and its owner chain, workload-pods.ts), each container's usage across them, and its recommendation from
 * the history. No VS Code API here.
 */
import type { PodRow, Snapshot } from './aggregate';
import type { UsageHistory } from './history';
import { podsOfWorkload } from './workload-pods';
import { formatCpu, formatMemory, manifestCpu, manifestMemory, parseQuantity } from './quantity';
import { recommend, statsOf, type Recommendation, type UsageStats } from './recommend';
import type { ResourceValues, Workload, WorkloadContainer } from '../../../server/src/protocol';

export function namespaceOf(w: Workload, snap: Snapshot): string {
  return w.namespace ?? snap.namespace;
}

/** The workload's live pods: through their ownerReferences, the selector only as a fallback (workload-pods.ts). */
export function livePods(w: Workload, snap: Snapshot): PodRow[] {
  return podsOfWorkload(w, snap);
}

export interface ContainerUsage {
  readonly container: string;
  readonly pods: number;
  /** The highest usage across the pods (cores, bytes): what the request must cover. */
  readonly cpu?: number;
  readonly mem?: number;
  readonly perPod: readonly { readonly pod: string; readonly cpu?: number; readonly mem?: number }[];
}

export function containerUsage(pods: readonly PodRow[], container: string): ContainerUsage {
  const perPod: { pod: string; cpu?: number; mem?: number }[] = [];
  let cpu: number | undefined;
  let mem: number | undefined;
  for (const p of pods) {
    const c = p.containers.find((x) => x.name === container);
    if (!c) continue;
    perPod.push({
      pod: p.name,
      ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
      ...(c.mem !== undefined ? { mem: c.mem } : {}),
    });
    if (c.cpu !== undefined) cpu = Math.max(cpu ?? 0, c.cpu);
    if (c.mem !== undefined) mem = Math.max(mem ?? 0, c.mem);
  }
  return {
    container,
    pods: perPod.length,
    ...(cpu !== undefined ? { cpu } : {}),
    ...(mem !== undefined ? { mem } : {}),
    perPod,
  };
}

/** `cpu 38m / req 500m · mem 120Mi / req 128Mi` (the CodeLens title). */
export function lensTitle(u: ContainerUsage, c: WorkloadContainer): string {
  const req = (v: string | undefined, fmt: (n: number) => string) => {
    const n = parseQuantity(v);
    return n === undefined ? 'no req' : `req ${fmt(n)}`;
  };
  const cpu = u.cpu === undefined ? 'cpu n/a' : `cpu ${formatCpu(u.cpu)}`;
  const mem = u.mem === undefined ? 'mem n/a' : `mem ${formatMemory(u.mem)}`;
  const pods = u.pods > 1 ? ` · max of ${u.pods} pods` : '';
  return `${cpu} / ${req(c.requests.cpu ?? c.limits.cpu, formatCpu)} · ${mem} / ${req(c.requests.memory ?? c.limits.memory, formatMemory)}${pods}`;
}

/** The recommendation from the samples of this container in every live pod of the workload (or given stats). */
export function recommendationFor(
  pods: readonly PodRow[],
  container: string,
  history: UsageHistory,
  prometheus?: UsageStats,
): Recommendation | undefined {
  if (prometheus && prometheus.samples > 0) return recommend(prometheus);
  const keys = new Set(pods.map((p) => `${p.key}/${container}`));
  const stats = statsOf(history.samplesWhere((k) => keys.has(k)));
  return stats ? recommend(stats) : undefined;
}

/** What "Apply recommended resources" writes: requests, the memory limit, and a CPU limit only if one must grow. */
export function resourcesToWrite(
  rec: Recommendation,
  c: WorkloadContainer,
): { requests: ResourceValues; limits: ResourceValues } {
  const cpu = manifestCpu(rec.cpuRequest);
  const memory = manifestMemory(rec.memRequest);
  const limits: { cpu?: string; memory?: string } = { memory: manifestMemory(rec.memLimit) };
  // A CPU limit below the new request would be rejected by the API server: raise it to the request.
  const cpuLimit = parseQuantity(c.limits.cpu);
  if (cpuLimit !== undefined && cpuLimit < (parseQuantity(cpu) ?? 0)) limits.cpu = cpu;
  return { requests: { cpu, memory }, limits };
}
