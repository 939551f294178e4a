/**
 * The manifest link: wires the modules that join an open manifest to the live cluster — the shared workloads and
 * right-sizing (manifest-workloads.ts), the CodeLens (manifest-lens.ts), the hover (manifest-hover.ts), the code
 * actions (manifest-actions.ts), Apply with its confirmation (apply-resources.ts) and the panel's focus on the
 * workload in the editor (editor-focus.ts). Objects, containers and ranges come from the language server
 * (kubewise/workloads); the edit too (kubewise/resourcesEdit). The client parses no YAML.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApplyResources } from './apply-resources';
import type { MetricsController } from './controller';
import { EditorFocus } from './editor-focus';
import { ManifestActions } from './manifest-actions';
import { ManifestHover } from './manifest-hover';
import { ManifestLens } from './manifest-lens';
import { ManifestWorkloads } from './manifest-workloads';

export { APPLY_RECOMMENDATION_KIND } from './manifest-actions';

export class ManifestLink implements vscode.Disposable {
  readonly source: ManifestWorkloads;
  readonly lens: ManifestLens;
  readonly applier: ApplyResources;
  private readonly focus: EditorFocus;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(client: LanguageClient, metrics: MetricsController, log: vscode.LogOutputChannel) {
    this.source = new ManifestWorkloads(client, metrics, log);
    this.lens = new ManifestLens(this.source);
    this.applier = new ApplyResources(client, this.source);
    this.focus = new EditorFocus(this.source);
    // Chart templates too, also under the Helm extensions' language id.
    const selector: vscode.DocumentSelector = [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
      { language: 'helm', scheme: 'file' },
    ];
    this.disposables.push(
      this.lens,
      this.focus,
      vscode.languages.registerCodeLensProvider(selector, this.lens),
      vscode.languages.registerHoverProvider(selector, new ManifestHover(this.source)),
      vscode.languages.registerCodeActionsProvider(
        selector,
        new ManifestActions(this.source),
        ManifestActions.metadata,
      ),
      metrics.onDidRefresh(() => {
        this.lens.refresh();
        this.focus.schedule();
      }),
      // Hidden (paused) and shown again: the lens says which, at once.
      metrics.onDidChangePolling(() => this.lens.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.focus.schedule()),
      vscode.window.onDidChangeTextEditorSelection(() => this.focus.schedule()),
      vscode.workspace.onDidCloseTextDocument((d) => this.source.forget(d.uri.toString())),
    );
    metrics.applyHandler = (pod, container) => this.applier.applyFromPanel(pod, container);
  }

  /** `kubewise.metrics.applyRecommendation`. */
  apply(
    uri: string,
    kind: string,
    name: string,
    container: string,
    only?: 'cpu' | 'memory' | null,
    namespace?: string | null,
  ): Promise<boolean> {
    return this.applier.apply(uri, kind, name, container, only, namespace);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
