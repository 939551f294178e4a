/** Command ids: the client's (contributed in package.json) and the one the server executes. */
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
  driftCompareWithLive: 'kubewise.drift.compareWithLive',
  driftRefresh: 'kubewise.drift.refresh',
  driftShowProblem: 'kubewise.drift.showProblem',
  driftChooseNamespaces: 'kubewise.drift.chooseNamespaces',
  driftRefreshMissing: 'kubewise.drift.refreshMissing',
} as const;

/** Executed by the server (workspace/executeCommand) from a diagnostic's "show documentation" action. */
export const SHOW_DOCUMENTATION_COMMAND = 'kubewise.showDocumentation';

/** Context key: the active editor holds a Kubernetes manifest (menus use it). */
export const ACTIVE_CONTEXT = 'kubewise.active';
