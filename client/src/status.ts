/** The status-bar item: the Kubewise problem count of the active manifest; a click opens the Problems view. */
import * as vscode from 'vscode';
import {
  ACTIVE_CONTEXT,
  COMMANDS,
  DIAGNOSTIC_SOURCE,
  looksLikeKubernetes,
  SETTINGS_SECTION,
} from '../../server/src/protocol';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countKubewise(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
    else c.infos++;
  }
  return c;
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private active = false;

  constructor() {
    this.item = vscode.window.createStatusBarItem('kubewise.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Kubewise';
    this.item.command = COMMANDS.showProblems;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.update();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // A manifest can become one (or stop being one) as it is typed: only the first/last `kind:` matters.
        if (e.document === vscode.window.activeTextEditor?.document && this.active !== this.isManifest(e.document))
          this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration(`${SETTINGS_SECTION}.statusBar`) ||
          e.affectsConfiguration(`${SETTINGS_SECTION}.enable`)
        )
          this.update();
      }),
    );
    this.update();
  }

  /** The item's text when it is shown, else undefined (for the extension's tests). */
  get text(): string | undefined {
    return this.active && this.shown ? this.item.text : undefined;
  }

  private shown = false;

  private isManifest(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'yaml' && looksLikeKubernetes(doc.getText());
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    this.active = !!doc && this.isManifest(doc);
    void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT, this.active);
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, doc?.uri);
    if (!doc || !this.active || !config.get<boolean>('statusBar', true) || !config.get<boolean>('enable', true)) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const c = countKubewise(vscode.languages.getDiagnostics(doc.uri));
    const total = c.errors + c.warnings + c.infos;
    // Only the non-zero counts, after the name: VS Code's own problem counter sits nearby and looks alike.
    const parts = [
      c.errors ? `$(error) ${c.errors}` : '',
      c.warnings ? `$(warning) ${c.warnings}` : '',
      c.infos ? `$(info) ${c.infos}` : '',
    ].filter(Boolean);
    this.item.text = total === 0 ? '$(pass) Kubewise' : `Kubewise ${parts.join(' ')}`;
    this.item.tooltip =
      total === 0
        ? 'Kubewise: no problems in this manifest'
        : `Kubewise: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')} in this manifest. Click to show them.`;
    this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
    this.item.backgroundColor = c.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}
