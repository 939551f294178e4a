/**
 * The data of the custom requests between the Kubewise client and the language server for the cluster metrics
 * panel (the typed request constants are in ./requests.ts). The
 * server already knows every object, container and range of an open manifest; the client asks for them here
 * instead of parsing the YAML a second time, and asks the server to write resources (it keeps comments and
 * indentation). Plain data types only: the client imports this file, so it must not pull in server code.
 */

export interface ProtocolPosition {
  readonly line: number;
  readonly character: number;
}

export interface ProtocolRange {
  readonly start: ProtocolPosition;
  readonly end: ProtocolPosition;
}

export interface ResourceValues {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface WorkloadContainer {
  readonly name: string;
  readonly kind: 'container' | 'initContainer';
  /** An init container with `restartPolicy: Always`. */
  readonly sidecar: boolean;
  /** The container's map in the sequence. */
  readonly range: ProtocolRange;
  /** The `resources` key, or the `name` key when the container has no `resources` (where a CodeLens goes). */
  readonly anchor: ProtocolRange;
  readonly hasResources: boolean;
  readonly requests: ResourceValues;
  readonly limits: ResourceValues;
  /**
   * A chart template's container whose `resources` come from values (`toYaml .Values.resources`): the values
   * file and the key that feeds them, where right-sizing writes. Absent: the resources are written in place.
   */
  readonly valuesTarget?: ValuesTarget;
}

export interface ValuesTarget {
  readonly uri: string;
  readonly path: readonly string[];
  /** `values.yaml › resources`, for messages. */
  readonly display: string;
}

/** An HPA that scales a workload on a resource, as far as a request change moves it. */
export interface WorkloadAutoscaler {
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas?: number;
  /**
   * Resource metrics on a `Utilization` target (usage as a share of the request): a request change moves them. A
   * `Resource` metric reads every container's request; a `ContainerResource` one (`container` set) reads only the
   * request of the container it names, so only that container's change moves it.
   */
  readonly utilization: readonly HpaUtilization[];
}

/** One `Utilization` target of an HPA. */
export interface HpaUtilization {
  readonly resource: 'cpu' | 'memory';
  readonly percent: number;
  /** The container a `ContainerResource` metric names; absent for a `Resource` metric (the whole pod). */
  readonly container?: string;
}

export interface Workload {
  readonly apiVersion: string;
  readonly kind: string;
  /** The name written in the manifest (what an edit looks for); for a chart template, as helm rendered it. */
  readonly name: string;
  /**
   * A chart template's object named after the release (`{{ .Release.Name }}-web`): the cluster name as a regular
   * expression (any release name), matched when exactly one workload of that kind in the namespace fits.
   */
  readonly clusterNamePattern?: string;
  /** The chart a template's object is rendered from (its folder name). */
  readonly chart?: string;
  /** The object's name in the cluster: the kustomization's `namePrefix`/`nameSuffix` applied. */
  readonly clusterName?: string;
  /** Undefined when neither the manifest nor a kustomization says (the context's namespace applies). */
  readonly namespace?: string;
  /** Where `namespace` comes from: the object itself, or the `namespace:` of the kustomization that reads the file. */
  readonly namespaceFrom?: 'object' | 'kustomization';
  /** The namespace the object itself writes (null: none), which tells apart two objects of one name in one file. */
  readonly ownNamespace: string | null;
  /** HPAs of the workspace (or of this file) that scale it on CPU or memory utilization. */
  readonly autoscalers?: readonly WorkloadAutoscaler[];
  /** The object's first line to its end. */
  readonly range: ProtocolRange;
  /** `spec.selector.matchLabels` (or a Service-style map), or the pod template's labels for a bare Pod. */
  readonly selector: Readonly<Record<string, string>>;
  /** `spec.selector.matchExpressions`, ANDed with `selector` (absent when there are none). */
  readonly matchExpressions?: readonly SelectorRequirement[];
  readonly containers: readonly WorkloadContainer[];
}

/** One `matchExpressions` entry, as written. */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** Params of `kubewise/workloads` (WorkloadsRequest in ./requests). */
export interface WorkloadsParams {
  readonly uri: string;
}

export interface WorkloadsResult {
  readonly uri: string;
  /** The document version the answer describes (null: the file on disk). */
  readonly version: number | null;
  readonly workloads: readonly Workload[];
}

/** Params of `kubewise/resourcesEdit` (ResourcesEditRequest in ./requests). */
export interface ResourcesEditParams {
  readonly uri: string;
  readonly kind: string;
  readonly name: string;
  /**
   * The namespace the object writes (null: it writes none): two objects of one kind and name in one file (staging
   * and prod) are told apart by it. Undefined: the first object of that kind and name.
   */
  readonly namespace?: string | null;
  readonly container: string;
  readonly requests: ResourceValues;
  readonly limits: ResourceValues;
  /** Write into this values key instead of the manifest (a chart template's container, see `valuesTarget`). */
  readonly values?: Pick<ValuesTarget, 'uri' | 'path'>;
}

export interface ProtocolTextEdit {
  readonly range: ProtocolRange;
  readonly newText: string;
}

export interface ResourcesEditResult {
  /** The document the edits apply to, when it is not the one asked about (a chart's values file). */
  readonly uri?: string;
  readonly version: number | null;
  /** One minimal edit (or none when the values are already written). */
  readonly edits: readonly ProtocolTextEdit[];
  /** Why no edit could be made (unknown workload or container, the manifest does not parse …). */
  readonly error?: string;
}

/** Params of `kubewise/objectLocations` (ObjectLocationsRequest in ./requests): where the workspace defines an
 * object running in the cluster (from a pod row of the panel). */
export interface ObjectLocationsParams {
  readonly kind: string;
  readonly name: string;
  /** The object's namespace in the cluster. */
  readonly namespace: string;
  /** The context's namespace: where a manifest that names no namespace lands. */
  readonly contextNamespace: string;
}

export interface ObjectLocation {
  /** The file's URI. */
  readonly uri: string;
  /** Zero-based line of the object's first key. */
  readonly line: number;
  /** The namespace the manifest writes, or undefined (it lands in the context's namespace). */
  readonly namespace?: string;
}

export interface ObjectLocationsResult {
  /** Every matching object of the workspace index (several files may define it: overlays, environments). */
  readonly locations: readonly ObjectLocation[];
}
