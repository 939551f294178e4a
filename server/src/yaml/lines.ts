/**
 * Offset ↔ line/character conversion for one text, in UTF-16 code units, with LSP's line breaks: `\n`, `\r\n`
 * and a lone `\r` (which YAML itself does not treat as a break, but every editor displays as one).
 */
export interface Position {
  line: number;
  character: number;
}

/** A span in a whole text (LSP's shape): `toGlobalRange` builds it from a segment's offsets. */
export interface LineRange {
  start: Position;
  end: Position;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const lineStart = this.starts[pos.line];
    const lineEnd = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.min(lineStart + Math.max(0, pos.character), lineEnd);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the end of the line holding `offset` (after its `\n`, or the text's end). */
  lineEndAfter(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl + 1;
  }

  /** The column of `offset` within its line. */
  column(offset: number): number {
    return offset - this.lineStart(this.positionAt(offset).line);
  }

  lineText(line: number): string {
    const start = this.lineStart(line);
    const end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/** Segment-local offsets as a range in the whole text, for a segment that starts at line `startLine`. */
export function toGlobalRange(lines: LineIndex, start: number, end: number, startLine: number): LineRange {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return {
    start: { line: s.line + startLine, character: s.character },
    end: { line: e.line + startLine, character: e.character },
  };
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** `s` without trailing `ch` characters (a loop: `/x+$/` backtracks quadratically on a long run of `x` not at the end). */
export function trimEndChars(s: string, ch: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ch) end--;
  return s.slice(0, end);
}

/**
 * A line without its trailing comment (from the first `#` that follows whitespace) and the whitespace before it; the
 * same as `replace(/\s+#.*$/, '')` but linear (that pattern backtracks quadratically on long runs of spaces).
 */
export function withoutTrailingComment(line: string): string {
  for (let i = 1; i < line.length; i++) {
    if (line[i] !== '#' || !/\s/.test(line[i - 1])) continue;
    let start = i - 1;
    while (start > 0 && /\s/.test(line[start - 1])) start--;
    return line.slice(0, start);
  }
  return line;
}
