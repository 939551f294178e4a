/**
 * The composition root: the one place that knows which rules exist and hands them to the engine. The language
 * server, the CLI and server.ts take their rule sets and rule ids from here; engine/ never imports rules/.
 */
import type { RuleSet } from './engine/rule-set';
import { selectRules } from './engine/rule-set';
import type { AnyRule } from './engine/rule';
import type { Settings } from './engine/types';
import { allRules } from './rules';

/** Every rule Kubewise ships, in catalogue order. */
export const RULES: readonly AnyRule[] = allRules;

/** The ids of `RULES`: settings and `.kubewise.yaml` are checked against them. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));

/** The rules in force for these settings, optionally limited to some ids (the CLI's `--only`). */
export function createRuleSet(
  settings: Settings,
  only?: ReadonlySet<string>,
  rules: readonly AnyRule[] = RULES,
): RuleSet {
  return selectRules(rules, settings, only);
}
