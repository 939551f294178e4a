/**
 * "Open manifest" from a pod or container row of the panel: the pod's workload (its owner chain, owners.ts; a bare
 * pod is itself) is looked up in the language server's workspace index (kubewise/objectLocations), which knows
 * every manifest of the workspace folders, open in an editor or not. One match opens at the object's first line;
 * several (overlays, one file per environment) are offered in a quick pick; none says so.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ObjectLocation, ObjectLocationsParams, ObjectLocationsResult } from '../../../server/src/protocol';
import { ObjectLocationsRequest } from '../../../server/src/protocol/requests';
import type { MetricsController } from './controller';

/** The workload to look up for a pod row: its resolved owner, else the `Kind/name` shown, else the pod itself. */
function workloadOfRow(pod: { name: string; owner: string; workload?: { kind: string; name: string } }) {
  if (pod.workload) return pod.workload;
  const slash = pod.owner.indexOf('/');
  return slash > 0
    ? { kind: pod.owner.slice(0, slash), name: pod.owner.slice(slash + 1) }
    : { kind: 'Pod', name: pod.name };
}

async function show(loc: ObjectLocation): Promise<void> {
  const pos = new vscode.Position(loc.line, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), {
    selection: new vscode.Range(pos, pos),
    preview: false,
  });
}

export function registerOpenManifest(
  client: LanguageClient,
  metrics: MetricsController,
  log: vscode.LogOutputChannel,
): void {
  metrics.openManifestHandler = async (podKey: string) => {
    const snap = metrics.latest;
    const pod = snap?.pods.find((p) => p.key === podKey);
    if (!snap || !pod) {
      void vscode.window.showWarningMessage(`Kubewise: the pod ${podKey} is no longer in the cluster's list.`);
      return;
    }
    const w = workloadOfRow(pod);
    const params: ObjectLocationsParams = {
      kind: w.kind,
      name: w.name,
      namespace: pod.namespace,
      contextNamespace: snap.namespace,
    };
    let result: ObjectLocationsResult;
    try {
      result = await client.sendRequest(ObjectLocationsRequest, params);
    } catch (e) {
      log.warn(`${ObjectLocationsRequest.method} failed: ${e instanceof Error ? e.message : String(e)}`);
      result = { locations: [] };
    }
    const what = `${w.kind} "${w.name}" (namespace ${pod.namespace})`;
    if (result.locations.length === 0) {
      void vscode.window.showInformationMessage(
        `Kubewise: no manifest in this workspace defines ${what}. Is it in another repository, or rendered by a tool Kubewise does not read?`,
      );
      return;
    }
    if (result.locations.length === 1) return show(result.locations[0]!);
    const pick = await vscode.window.showQuickPick(
      result.locations.map((loc) => ({
        label: vscode.workspace.asRelativePath(vscode.Uri.parse(loc.uri)),
        description: `line ${loc.line + 1}${loc.namespace ? '' : ' · no namespace written'}`,
        loc,
      })),
      { title: `Kubewise: manifests that define ${what}` },
    );
    if (pick) await show(pick.loc);
  };
}
