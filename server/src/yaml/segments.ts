/**
 * Splits a multi-document YAML text into segments at `---` document markers, so that an edit re-parses only the
 * segment it touches. A `---` at column 0 always starts a new document in YAML 1.2 (it is forbidden inside any
 * scalar), so the split is exact. Directives (`%YAML`) belong to the document after them; a text with directives is
 * kept whole, which is always correct and only slower.
 */
import { lineStarts } from './lines';

export interface Segment {
  /** The segment's text: from the start of its `---` line (or the file) to the start of the next marker line. */
  readonly text: string;
  /** Offset of the segment in the whole text. */
  readonly start: number;
  /** Zero-based line of the segment's first character in the whole text. */
  readonly startLine: number;
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;
const DIRECTIVE = /^%/m;

export function splitSegments(text: string): Segment[] {
  if (DIRECTIVE.test(text)) return [{ text, start: 0, startLine: 0 }];
  const starts: number[] = [0];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    if (m.index !== 0) starts.push(m.index);
  }
  const segments: Segment[] = [];
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const segText = text.slice(start, end);
    segments.push({ text: segText, start, startLine: line });
    line += countNewlines(segText);
  }
  return segments;
}

/** Line breaks as LSP counts them (`\n`, `\r\n`, lone `\r`). */
export function countNewlines(text: string): number {
  return lineStarts(text).length - 1;
}
