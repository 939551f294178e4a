/**
 * Which YAML texts Kubewise looks at, decided the same way by the client (status bar, menus) and the server: a
 * Kubernetes manifest has `apiVersion` and `kind`; a Helm template (`{{ … }}`) is never linted as YAML.
 */
const HELM = /^[^#\n]*\{\{/m;
// `[ \t]`, not `\s`: `^\s*` would run on over every following blank line from each line start (quadratic).
const API_VERSION_LINE = /^[ \t]*(?:-[ \t]+)?["']?apiVersion["']?[ \t]*:/m;
const KIND_LINE = /^[ \t]*(?:-[ \t]+)?["']?kind["']?[ \t]*:/m;

/** `{{NAME}}`, `{{ name }}`: a substitution placeholder (sed, envsubst, mustache), not a Go template action. */
const PLACEHOLDER = /^\{\{[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*\}\}/;
/** Go template keywords that stand alone in an action, as placeholders do. */
const KEYWORD = /^\{\{[ \t]*(?:end|else|break|continue)[ \t]*\}\}/;

/**
 * Whether a text is a Helm (Go) template, never linted as YAML. A `{{` makes it one, except a placeholder such as
 * `sed "s/{{PROJECT_ID}}/…/"` inside a string or a command: the YAML around it is plain Kubernetes, and skipping the
 * object would hide it from every lookup. A placeholder that starts a value (`name: {{cell}}`) would be read as a
 * flow mapping, so that text stays a template too.
 */
export function isHelmTemplate(text: string): boolean {
  // `includes` first: native and quick on a 200,000-character line, where the line-anchored pattern scans it twice
  if (!text.includes('{{') || !HELM.test(text)) return false;
  for (const line of text.split('\n')) {
    let at = line.indexOf('{{');
    if (at < 0) continue;
    const hash = line.indexOf('#');
    for (; at >= 0 && (hash < 0 || at < hash); at = line.indexOf('{{', at + 2)) {
      const rest = line.slice(at);
      if (!PLACEHOLDER.test(rest) || KEYWORD.test(rest)) return true;
      if (/(?:^|[:\-[,{])[ \t]*$/.test(line.slice(0, at))) return true;
    }
  }
  return false;
}

/** Whether a text looks like Kubernetes YAML even when it does not parse (for syntax errors). */
export function looksLikeKubernetes(text: string): boolean {
  return API_VERSION_LINE.test(text) && KIND_LINE.test(text);
}
