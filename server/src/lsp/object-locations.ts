/**
 * kubewise/objectLocations: where the workspace index (every manifest of the workspace folders, not only the open
 * editors) defines an object that runs in the cluster, so that the metrics panel opens a pod's manifest from its
 * row. Matched by kind, name and namespace; a manifest that writes no namespace lands in the context's namespace
 * (a kustomization's `namespace:` counts as written: the index applies it).
 */
import type { RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceIndexView } from '../model/workspace';
import type { ObjectLocation, ObjectLocationsParams, ObjectLocationsResult } from '../protocol/metrics';
import { ObjectLocationsRequest } from '../protocol/requests';

function writtenNamespace(value: Readonly<Record<string, unknown>>): string | undefined {
  const meta = value.metadata;
  if (!meta || typeof meta !== 'object') return undefined;
  const ns = (meta as Record<string, unknown>).namespace;
  return typeof ns === 'string' && ns ? ns : undefined;
}

export function objectLocations(index: WorkspaceIndexView, p: ObjectLocationsParams): ObjectLocationsResult {
  const locations: ObjectLocation[] = [];
  for (const o of index.objects(p.kind)) {
    if (o.name !== p.name) continue;
    const written = writtenNamespace(o.value);
    // The index's namespace includes a kustomization's; a bare manifest's lands wherever the context points.
    const exact =
      written !== undefined
        ? written === p.namespace
        : o.namespace === p.namespace && o.namespace !== index.defaultNamespace;
    const unwritten = written === undefined && p.namespace === p.contextNamespace;
    if (exact || unwritten) locations.push({ uri: o.uri, line: o.line, ...(written ? { namespace: written } : {}) });
  }
  // Manifests that name the namespace first: they say where they go; one that names none could go anywhere.
  locations.sort((a, b) => Number(b.namespace !== undefined) - Number(a.namespace !== undefined));
  return { locations };
}

export function registerObjectLocationsRequest(
  connection: {
    onRequest<P, R>(type: RequestType<P, R, void>, handler: (params: P) => R): unknown;
    console: { error(message: string): void };
  },
  index: () => WorkspaceIndexView,
): void {
  connection.onRequest(ObjectLocationsRequest, (params) => {
    try {
      return objectLocations(index(), params);
    } catch (e) {
      connection.console.error(
        `${ObjectLocationsRequest.method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return { locations: [] } satisfies ObjectLocationsResult;
    }
  });
}
