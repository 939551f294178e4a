/** Ranges of findings: what a report covers, and how a segment's results move when lines are inserted above it. */
import type { Node, Pair } from '../yaml/nodes';
import { isPair } from '../yaml/nodes';
import type { Report } from './rule';
import type { Fix, LintDiagnostic, Range } from './types';

/** The segment-local offsets a report covers: a node, a pair (key through value), or a pair's key. */
export function reportRange(r: Report): [number, number] {
  const n = r.node;
  if (isPair(n)) {
    const pair = n as Pair;
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const end = r.keyOnly ? (key?.range?.[1] ?? start) : (value?.range?.[1] ?? key?.range?.[1] ?? start);
    return [start, Math.max(start, end)];
  }
  const range = (n as Node).range;
  return range ? [range[0], range[1]] : [0, 0];
}

/** Block collections end after their last newline; a squiggle should stop at the last character written. */
export function trimEnd(text: string, range: [number, number]): [number, number] {
  const start = range[0];
  let end = range[1];
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end === range[1] ? range : [start, end];
}

/** A diagnostic computed for a segment at line 0, moved to a segment that starts `delta` lines down. */
export function shiftDiagnostic(d: LintDiagnostic, delta: number): LintDiagnostic {
  const mv = (r: Range): Range => ({
    start: { line: r.start.line + delta, character: r.start.character },
    end: { line: r.end.line + delta, character: r.end.character },
  });
  const mvFix = (f: Fix): Fix => ({ ...f, edits: f.edits.map((e) => ({ range: mv(e.range), newText: e.newText })) });
  const out: LintDiagnostic = { ...d, range: mv(d.range) };
  if (d.fix) out.fix = mvFix(d.fix);
  if (d.suggestions) out.suggestions = d.suggestions.map(mvFix);
  if (d.objectLine !== undefined) out.objectLine = d.objectLine + delta;
  return out;
}

/** The order findings are listed in (CLI output, chart and overlay results): line, column, then rule id. */
export function byPosition(a: LintDiagnostic, b: LintDiagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
