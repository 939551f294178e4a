/**
 * "Fix all": applies the preferred fix of every diagnostic, in passes. Each pass takes the fixes that do not clash,
 * applies them, and lints again, so that fixes which touch the same block (a missing cpu and a missing memory
 * request of one container) compose into one well-formed block instead of duplicated keys.
 *
 * Only safe fixes unless `unsafe` is set: bulk fixing must never change what runs (see FixSafety).
 */
import { LineIndex } from '../yaml/lines';
import { applyOffsetEdits, pickCompatibleFixes } from './apply';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { DocumentLinter } from './document-linter';
import type { LintOptions } from './document-linter';
import type { RuleSet } from './rule-set';
import type { Fix, LintDiagnostic } from './types';
import { isBulkFix } from './fix-safety';

export const MAX_FIX_PASSES = 16;

export interface FixAllResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
  passes: number;
}

export interface FixAllOptions {
  /**
   * The workspace index to lint each pass against, given the fixed text's own objects (a workspace: the other
   * files' objects plus these). Each pass sees the objects earlier passes added, so no fix is applied twice.
   */
  indexFor?: (entries: readonly IndexedObject[]) => WorkspaceIndexView;
  /** The text's URI (for index entries). */
  uri?: string;
  /** Apply unsafe fixes too (the CLI's `--unsafe-fixes`); safe ones only by default. */
  unsafe?: boolean;
}

export function fixAll(
  text: string,
  ruleSet: RuleSet,
  filter: (d: LintDiagnostic) => boolean = () => true,
  options: FixAllOptions = {},
): FixAllResult {
  // One linter across passes: segments a pass did not touch are not parsed again.
  const linter = new DocumentLinter(options.uri);
  let current = text;
  let applied = 0;
  let passes = 0;
  for (; passes < MAX_FIX_PASSES; passes++) {
    linter.update(current);
    const lintOptions: LintOptions = options.indexFor ? { index: options.indexFor(linter.entries()) } : {};
    const { diagnostics } = linter.lint(ruleSet, lintOptions);
    const fixes: Fix[] = diagnostics.filter((d) => isBulkFix(d.fix, options.unsafe) && filter(d)).map((d) => d.fix!);
    if (fixes.length === 0) break;
    const lines = new LineIndex(current);
    const { edits, count } = pickCompatibleFixes(lines, fixes);
    if (edits.length === 0) break;
    const next = applyOffsetEdits(current, edits);
    if (next === current) break;
    applied += count;
    current = next;
  }
  return { text: current, applied, passes };
}
