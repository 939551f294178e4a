/** Applies LSP-style text edits to a text, and computes the one minimal edit between two texts. */
import { LineIndex } from '../yaml/lines';
import type { Fix, TextEdit } from './types';

export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export function toOffsetEdits(lines: LineIndex, edits: readonly TextEdit[]): OffsetEdit[] {
  return edits.map((e) => ({
    start: lines.offsetAt(e.range.start),
    end: lines.offsetAt(e.range.end),
    text: e.newText,
  }));
}

/** Applies non-overlapping edits (throws on overlap: callers choose which fixes go together). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return applyOffsetEdits(text, toOffsetEdits(new LineIndex(text), edits));
}

/**
 * Chooses fixes whose edits neither overlap nor touch one another (two insertions at one offset could write the
 * same key twice), keeping the earlier fix of each clash; the rest wait for the next pass.
 */
export function pickCompatibleFixes(lines: LineIndex, fixes: readonly Fix[]): { edits: OffsetEdit[]; count: number } {
  const taken: OffsetEdit[] = [];
  const chosen: OffsetEdit[] = [];
  let count = 0;
  const clash = (a: OffsetEdit, b: OffsetEdit): boolean => {
    if (!(a.start <= b.end && b.start <= a.end)) return false;
    // Two insertions of different keys at one place (the end of one map) go together: they cannot write a key twice.
    if (a.start === a.end && b.start === b.end && a.start === b.start) {
      const ka = insertedKey(a.text);
      const kb = insertedKey(b.text);
      return !(ka && kb && ka.indent === kb.indent && ka.key !== kb.key);
    }
    return true;
  };
  for (const fix of fixes) {
    const edits = toOffsetEdits(lines, fix.edits);
    if (edits.some((e) => taken.some((t) => clash(e, t)))) continue;
    // a fix whose own edits clash is applied alone in a later pass
    if (edits.some((e, i) => edits.some((o, j) => i < j && e.start < o.end && o.start < e.end))) continue;
    taken.push(...edits);
    chosen.push(...edits);
    count++;
  }
  return { edits: chosen, count };
}

/** The key (and its indentation) that an inserted `key: …` text starts with, in block or flow style. */
function insertedKey(text: string): { key: string; indent: string } | undefined {
  const block = /^(\r?\n)?([ ]*)([A-Za-z0-9_./"'-]+):(?:[ \r\n]|$)/.exec(text);
  if (block) return { key: block[3], indent: block[2] };
  const flow = /^, ([A-Za-z0-9_./"'-]+): /.exec(text);
  return flow ? { key: flow[1], indent: 'flow' } : undefined;
}

/** The single edit that turns `before` into `after` (common prefix and suffix left alone). */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { start, end: endB, text: after.slice(start, endA) };
}
