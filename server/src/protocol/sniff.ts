/**
 * Which YAML texts Kubewise looks at, decided the same way by the client (status bar, menus) and the server: a
 * Kubernetes manifest has `apiVersion` and `kind`; a Helm template (`{{ … }}`) is never linted as YAML.
 */
const HELM = /^[^#\n]*\{\{/m;
// `[ \t]`, not `\s`: `^\s*` would run on over every following blank line from each line start (quadratic).
const API_VERSION_LINE = /^[ \t]*(?:-[ \t]+)?["']?apiVersion["']?[ \t]*:/m;
const KIND_LINE = /^[ \t]*(?:-[ \t]+)?["']?kind["']?[ \t]*:/m;

export function isHelmTemplate(text: string): boolean {
  return HELM.test(text);
}

/** Whether a text looks like Kubernetes YAML even when it does not parse (for syntax errors). */
export function looksLikeKubernetes(text: string): boolean {
  return API_VERSION_LINE.test(text) && KIND_LINE.test(text);
}
