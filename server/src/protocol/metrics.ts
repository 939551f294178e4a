/**
 * The custom requests between the Kubewise client and the language server for the cluster metrics panel. The
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
}

export interface Workload {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined when the manifest does not say (the context's namespace applies). */
  readonly namespace?: string;
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

export const WORKLOADS_REQUEST = 'kubewise/workloads';

export interface WorkloadsParams {
  readonly uri: string;
}

export interface WorkloadsResult {
  readonly uri: string;
  /** The document version the answer describes (null: the file on disk). */
  readonly version: number | null;
  readonly workloads: readonly Workload[];
}

export const RESOURCES_EDIT_REQUEST = 'kubewise/resourcesEdit';

export interface ResourcesEditParams {
  readonly uri: string;
  readonly kind: string;
  readonly name: string;
  readonly container: string;
  readonly requests: ResourceValues;
  readonly limits: ResourceValues;
}

export interface ProtocolTextEdit {
  readonly range: ProtocolRange;
  readonly newText: string;
}

export interface ResourcesEditResult {
  readonly version: number | null;
  /** One minimal edit (or none when the values are already written). */
  readonly edits: readonly ProtocolTextEdit[];
  /** Why no edit could be made (unknown workload or container, the manifest does not parse …). */
  readonly error?: string;
}

export const OBJECT_LOCATIONS_REQUEST = 'kubewise/objectLocations';

/** Where the workspace defines an object running in the cluster (from a pod row of the panel). */
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
