/**
 * The requests the Kubewise client sends the language server beyond LSP, as typed `RequestType` constants: the
 * client's `sendRequest` and the server's `onRequest` both take the constant, so params and results are checked by
 * the compiler on both sides (no casts of a bare method string). The client imports this file; it pulls in only the
 * protocol's message types (which the client and the server bundle anyway), not the protocol's index, so the CLI
 * bundle stays free of them.
 */
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { DriftObjectsParams, DriftObjectsResult, WorkspaceObjectsResult } from './drift';
import type {
  ObjectLocationsParams,
  ObjectLocationsResult,
  ResourcesEditParams,
  ResourcesEditResult,
  WorkloadsParams,
  WorkloadsResult,
} from './metrics';

/** The workloads of one manifest, for the Cluster Metrics view's CodeLens, hover and focus. */
export const WorkloadsRequest = new RequestType<WorkloadsParams, WorkloadsResult, void>('kubewise/workloads');

/** The edit that writes recommended requests and limits into one container (the view applies it). */
export const ResourcesEditRequest = new RequestType<ResourcesEditParams, ResourcesEditResult, void>(
  'kubewise/resourcesEdit',
);

/** The objects of one manifest as live drift compares them: plain bodies, anchors and every path's range. */
export const DriftObjectsRequest = new RequestType<DriftObjectsParams, DriftObjectsResult, void>(
  'kubewise/driftObjects',
);

/** Every object of the workspace index, for "objects of the workspace that are not in the cluster". */
export const WorkspaceObjectsRequest = new RequestType0<WorkspaceObjectsResult, void>('kubewise/workspaceObjects');

/** Where the workspace index defines a cluster object (the Cluster Metrics view's "Open manifest"). */
export const ObjectLocationsRequest = new RequestType<ObjectLocationsParams, ObjectLocationsResult, void>(
  'kubewise/objectLocations',
);
