/** Names the extension shares with package.json (`contributes`) and with the language server. */
export const SECTION = 'kubewise';
export const SOURCE = 'kubewise';
/** The code action kind of "fix everything Kubewise can fix" (offered by the server). */
export const FIX_ALL_KIND = 'source.fixAll.kubewise';

export const COMMANDS = {
  fixAll: 'kubewise.fixAll',
  lintWorkspace: 'kubewise.lintWorkspace',
  showRuleDocs: 'kubewise.showRuleDocs',
  restartServer: 'kubewise.restartServer',
  showProblems: 'kubewise.showProblems',
  showOutput: 'kubewise.showOutput',
  openExample: 'kubewise.openExample',
  metricsChooseContext: 'kubewise.metrics.chooseContext',
  metricsRefresh: 'kubewise.metrics.refresh',
  metricsApplyRecommendation: 'kubewise.metrics.applyRecommendation',
} as const;

/** Context key: the active editor holds a Kubernetes manifest (menus use it). */
export const ACTIVE_CONTEXT = 'kubewise.active';

export const DOCS_BASE_URL = 'https://github.com/kubewise/kubewise/blob/main/docs/rules/';

/** A YAML text that is a Kubernetes manifest: some document has `apiVersion` and `kind` (as the engine decides). */
export function looksLikeKubernetes(text: string): boolean {
  return /^\s*(?:-\s+)?["']?apiVersion["']?\s*:/m.test(text) && /^\s*(?:-\s+)?["']?kind["']?\s*:/m.test(text);
}
