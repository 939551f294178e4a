/**
 * Findings that several overlays place on one file (a base they share): one per place and rule. Its fix edits the
 * shared file for every overlay at once, so it is kept only when every overlay that reports the finding proposes
 * the same edit; when they differ, the fix carries one overlay's values into the others', and none is offered.
 */
import type { Fix, LintDiagnostic } from '../../engine/types';

export function mergeOverlayFindings(lists: ReadonlyArray<readonly LintDiagnostic[]>): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const byKey = new Map<string, { index: number; fix: string }>();
  for (const list of lists) {
    for (const d of list) {
      const key = `${d.range.start.line}\0${d.range.start.character}\0${d.ruleId}`;
      const fix = signature(d.fix);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { index: out.length, fix });
        out.push(d);
      } else if (seen.fix !== fix && out[seen.index].fix) {
        const kept = { ...out[seen.index] };
        delete kept.fix;
        out[seen.index] = kept;
      }
    }
  }
  return out;
}

function signature(fix: Fix | undefined): string {
  return fix ? JSON.stringify([fix.safety, fix.edits]) : '';
}
