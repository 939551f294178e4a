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
  readonly containers: readonly WorkloadContainer[];
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
