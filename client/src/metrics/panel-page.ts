/**
 * The Cluster Metrics page's HTML, apart from VS Code so that the page can also be loaded in a browser by the
 * tests that draw it: a strict Content Security Policy (nothing by default; styles, images and fonts only from
 * the webview's own resources; the one script only by its nonce, never inline or eval'd code).
 */
export interface PanelPageParts {
  /** A fresh random value per page load. */
  readonly nonce: string;
  /** The origin the page's resources are served from (`webview.cspSource`). */
  readonly cspSource: string;
  /** Addresses of client/media/metrics/panel.js and panel.css as the page reaches them. */
  readonly script: string;
  readonly css: string;
}

export function panelPage(p: PanelPageParts): string {
  const csp = [
    "default-src 'none'",
    `style-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
    `img-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${p.css}">
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
<script nonce="${p.nonce}" src="${p.script}"></script>
</body>
</html>`;
}
