/**
 * Which YAML texts Kubewise looks at, decided the same way by the client (status bar, menus) and the server: a
 * Kubernetes manifest has `apiVersion` and `kind`; a Helm template (`{{ … }}`) is never linted as YAML.
 */
const HELM = /^[^#\n]*\{\{/m;
const API_VERSION_LINE = /^\s*(?:-\s+)?["']?apiVersion["']?\s*:/m;
const KIND_LINE = /^\s*(?:-\s+)?["']?kind["']?\s*:/m;

export function isHelmTemplate(text: string): boolean {
  return HELM.test(text);
}

/** Whether a text looks like Kubernetes YAML even when it does not parse (for syntax errors). */
export function looksLikeKubernetes(text: string): boolean {
  return API_VERSION_LINE.test(text) && KIND_LINE.test(text);
}
