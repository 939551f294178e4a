/** Test helpers: lint a text with chosen rules, apply a diagnostic's fix. */
import type { LintDiagnostic, Settings } from '../../server/src/engine';
import { applyEdits, DEFAULT_SETTINGS, fixAll, lintText } from '../../server/src/engine';
import { createRuleSet } from '../../server/src/composition';
import type { MessageData } from '../../server/src/engine/rule';
import { observeReports } from '../../server/src/engine/rule';

/** A diagnostic with the message id and data it was reported with (tests match these, not prose). */
export interface Found extends LintDiagnostic {
  readonly messageId: string | undefined;
  readonly data: MessageData | undefined;
}

/**
 * Runs `run` (which lints) while watching the rules' reports, and returns a function that tells each diagnostic it
 * produced with its message id and data. Reports are matched by rule and resolved text.
 */
export function withIds<T>(run: () => T): { result: T; found: (d: LintDiagnostic) => Found } {
  const seen = new Map<string, { messageId: string | undefined; data: MessageData | undefined }>();
  observeReports((ruleId, message, messageId, data) => seen.set(`${ruleId}\0${message}`, { messageId, data }));
  let result: T;
  try {
    result = run();
  } finally {
    observeReports(undefined);
  }
  return {
    result,
    found: (d) => ({ ...d, ...(seen.get(`${d.ruleId}\0${d.message}`) ?? { messageId: undefined, data: undefined }) }),
  };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, rules: {}, ignorePaths: [], ...over };
}

/** Lints `text` with only the named rules (all rules when none are named), in the strict profile unless told. */
export function lint(text: string, ruleIds?: string[], over: Partial<Settings> = {}): Found[] {
  const s = settings(over);
  const rs = createRuleSet(s, ruleIds ? new Set(ruleIds) : undefined);
  const { result: res, found } = withIds(() => lintText(text, rs));
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
