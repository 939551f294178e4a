/**
 * What writing a recommendation into a container changes, field by field (old → new), under the limit policy of
 * docs/metrics.md: the memory limit equals the memory request (krr's `simple`: a container that outgrows its
 * request should be told, not squeeze its node); a CPU limit is left alone unless it would end below the new
 * request, which the API server rejects, and then it is raised to the request; no request is ever written above a
 * limit that stays. A request that an HPA scales on (a `Utilization` target is usage ÷ request; a
 * `ContainerResource` metric only for the container it names) is marked with how the change moves its scaling, and
 * is not picked unless the user picks it.
 */
import {
  formatCpu,
  formatMemory,
  manifestCpu,
  manifestMemory,
  quantityValue,
} from '../../../server/src/protocol/quantity';
import type { Recommendation } from './recommend';
import type { ResourceValues, WorkloadAutoscaler, WorkloadContainer } from '../../../server/src/protocol';

export type ResourceField = 'requests.cpu' | 'requests.memory' | 'limits.cpu' | 'limits.memory';

export interface FieldChange {
  readonly field: ResourceField;
  readonly resource: 'cpu' | 'memory';
  /** As written now (undefined: not written). */
  readonly old?: string;
  readonly new: string;
  /** Why this field changes beside the request (a limit raised with it, the memory-limit policy). */
  readonly why?: string;
  /** How the change moves an HPA that scales on this resource; such a change is never picked by default. */
  readonly hpa?: string;
}

const fieldValue = (c: WorkloadContainer, f: ResourceField): string | undefined => {
  const [group, key] = f.split('.') as ['requests' | 'limits', 'cpu' | 'memory'];
  return c[group][key];
};

const fmt = (resource: 'cpu' | 'memory', v: number) => (resource === 'cpu' ? formatCpu(v) : formatMemory(v));

/**
 * How a request change of `container` moves an HPA's utilization (usage ÷ request). A `ContainerResource` metric
 * reads only the container it names, so the same usage reads `old/new` times as high, and another container's
 * change does not move it. A `Resource` metric reads the pod: its containers' usage over their requests added up
 * (app containers and native sidecars, as the HPA controller adds them), so `othersRequest`, the requests of the
 * pod's other containers, dilutes the change: 500m → 50m beside a 100m sidecar takes the pod from 600m to 150m, 4×.
 */
export function hpaEffect(
  hpa: WorkloadAutoscaler,
  resource: 'cpu' | 'memory',
  oldRequest: number | undefined,
  newRequest: number,
  container?: string,
  othersRequest = 0,
): string | undefined {
  const target = hpa.utilization.find(
    (u) => u.resource === resource && (u.container === undefined || u.container === container),
  );
  if (!target) return undefined;
  const perContainer = target.container !== undefined;
  const base = perContainer
    ? `HPA ${hpa.name} scales on the ${resource} of container "${target.container}" at ${target.percent}% of its request`
    : `HPA ${hpa.name} scales on ${resource} at ${target.percent}% of the request`;
  if (oldRequest === undefined || !(oldRequest > 0))
    return `${base}: today it has no request to measure against; with ${fmt(resource, newRequest)} it starts scaling on it`;
  const others = perContainer ? 0 : othersRequest;
  const ratio = (oldRequest + others) / (newRequest + others);
  const change =
    `${fmt(resource, oldRequest)} → ${fmt(resource, newRequest)}` +
    (others > 0 ? ` (the pod's ${fmt(resource, oldRequest + others)} → ${fmt(resource, newRequest + others)})` : '');
  const max = hpa.maxReplicas !== undefined ? `, up to maxReplicas ${hpa.maxReplicas}` : '';
  if (ratio > 1.0001)
    return `${base}: ${change} makes the same usage read ${ratio.toFixed(1)}× as high, so it scales out to about ${ratio.toFixed(1)}× the replicas${max}`;
  if (ratio < 0.9999)
    return `${base}: ${change} makes the same usage read ${ratio.toFixed(2)}× as high, so it scales in to about ${ratio.toFixed(2)}× the replicas (not below minReplicas ${hpa.minReplicas})`;
  return undefined;
}

/** The requests of `resource` of the pod's containers other than `c` that an HPA's `Resource` metric adds up. */
function othersRequest(pod: readonly WorkloadContainer[], c: WorkloadContainer, resource: 'cpu' | 'memory'): number {
  let sum = 0;
  for (const p of pod) {
    if (p.name === c.name || (p.kind !== 'container' && !p.sidecar)) continue;
    sum += quantityValue(p.requests[resource] ?? p.limits[resource]) ?? 0;
  }
  return sum;
}

/**
 * The changes for `only` one resource's request (the measured quick fixes) or for all (Apply), minus the fields
 * already at their new value.
 */
export function changesFor(
  rec: Recommendation,
  c: WorkloadContainer,
  autoscalers: readonly WorkloadAutoscaler[] = [],
  only?: 'cpu' | 'memory',
  /** The workload's containers (`c` among them): a `Resource` metric reads their requests added up. */
  pod: readonly WorkloadContainer[] = [c],
): FieldChange[] {
  const out: FieldChange[] = [];
  const hpaNote = (resource: 'cpu' | 'memory', oldReq: string | undefined, next: string) => {
    const others = othersRequest(pod, c, resource);
    const notes = autoscalers
      .map((h) => hpaEffect(h, resource, quantityValue(oldReq), quantityValue(next)!, c.name, others))
      .filter((n): n is string => !!n);
    return notes.length ? notes.join('; ') : undefined;
  };
  const push = (change: FieldChange) => {
    if (change.old !== undefined && quantityValue(change.old) === quantityValue(change.new)) return;
    out.push(change);
  };

  if (only !== 'memory') {
    const cpu = manifestCpu(rec.cpuRequest);
    const oldReq = c.requests.cpu;
    const hpa = hpaNote('cpu', oldReq ?? c.limits.cpu, cpu);
    push({
      field: 'requests.cpu',
      resource: 'cpu',
      ...(oldReq !== undefined ? { old: oldReq } : {}),
      new: cpu,
      ...(hpa ? { hpa } : {}),
    });
    const cpuLimit = quantityValue(c.limits.cpu);
    if (cpuLimit !== undefined && cpuLimit < quantityValue(cpu)!)
      push({
        field: 'limits.cpu',
        resource: 'cpu',
        old: c.limits.cpu!,
        new: cpu,
        why: 'raised with the request (the API server rejects a request above its limit)',
      });
  }
  if (only !== 'cpu') {
    const memory = manifestMemory(rec.memRequest);
    const oldReq = c.requests.memory;
    const hpa = hpaNote('memory', oldReq ?? c.limits.memory, memory);
    push({
      field: 'requests.memory',
      resource: 'memory',
      ...(oldReq !== undefined ? { old: oldReq } : {}),
      new: memory,
      ...(hpa ? { hpa } : {}),
    });
    const memLimit = quantityValue(c.limits.memory);
    if (only === 'memory') {
      // The quick fix adds the request only, unless a limit below it would make the object invalid.
      if (memLimit !== undefined && memLimit < quantityValue(memory)!)
        push({
          field: 'limits.memory',
          resource: 'memory',
          old: c.limits.memory!,
          new: memory,
          why: 'raised with the request (the API server rejects a request above its limit)',
        });
    } else {
      push({
        field: 'limits.memory',
        resource: 'memory',
        ...(c.limits.memory !== undefined ? { old: c.limits.memory } : {}),
        new: manifestMemory(rec.memLimit),
        why: 'memory limit = memory request (a container over its request is killed at the limit it asked for)',
      });
    }
  }
  return out;
}

/** The changes as the server's edit request takes them. */
export function valuesOf(changes: readonly FieldChange[]): { requests: ResourceValues; limits: ResourceValues } {
  const requests: { cpu?: string; memory?: string } = {};
  const limits: { cpu?: string; memory?: string } = {};
  for (const ch of changes) {
    const [group, key] = ch.field.split('.') as ['requests' | 'limits', 'cpu' | 'memory'];
    (group === 'requests' ? requests : limits)[key] = ch.new;
  }
  return { requests, limits };
}

/**
 * A limit that stays is never below a request that is written: a guard over the whole result (the policy above
 * already keeps it; this refuses anything that slipped through).
 */
export function invalidAfter(c: WorkloadContainer, changes: readonly FieldChange[]): string | undefined {
  for (const resource of ['cpu', 'memory'] as const) {
    const req = changes.find((x) => x.field === `requests.${resource}`)?.new ?? fieldValue(c, `requests.${resource}`);
    const lim = changes.find((x) => x.field === `limits.${resource}`)?.new ?? fieldValue(c, `limits.${resource}`);
    const r = quantityValue(req);
    const l = quantityValue(lim);
    if (r !== undefined && l !== undefined && r > l)
      return `requests.${resource} ${req} would be above limits.${resource} ${lim}, which the API server rejects`;
  }
  return undefined;
}

/** `requests.cpu: 500m → 44m` (`—` when the field is not written yet). */
export function changeLabel(ch: FieldChange): string {
  return `${ch.field}: ${ch.old ?? '—'} → ${ch.new}`;
}
