/**
 * The "Cluster Metrics" webview view: its HTML (strict CSP with a nonce, resources only from
 * client/media/metrics, the page's script bundled there from client/webview/metrics), and the message pipe to the
 * controller. Messages from the page are validated on arrival.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseFromWebview, type FromWebview, type ToWebview } from './messages';
import { panelPage } from './panel-page';

export const METRICS_VIEW_ID = 'kubewise.metrics';

export interface ViewHost {
  onMessage(m: FromWebview): void;
  onVisible(visible: boolean): void;
  /** Messages the page sent that were not valid (counted for tests; logged without content). */
  onInvalidMessage(): void;
}

export class MetricsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Every message posted, newest last (bounded), so that tests can search them for a credential. */
  readonly posted: string[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: ViewHost,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'client', 'media', 'metrics');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = panelHtml(view.webview, media);
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: unknown) => {
        const msg = parseFromWebview(m);
        if (msg) this.host.onMessage(msg);
        else this.host.onInvalidMessage();
      }),
      view.onDidChangeVisibility(() => this.host.onVisible(view.visible)),
      view.onDidDispose(() => {
        this.view = undefined;
        this.host.onVisible(false);
      }),
    );
    this.host.onVisible(view.visible);
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  get html(): string {
    return this.view?.webview.html ?? '';
  }

  post(m: ToWebview): void {
    if (!this.view) return;
    const text = JSON.stringify(m);
    this.posted.push(text.length > 200_000 ? text.slice(0, 200_000) : text);
    if (this.posted.length > 20) this.posted.shift();
    void this.view.webview.postMessage(m);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function panelHtml(webview: vscode.Webview, media: vscode.Uri): string {
  return panelPage({
    nonce: randomBytes(16).toString('base64'),
    cspSource: webview.cspSource,
    script: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.js')).toString(),
    css: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css')).toString(),
  });
}
