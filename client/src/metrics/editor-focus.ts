/** Tells the panel which workload the active editor shows (the one under the cursor, else the first). */
import * as vscode from 'vscode';
import { toRange, type ManifestWorkloads } from './manifest-workloads';
import { livePods, namespaceOf } from './workload-usage';

export class EditorFocus implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly source: ManifestWorkloads) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 200);
  }

  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const snap = this.source.metrics.latest;
    if (!editor || editor.document.languageId !== 'yaml' || !snap) return;
    const { workloads } = await this.source.workloads(editor.document);
    const cursor = editor.selection.active;
    const w = workloads.find((x) => toRange(x.range).contains(cursor)) ?? workloads[0];
    if (!w) {
      this.source.metrics.setFocus(null);
      return;
    }
    this.source.metrics.setFocus({
      label: `${w.kind}/${w.clusterName ?? w.name}`,
      namespace: namespaceOf(w, snap),
      podKeys: livePods(w, snap).map((p) => p.key),
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
