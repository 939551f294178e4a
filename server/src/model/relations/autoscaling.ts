/**
 * Autoscaling: the workload an HPA's `scaleTargetRef` or a VPA's `targetRef` names, the autoscalers that target a
 * workload, how many replicas it runs (an HPA's bounds win over `spec.replicas`), an HPA's metrics across
 * autoscaling/v1 to v2, and a VPA's update mode and container policies.
 */
import type { IndexedObject, WorkspaceIndexView } from '../workspace';
import type { PlainObject } from './plain';
import { asArray, asInt, asRecord, asText, dig } from './plain';
import type { WorkloadKey } from './workloads';
import { SCALABLE_KINDS, specReplicas } from './workloads';

export interface TargetRef {
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
}

export function targetRefOf(raw: unknown): TargetRef {
  const r = asRecord(raw);
  return { apiVersion: asText(r?.apiVersion), kind: asText(r?.kind), name: asText(r?.name) };
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function apiGroup(apiVersion: string | undefined): string | undefined {
  if (apiVersion === undefined) return undefined;
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Whether a reference names this object: same kind and name; the group must agree when the reference writes one
 * (`extensions/v1beta1` Deployments count as `apps` ones: the same objects, served under the old group).
 */
export function refersTo(ref: TargetRef, o: { apiVersion: string; kind: string; name: string | undefined }): boolean {
  if (!ref.kind || !ref.name || ref.kind !== o.kind || ref.name !== o.name) return false;
  const g = apiGroup(ref.apiVersion);
  if (g === undefined) return true;
  const mine = apiGroup(o.apiVersion);
  const same = (a: string | undefined): string | undefined => (a === 'extensions' ? 'apps' : a);
  return same(g) === same(mine);
}

/** The workloads of the namespace a reference names (normally zero or one). */
export function resolveTarget(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  ref: TargetRef,
): IndexedObject | undefined {
  if (!ref.kind || !ref.name) return undefined;
  const named = index.get(ref.kind, namespace, ref.name);
  return named && (namespace === undefined || named.namespace === namespace) && refersTo(ref, named)
    ? named
    : undefined;
}

/** The workload an HPA scales, when the workspace defines it. */
export function hpaTarget(index: WorkspaceIndexView, hpa: IndexedObject): IndexedObject | undefined {
  return resolveTarget(index, hpa.namespace, targetRefOf(dig(hpa.value, 'spec', 'scaleTargetRef')));
}

export const HPA_KIND = 'HorizontalPodAutoscaler';
export const VPA_KIND = 'VerticalPodAutoscaler';

/** HorizontalPodAutoscalers of the workload's namespace whose `scaleTargetRef` names it. */
export function hpasTargeting(index: WorkspaceIndexView, w: WorkloadKey & { apiVersion?: string }): IndexedObject[] {
  if (!w.name) return [];
  const o = { apiVersion: w.apiVersion ?? '', kind: w.kind, name: w.name };
  return index.objects(HPA_KIND, w.namespace).filter((h) => {
    if (h.namespace !== w.namespace) return false;
    const ref = targetRefOf(dig(h.value, 'spec', 'scaleTargetRef'));
    return w.apiVersion === undefined ? ref.kind === w.kind && ref.name === w.name : refersTo(ref, o);
  });
}

/** HPA `minReplicas` (Kubernetes defaults it to 1). */
export function hpaMinReplicas(v: PlainObject): number {
  return asInt(dig(v, 'spec', 'minReplicas')) ?? 1;
}

export function hpaMaxReplicas(v: PlainObject): number | undefined {
  return asInt(dig(v, 'spec', 'maxReplicas'));
}

/** How many pods a workload runs: at least `min`, at most `max`; `hpa` names the autoscaler that decides. */
export interface ReplicaRange {
  readonly min: number;
  readonly max: number;
  /** The HPA whose bounds these are (the first one when several target the workload). */
  readonly hpa?: IndexedObject;
  /** `spec.replicas` as written, when it is what decides. */
  readonly written?: number;
}

/**
 * The replicas of a workload, considering HPAs: an HPA's `minReplicas`..`maxReplicas` when one targets it (it
 * overrides `spec.replicas`), else `spec.replicas` (1 when unset). A DaemonSet runs one pod per node: Infinity.
 * Undefined for kinds that are not replicated controllers (Pod, Job, CronJob).
 */
export function replicasOf(
  index: WorkspaceIndexView,
  w: IndexedObject,
  /** Reads `spec.replicas` another way (from the YAML nodes of the object being checked, cheaper than `w.value`). */
  written: () => number | undefined = () => specReplicas(w),
): ReplicaRange | undefined {
  if (w.kind === 'DaemonSet') return { min: Infinity, max: Infinity };
  if (!SCALABLE_KINDS.includes(w.kind)) return undefined;
  const hpas = hpasTargeting(index, w);
  if (hpas.length > 0) {
    const hpa = hpas[0];
    const min = hpaMinReplicas(hpa.value);
    return { min, max: Math.max(min, hpaMaxReplicas(hpa.value) ?? min), hpa };
  }
  const count = written();
  const n = count ?? 1;
  return { min: n, max: n, written: count };
}

// ---------------------------------------------------------------------------------------------------------------
// HPA metrics, across autoscaling/v1, v2beta1, v2beta2 and v2.

export type MetricType = 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';

export interface HpaMetric {
  readonly index: number;
  readonly type: MetricType | string;
  /** The resource of a Resource/ContainerResource metric (`cpu`, `memory`, …). */
  readonly resource?: string;
  /** The container of a ContainerResource metric. */
  readonly container?: string;
  /** `Utilization`, `AverageValue` or `Value` (v2beta1's `targetAverageUtilization` reads as Utilization). */
  readonly targetType?: string;
  readonly averageUtilization?: number;
  /** Set for the implicit metric of an autoscaling/v1 HPA. */
  readonly implicitV1?: boolean;
}

/** The default CPU target of an autoscaling/v1 HPA that writes no `targetCPUUtilizationPercentage`. */
export const V1_DEFAULT_CPU_UTILIZATION = 80;

/** The metrics an HPA scales on, whatever its apiVersion. v2 without metrics means CPU at 80%, as the API defaults. */
export function hpaMetrics(v: PlainObject): HpaMetric[] {
  const apiVersion = asText(v.apiVersion) ?? '';
  const spec = asRecord(v.spec);
  if (apiVersion === 'autoscaling/v1') {
    const pct = asInt(spec?.targetCPUUtilizationPercentage) ?? V1_DEFAULT_CPU_UTILIZATION;
    return [
      {
        index: 0,
        type: 'Resource',
        resource: 'cpu',
        targetType: 'Utilization',
        averageUtilization: pct,
        implicitV1: true,
      },
    ];
  }
  const raw = spec?.metrics;
  if (raw === undefined || raw === null) {
    return [
      {
        index: 0,
        type: 'Resource',
        resource: 'cpu',
        targetType: 'Utilization',
        averageUtilization: V1_DEFAULT_CPU_UTILIZATION,
        implicitV1: true,
      },
    ];
  }
  return asArray(raw).map((m, index) => metricOf(asRecord(m) ?? {}, index));
}

function metricOf(m: Record<string, unknown>, index: number): HpaMetric {
  const type = asText(m.type) ?? '';
  if (type === 'Resource' || type === 'ContainerResource') {
    const body = asRecord(type === 'Resource' ? m.resource : m.containerResource) ?? {};
    const target = asRecord(body.target);
    // v2beta1 wrote targetAverageUtilization / targetAverageValue directly on the metric source.
    const v1beta = asInt(body.targetAverageUtilization);
    const targetType =
      asText(target?.type) ??
      (v1beta !== undefined ? 'Utilization' : body.targetAverageValue !== undefined ? 'AverageValue' : undefined);
    return {
      index,
      type,
      resource: asText(body.name),
      container: asText(body.container),
      targetType,
      averageUtilization: asInt(target?.averageUtilization) ?? v1beta,
    };
  }
  return { index, type, targetType: asText(asRecord(asRecord(m[lowerFirst(type)])?.target)?.type) };
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

// ---------------------------------------------------------------------------------------------------------------
// VerticalPodAutoscalers (autoscaling.k8s.io/v1).

/** Update modes that change running pods' requests (`Off` only recommends). */
export const VPA_ACTIVE_MODES: ReadonlySet<string> = new Set(['Auto', 'Recreate', 'Initial', 'InPlaceOrRecreate']);

/** `spec.updatePolicy.updateMode`; the VPA defaults it to `Auto`. */
export function vpaUpdateMode(v: PlainObject): string {
  return asText(dig(v, 'spec', 'updatePolicy', 'updateMode')) ?? 'Auto';
}

export interface ContainerPolicy {
  readonly containerName: string;
  /** `Off` excludes the container from the VPA. */
  readonly mode: string | undefined;
  /** Undefined when not written (the VPA then controls cpu and memory). */
  readonly controlledResources: readonly string[] | undefined;
  readonly minAllowed: Record<string, unknown> | undefined;
  readonly maxAllowed: Record<string, unknown> | undefined;
}

export function vpaContainerPolicies(v: PlainObject): ContainerPolicy[] {
  return asArray(dig(v, 'spec', 'resourcePolicy', 'containerPolicies')).map((raw) => {
    const p = asRecord(raw) ?? {};
    const cr = p.controlledResources;
    return {
      containerName: asText(p.containerName) ?? '*',
      mode: asText(p.mode),
      controlledResources: Array.isArray(cr) ? cr.map((x) => asText(x) ?? '') : undefined,
      minAllowed: asRecord(p.minAllowed),
      maxAllowed: asRecord(p.maxAllowed),
    };
  });
}

/**
 * The policy the VPA applies to a container: the one naming it, else the `*` one, else none (defaults: cpu and
 * memory controlled, mode Auto).
 */
export function vpaPolicyFor(policies: readonly ContainerPolicy[], container: string): ContainerPolicy | undefined {
  return policies.find((p) => p.containerName === container) ?? policies.find((p) => p.containerName === '*');
}

/** The resources a VPA changes on a container (none when its policy says `mode: Off`). */
export function vpaControlledResources(policies: readonly ContainerPolicy[], container: string): Set<string> {
  const p = vpaPolicyFor(policies, container);
  if (p?.mode === 'Off') return new Set();
  return new Set(p?.controlledResources ?? ['cpu', 'memory']);
}
