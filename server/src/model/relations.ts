/**
 * Cross-resource relations over the workspace index, as plain data: which workloads a selector picks, which
 * HorizontalPodAutoscalers, VerticalPodAutoscalers and PodDisruptionBudgets point at a workload, how many replicas
 * a workload runs (an HPA's bounds win over `spec.replicas`), what an HPA's metrics and a VPA's policies say, and
 * how to tell the user where the linter looked when something is not found.
 *
 * Everything here reads `IndexedObject.value` (aliases and merge keys already resolved), so it works the same for
 * objects of the linted text and of other files. Nothing here reads YAML nodes: rules map findings back to nodes.
 */
import { isHelmHookEntry } from './helm-hooks';
import { WORKLOADS } from './kinds';
import { LabelSelector, matchesSelector, parseLabelSelector, toLabelMap } from './selector';
import { IndexedObject, WorkspaceIndexView } from './workspace';

// ---------------------------------------------------------------------------------------------------------------
// Plain-data helpers.

/** An object as plain data (`IndexedObject.value`, or a node's `toJS()`). */
export type PlainObject = Readonly<Record<string, unknown>>;

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A scalar as Kubernetes reads it (numbers and strings alike), or undefined. */
export function asText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A whole number written as a number or a digit string, else undefined. */
export function asInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** `value` at a path of keys, or undefined. */
export function dig(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    const r = asRecord(cur);
    if (!r) return undefined;
    cur = r[key];
  }
  return cur;
}

/** `Deployment "web"` for messages. */
export function describeObject(o: { kind: string; name: string | undefined }): string {
  return o.name ? `${o.kind} "${o.name}"` : o.kind;
}

// ---------------------------------------------------------------------------------------------------------------
// Workloads and their pods.

/** Kinds whose pod templates become running pods (a PodTemplate is only a template). */
export const POD_OWNER_KINDS: readonly string[] = Object.keys(WORKLOADS).filter((k) => k !== 'PodTemplate');

/** Kinds with a `/scale` subresource that an HPA or a VPA can target. */
export const SCALABLE_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
];

/** Kinds a VPA can target (anything with pods; DaemonSets, Jobs and CronJobs included). */
export const VPA_TARGET_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'DeploymentConfig',
  'Pod',
];

/** The labels of the pods an object runs: a Pod's own labels, a controller's pod template labels. */
export function podLabelsOf(o: IndexedObject): ReadonlyMap<string, string> | undefined {
  return o.kind === 'Pod' ? o.labels : o.templateLabels;
}

/** Every object of a namespace that runs pods (all namespaces when `namespace` is undefined). */
export function podOwnersIn(index: WorkspaceIndexView, namespace: string | undefined): IndexedObject[] {
  const out: IndexedObject[] = [];
  for (const kind of POD_OWNER_KINDS) {
    // by namespace through the index: a rule's cached result then depends on that namespace's objects only
    // Helm hook Pods and Jobs are never matched: they are not part of the running application (helm-hooks.ts)
    for (const o of index.objects(kind, namespace)) if (!isHelmHookEntry(o)) out.push(o);
  }
  return out;
}

/**
 * Pod owners of the namespace whose pods a set-based selector picks. Bare Pods that a controller of the
 * workspace owns are not told apart (the index holds manifests, not live pods).
 */
export function workloadsSelectedBy(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  selector: LabelSelector | undefined,
): IndexedObject[] {
  if (!selector) return [];
  return podOwnersIn(index, namespace).filter((o) => {
    const labels = podLabelsOf(o);
    return !!labels && matchesSelector(selector, labels);
  });
}

/** The entry of the index for the object being checked (same kind, namespace and name). */
export function selfEntry(
  index: WorkspaceIndexView,
  kind: string,
  namespace: string | undefined,
  name: string | undefined,
): IndexedObject | undefined {
  if (name === undefined) return undefined;
  // one lookup by name: scanning every object of the kind would make the rule depend on all of them
  const found = index.get(kind, namespace, name);
  return found && found.namespace === namespace ? found : undefined;
}

/** `spec.replicas` as written (undefined when absent or not a whole number). */
export function specReplicas(o: IndexedObject): number | undefined {
  return asInt(dig(o.value, 'spec', 'replicas'));
}

/** A workload's identity for lookups: kind, name, namespace. */
export interface WorkloadKey {
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Scale target references (HPA `scaleTargetRef`, VPA `targetRef`).

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

/** The workload a VPA resizes, when the workspace defines it. */
export function vpaTarget(index: WorkspaceIndexView, vpa: IndexedObject): IndexedObject | undefined {
  return resolveTarget(index, vpa.namespace, targetRefOf(dig(vpa.value, 'spec', 'targetRef')));
}

export const HPA_KIND = 'HorizontalPodAutoscaler';
export const VPA_KIND = 'VerticalPodAutoscaler';
export const PDB_KIND = 'PodDisruptionBudget';

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

/** VerticalPodAutoscalers of the workload's namespace whose `targetRef` names it. */
export function vpasTargeting(index: WorkspaceIndexView, w: WorkloadKey & { apiVersion?: string }): IndexedObject[] {
  if (!w.name) return [];
  const o = { apiVersion: w.apiVersion ?? '', kind: w.kind, name: w.name };
  return index.objects(VPA_KIND, w.namespace).filter((v) => {
    if (v.namespace !== w.namespace) return false;
    const ref = targetRefOf(dig(v.value, 'spec', 'targetRef'));
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
// PodDisruptionBudgets.

export function pdbSelector(pdb: IndexedObject): LabelSelector | undefined {
  return parseLabelSelector(dig(pdb.value, 'spec', 'selector')).selector;
}

/** PDBs of the workload's namespace whose selector picks its pods. */
export function pdbsSelecting(index: WorkspaceIndexView, w: IndexedObject): IndexedObject[] {
  const labels = podLabelsOf(w);
  if (!labels) return [];
  return index
    .objects(PDB_KIND, w.namespace)
    .filter((p) => p.namespace === w.namespace && matchesSelector(pdbSelector(p), labels));
}

/** Controllers of the PDB's namespace that run the pods it selects (bare Pods excluded: a PDB guards replicas). */
export function workloadsOfPdb(index: WorkspaceIndexView, pdb: IndexedObject): IndexedObject[] {
  return workloadsSelectedBy(index, pdb.namespace, pdbSelector(pdb));
}

/** An int-or-percent value (`minAvailable`, `maxUnavailable`). */
export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

export function intOrPercent(v: unknown): IntOrPercent | undefined {
  const i = asInt(v);
  if (i !== undefined) return { kind: 'int', value: i };
  if (typeof v === 'string') {
    const m = /^\s*(\d+)%\s*$/.exec(v);
    if (m) return { kind: 'percent', value: Number(m[1]) };
  }
  return undefined;
}

/** Resolves an int-or-percent against a replica count, as the disruption controller does (rounding up). */
export function scaledValue(v: IntOrPercent, replicas: number): number {
  return v.kind === 'int' ? v.value : Math.ceil((v.value * replicas) / 100);
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

/** The resources (cpu, memory) an HPA scales on through Resource or ContainerResource metrics. */
export function hpaResourceNames(v: PlainObject): Set<string> {
  const out = new Set<string>();
  for (const m of hpaMetrics(v))
    if ((m.type === 'Resource' || m.type === 'ContainerResource') && m.resource) out.add(m.resource);
  return out;
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

// ---------------------------------------------------------------------------------------------------------------
// Containers of an indexed workload.

/** The pod spec of an indexed workload, as plain data. */
export function podSpecData(o: IndexedObject): Record<string, unknown> | undefined {
  const shape = WORKLOADS[o.kind];
  if (!shape) return undefined;
  return asRecord(dig(o.value, ...shape.podSpecPath));
}

export interface ContainerData {
  readonly name: string | undefined;
  readonly index: number;
  readonly requests: Record<string, unknown>;
  readonly limits: Record<string, unknown>;
  readonly ports: Array<{ name?: string; containerPort: number; protocol?: string }>;
}

/** The regular containers of a workload (the ones an HPA's utilization is computed over). */
export function containersData(o: IndexedObject): ContainerData[] {
  return asArray(podSpecData(o)?.containers).map((raw, index) => {
    const c = asRecord(raw) ?? {};
    const ports: ContainerData['ports'] = [];
    for (const p of asArray(c.ports)) {
      const port = asRecord(p);
      const n = asInt(port?.containerPort);
      if (port && n !== undefined)
        ports.push({ name: asText(port.name), containerPort: n, protocol: asText(port.protocol) });
    }
    return {
      name: asText(c.name),
      index,
      requests: asRecord(dig(c, 'resources', 'requests')) ?? {},
      limits: asRecord(dig(c, 'resources', 'limits')) ?? {},
      ports,
    };
  });
}

/** Whether a request is written with a value (a key with no value counts as missing). */
export function hasRequest(c: ContainerData, resource: string): boolean {
  return present(c.requests[resource]);
}

/**
 * Whether the container ends up with a request for the resource: written, or defaulted by Kubernetes from a
 * written limit.
 */
export function hasEffectiveRequest(c: ContainerData, resource: string): boolean {
  return present(c.requests[resource]) || present(c.limits[resource]);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

// ---------------------------------------------------------------------------------------------------------------
// "Not found": how sure can we be, and what did we search.

/** The folder part of a URI or path (`file:///w/app/a.yaml` → `file:///w/app/`). */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Whether the workspace plausibly holds every object of these kinds that the referrer could mean: another object
 * of those kinds in the same namespace lives in the referrer's file or folder. The author then keeps that
 * namespace's objects together, and a reference to one that is missing is most likely a typo (a warning). Without
 * that, the object is probably managed elsewhere (a Helm chart, another repository, an operator): information.
 */
export function plausiblyComplete(
  index: WorkspaceIndexView,
  referrer: IndexedObject | undefined,
  kinds: readonly string[],
): boolean {
  if (!referrer) return false;
  const folder = folderOf(referrer.uri);
  return kinds.some((k) =>
    index
      .objects(k)
      .some(
        (o) =>
          o !== referrer &&
          o.namespace === referrer.namespace &&
          (o.uri === referrer.uri || folderOf(o.uri) === folder),
      ),
  );
}

/** "searched 3 files: a.yaml, b.yaml, c.yaml" / "searched 1 file: a.yaml" / "searched 5 files: a, b, c and 2 more". */
export function searchedFiles(index: WorkspaceIndexView, max = 3): string {
  const files = index.files();
  if (files.length === 0) return 'searched no files';
  // Paths below the folder all files share (just the file names when they share one folder).
  const dirs = files.map((f) => f.replace(/[^\\/]*$/, ''));
  let common = dirs[0];
  for (const d of dirs) while (!d.startsWith(common)) common = common.replace(/[^\\/]*[\\/]$/, '');
  const names = files.map((f) => f.slice(common.length));
  const shown =
    names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `searched ${files.length} file${files.length === 1 ? '' : 's'}: ${shown}`;
}

/** Labels as a plain object (for rendering selectors). */
export function labelsObject(labels: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of labels) out[k] = v;
  return out;
}

/**
 * The labels that identify a workload's pods, for selectors written on its behalf (a PDB, a headless Service): its
 * `spec.selector.matchLabels` when every pair is on the template (stable identity labels, no `version`), else all
 * pod labels.
 */
export function identityLabels(o: IndexedObject): Map<string, string> {
  const labels = podLabelsOf(o) ?? new Map<string, string>();
  const ml = toLabelMap(dig(o.value, 'spec', 'selector', 'matchLabels'));
  if (ml.size > 0 && [...ml].every(([k, v]) => labels.get(k) === v)) return ml;
  return new Map(labels);
}
