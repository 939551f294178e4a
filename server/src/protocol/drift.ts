/**
 * The custom requests of live drift (the manifest against what runs). The server knows every object of an open
 * manifest, its plain value and where each of its keys is written; the client compares that value with the cluster
 * and asks here instead of parsing the YAML a second time. Plain data types only: the client imports this file.
 */
import type { ProtocolRange } from './metrics';

/** A key or list index on the way to a value, as Kubernetes objects are addressed. */
export type DriftPathSegment = string | number;

/** Where one key (or list item) of an object is written. */
export interface DriftPathRange {
  readonly path: readonly DriftPathSegment[];
  /** The key to the end of its line (a scalar value included), or the list item's first line. */
  readonly range: ProtocolRange;
}

export interface DriftObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined when the manifest does not say (the context's namespace applies). */
  readonly namespace?: string;
  /** The object's first key (where its CodeLens goes). */
  readonly anchor: ProtocolRange;
  /** The object as plain data (aliases and merge keys resolved), as it would be sent to the API server. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Every key and list item of the object, with where it is written. */
  readonly paths: readonly DriftPathRange[];
  /** The workspace's HorizontalPodAutoscalers whose `scaleTargetRef` names this object. */
  readonly hpas: readonly string[];
}

/** Params of `kubewise/driftObjects` (DriftObjectsRequest in ./requests). */
export interface DriftObjectsParams {
  readonly uri: string;
}

export interface DriftObjectsResult {
  readonly uri: string;
  /** The document version the answer describes (null: the document is not open). */
  readonly version: number | null;
  readonly objects: readonly DriftObject[];
}

/** One object of the workspace, for "objects of the workspace that are not in the cluster". */
export interface WorkspaceObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined when the manifest does not say. */
  readonly namespace?: string;
  readonly uri: string;
  /** Zero-based line of the object's first key. */
  readonly line: number;
}

/** The answer of `kubewise/workspaceObjects` (WorkspaceObjectsRequest in ./requests). */
export interface WorkspaceObjectsResult {
  readonly objects: readonly WorkspaceObjectRef[];
}
