/** What the formatters receive: one call per linted file, then the totals. */
import type { LintDiagnostic, RuleFailure, Severity } from '../engine/types';

export interface FileReport {
  display: string;
  /** Already filtered (`--quiet`) and sorted by position. */
  diagnostics: LintDiagnostic[];
  failures: RuleFailure[];
  /** Fixes applied by `--fix`. */
  fixed: number;
}

export interface Summary {
  /** Files linted (not skipped, not ignored). */
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Remaining findings that `--fix` would fix (safe fixes). */
  fixable: number;
  /** Remaining findings whose fix is unsafe: only `--fix --unsafe-fixes` applies them. */
  unsafeFixable: number;
  /** Fixes applied by `--fix`, and in how many files. */
  fixed: number;
  fixedFiles: number;
  /** Fixes applied to a chart or an overlay, then rolled back because it no longer rendered or gained errors. */
  rolledBack: number;
  /** Files not linted, by reason (`Helm template`, `binary file`…). */
  skipped: Map<string, number>;
  /** Paths left out by ignorePaths / `--ignore`. */
  ignored: number;
}

export function emptySummary(): Summary {
  return {
    files: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    fixable: 0,
    unsafeFixable: 0,
    fixed: 0,
    fixedFiles: 0,
    rolledBack: 0,
    skipped: new Map(),
    ignored: 0,
  };
}

export function count(summary: Summary, severity: Severity): void {
  if (severity === 'error') summary.errors++;
  else if (severity === 'warning') summary.warnings++;
  else summary.infos++;
}

export interface Reporter {
  file(report: FileReport): void;
  /** A file not linted (`--verbose` lists them; the summary counts them). */
  skipped(display: string, reason: string): void;
  end(summary: Summary): void;
}

/** `1 file`, `2 files`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
