/**
 * The "Cluster Metrics" webview view: its HTML (strict CSP with a nonce, resources only from
 * client/media/metrics, the page's script bundled there from client/webview/metrics), and the message pipe to the
 * controller. Messages from the page are validated on arrival.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseFromWebview, type FromWebview, type ToWebview } from './messages';

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
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.js'));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>Cluster Metrics</title>
</head>
<body>
<header class="bar" role="toolbar" aria-label="Cluster Metrics">
  <label class="ctx">Context <select id="context" aria-label="Cluster context"></select></label>
  <button id="refresh" type="button" title="Refresh now">Refresh</button>
  <span id="status" role="status" aria-live="polite"></span>
</header>
<section id="waiting" aria-label="Waiting for a credential command" aria-live="polite" hidden></section>
<section id="problems" aria-label="Problems"></section>
<section id="focus" aria-label="Workload in the editor" hidden></section>
<details id="nodes-section" open>
  <summary>Nodes</summary>
  <div class="hscroll"><table id="nodes" aria-label="Nodes"><thead></thead><tbody></tbody></table></div>
</details>
<section aria-label="Pods">
  <div class="bar">
    <input id="filter" type="search" placeholder="Filter pods, containers, owners" aria-label="Filter pods">
    <select id="namespace" aria-label="Namespace"><option value="">All namespaces</option></select>
  </div>
  <div class="hscroll">
    <div id="pods-head" class="row head" role="row"></div>
    <div id="pods" role="grid" aria-label="Pods and containers" tabindex="0"><div id="spacer"></div><div id="window"></div></div>
  </div>
  <div id="detail" aria-live="polite"></div>
</section>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
