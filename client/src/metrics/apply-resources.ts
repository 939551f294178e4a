/**
 * "Apply recommended resources" (the light bulb, the measured quick fixes, the panel's button): shows what will
 * change, field by field (old → new), with the context, namespace, the history's span and window count, and writes
 * only what the user keeps ticked, as one undoable edit made by the language server (comments and indentation
 * kept). A request an HPA scales on starts unticked, with how it would move the HPA. The object is found by kind,
 * name and the namespace it writes, so of two `Deployment/web` in one file only the one asked for is edited.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ResourcesEditParams } from '../../../server/src/protocol';
import { ResourcesEditRequest } from '../../../server/src/protocol/requests';
import { basis, collectingText, type Recommendation } from './recommend';
import { changeLabel, changesFor, invalidAfter, valuesOf, type FieldChange } from './resource-changes';
import { toRange, type ManifestWorkloads } from './manifest-workloads';
import { livePods } from './workload-usage';

interface ChangeItem extends vscode.QuickPickItem {
  readonly change: FieldChange;
}

/** What the confirmation shows while it is open (read by the extension tests). */
export interface Confirmation {
  readonly title: string;
  readonly placeholder: string;
  readonly items: readonly { readonly label: string; readonly picked: boolean; readonly detail?: string }[];
}

export class ApplyResources {
  /** The confirmation on screen, if any. */
  confirming: Confirmation | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly source: ManifestWorkloads,
  ) {}

  /** Writes the recommendation into the container after confirmation; returns whether an edit was applied. */
  async apply(
    uri: string,
    kind: string,
    name: string,
    container: string,
    only?: 'cpu' | 'memory' | null,
    namespace?: string | null,
  ): Promise<boolean> {
    const doc =
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
      (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    const { workloads } = await this.source.workloads(doc);
    const w = workloads.find(
      (x) => x.kind === kind && x.name === name && (namespace === undefined || x.ownNamespace === namespace),
    );
    const c = w?.containers.find((x) => x.name === container);
    const found = w && c ? await this.source.rightsizing(w, c) : undefined;
    if (!w || !c || !found) {
      void vscode.window.showInformationMessage(
        `Kubewise: no recommendation for ${container} in ${kind}/${name} yet (the panel needs live usage of its pods).`,
      );
      return false;
    }
    if (found.r.kind === 'collecting') {
      void vscode.window.showInformationMessage(
        `Kubewise: no recommendation for ${container} yet: ${collectingText(found.r)}.`,
      );
      return false;
    }
    const rec = found.r;
    const changes = changesFor(rec, c, found.live.autoscalers, only ?? undefined, w.containers);
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(`Kubewise: ${container} already has the recommended resources.`);
      return false;
    }
    const where = `${w.kind}/${found.live.name} › ${c.name}`;
    // A chart template's container: the values key that feeds its resources is what is written.
    const into = c.valuesTarget ? `${c.valuesTarget.display} (feeds ${where} in chart ${w.chart ?? ''})` : where;
    const chosen = await this.confirm(changes, {
      title: `Kubewise: write into ${into} (namespace ${found.live.namespace}, context ${found.live.snap.context})`,
      placeholder: `Measured: ${basis(rec)}${rec.confidence === 'low' ? ', low confidence' : ''}. Untick what not to write; Enter writes.`,
    });
    if (!chosen || chosen.length === 0) return false;
    const invalid = invalidAfter(c, chosen);
    if (invalid) {
      void vscode.window.showWarningMessage(`Kubewise: not written: ${invalid}. Keep the limit change ticked.`);
      return false;
    }
    const params: ResourcesEditParams = {
      uri,
      kind,
      name: w.name,
      namespace: w.ownNamespace,
      container,
      ...valuesOf(chosen),
      ...(c.valuesTarget ? { values: { uri: c.valuesTarget.uri, path: c.valuesTarget.path } } : {}),
    };
    const result = await this.client.sendRequest(ResourcesEditRequest, params);
    if (result.error) {
      void vscode.window.showWarningMessage(`Kubewise: cannot apply the recommendation: ${result.error}`);
      return false;
    }
    const target = result.uri
      ? (vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri) ??
        (await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri))))
      : doc;
    if (result.version !== null && result.version !== target.version) {
      void vscode.window.showWarningMessage('Kubewise: the manifest changed meanwhile; try again.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(target.uri, toRange(e.range), e.newText);
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok)
      this.source.log.info(
        `Applied to ${into} (namespace ${found.live.namespace}, context ${found.live.snap.context}): ${chosen.map(changeLabel).join(', ')} (${basis(rec)})`,
      );
    return ok;
  }

  private async confirm(
    changes: readonly FieldChange[],
    text: { title: string; placeholder: string },
  ): Promise<FieldChange[] | undefined> {
    const items: ChangeItem[] = changes.map((change) => ({
      label: changeLabel(change),
      picked: !change.hpa,
      ...(change.hpa || change.why ? { detail: change.hpa ?? change.why } : {}),
      change,
    }));
    this.confirming = {
      ...text,
      items: items.map((i) => ({
        label: i.label,
        picked: i.picked ?? false,
        ...(i.detail ? { detail: i.detail } : {}),
      })),
    };
    try {
      const picked = await vscode.window.showQuickPick(items, {
        title: text.title,
        placeHolder: text.placeholder,
        canPickMany: true,
        ignoreFocusOut: true,
        matchOnDetail: true,
      });
      return picked?.map((i) => i.change);
    } finally {
      this.confirming = undefined;
    }
  }

  /** The panel's button: finds an open manifest whose workload runs that pod. */
  async applyFromPanel(podKey: string, container: string): Promise<void> {
    const snap = this.source.metrics.latest;
    if (!snap) return;
    const docs = vscode.workspace.textDocuments.filter((d) => d.languageId === 'yaml');
    const active = vscode.window.activeTextEditor?.document;
    if (active) docs.sort((a, b) => (a === active ? -1 : b === active ? 1 : 0));
    for (const doc of docs) {
      for (const w of (await this.source.workloads(doc)).workloads) {
        if (!w.containers.some((c) => c.name === container)) continue;
        if (livePods(w, snap).some((p) => p.key === podKey)) {
          await this.apply(doc.uri.toString(), w.kind, w.name, container, null, w.ownNamespace);
          return;
        }
      }
    }
    const owner = snap.pods.find((p) => p.key === podKey)?.owner || podKey;
    void vscode.window.showInformationMessage(
      `Kubewise: open the manifest of ${owner} to write the recommended resources into it.`,
    );
  }
}

export type { Recommendation };
