/** The engine's public face, for the language server, the CLI and the tests. */
import { allRules } from '../rules';
import { AnyRule } from './rule';
import { RuleSet } from './runner';
import { Settings } from './types';

export * from './types';
export { applyEdits, minimalEdit } from './apply';
export { CONFIG_FILE_NAME, mergeSettings, parseConfig, validateSettings, withoutDefaults } from './config';
export { fixAll } from './fixall';
export { displayTitle, fixSafetyOf, isBulkFix } from './fix-safety';
export { ignoreForObjectFix, ignoreOnLineFix, ruleDocsUrl } from './ignore';
export { DocumentLinter, isHelmTemplate, lintText, looksLikeKubernetes, RuleSet } from './runner';
export type { LintOptions } from './runner';
export { normalisePath, Workspace } from './workspace';
export type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
export { effectiveSeverity, severityAtLeast } from './severity';

/** The rules in force for these settings, optionally limited to some ids (the CLI's `--only`). */
export function createRuleSet(
  settings: Settings,
  only?: ReadonlySet<string>,
  rules: readonly AnyRule[] = allRules,
): RuleSet {
  return new RuleSet(only ? rules.filter((r) => only.has(r.meta.id)) : rules, settings);
}
