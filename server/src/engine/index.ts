/** The engine's public face, for the language server, the CLI and the tests. Which rules exist is not its business:
 * the composition root (server/src/composition.ts) passes them in. */
export * from './types';
export { applyEdits, minimalEdit } from './apply';
export { CONFIG_FILE_NAME, mergeSettings, parseConfig, validateSettings, withoutDefaults } from './config';
export { fixAll } from './fixall';
export { ignoreForObjectFix, ignoreOnLineFix } from './ignore';
export { DocumentLinter, drain, lintText } from './document-linter';
export type { LintOptions } from './document-linter';
export { reportedSeverity, RuleSet, selectRules } from './rule-set';
export { displayTitle, fixSafetyOf, isBulkFix } from './fix-safety';
export { normalisePath, Workspace } from './workspace';
export type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
export { effectiveSeverity, severityAtLeast } from './severity';
