/** Test helpers: lint a text with chosen rules, apply a diagnostic's fix. */
import type { LintDiagnostic, Settings } from '../../server/src/engine';
import { applyEdits, DEFAULT_SETTINGS, fixAll, lintText } from '../../server/src/engine';
import { createRuleSet } from '../../server/src/composition';

/** A diagnostic with the message id and data it was reported with (tests match these, not prose). */
export interface Found extends LintDiagnostic {
  readonly messageId: string | undefined;
  readonly data: LintDiagnostic['data'];
}

/** A diagnostic as a `Found`: the engine puts the message id and data on every diagnostic a rule reports. */
export function found(d: LintDiagnostic): Found {
  return { ...d, messageId: d.messageId, data: d.data };
}

/** Runs `run` (which lints) and returns its result with `found`, for tests that lint through a workspace. */
export function withIds<T>(run: () => T): { result: T; found: (d: LintDiagnostic) => Found } {
  return { result: run(), found };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, rules: {}, ignorePaths: [], ...over };
}

/** Lints `text` with only the named rules (all rules when none are named), in the strict profile unless told. */
export function lint(text: string, ruleIds?: string[], over: Partial<Settings> = {}): Found[] {
  const s = settings(over);
  const rs = createRuleSet(s, ruleIds ? new Set(ruleIds) : undefined);
  const res = lintText(text, rs);
  if (res.failures.length) throw new Error(`rule failures: ${JSON.stringify(res.failures)}`);
  return res.diagnostics.map(found);
}

export function applyFix(text: string, d: LintDiagnostic): string {
  if (!d.fix) throw new Error(`diagnostic ${d.ruleId} has no fix`);
  return applyEdits(text, d.fix.edits);
}

/** Fix-all with unsafe fixes too (as `--fix --unsafe-fixes`), unless `unsafe` is false. */
export function fixAllText(text: string, ruleIds?: string[], over: Partial<Settings> = {}, unsafe = true): string {
  const rs = createRuleSet(settings(over), ruleIds ? new Set(ruleIds) : undefined);
  return fixAll(text, rs, undefined, { unsafe }).text;
}

/** `line:col-line:col` (1-based, as editors show), for compact range assertions. */
export function where(d: LintDiagnostic): string {
  const r = d.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}
