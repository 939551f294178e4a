/**
 * How deeply a YAML text nests, measured by one linear scan of the text before it is parsed. The parser and every
 * walk over its nodes recurse once per level, so a text nested deeper than `MAX_NESTING_DEPTH` is not parsed at all:
 * it gets one "too deep" diagnostic instead of a stack overflow somewhere below (see docs/rules/yaml-syntax.md).
 *
 * The scan counts block levels (indentation steps and `- ` sequence indicators) plus open flow brackets (`[`, `{`)
 * outside quotes, comments and block scalars. It may over- or under-count by a level on odd layouts; it only has to
 * tell the hundreds of levels that break a parser from the few dozen that real manifests (CRD schemas included) use.
 */

/** Deepest nesting Kubewise parses and checks; a Kubernetes object (even a CRD's schema) stays far below it. */
export const MAX_NESTING_DEPTH = 256;

export interface TooDeep {
  /** The nesting depth reached at `offset` (the first place beyond the limit). */
  readonly depth: number;
  /** Offset in the text where the nesting first exceeds the limit. */
  readonly offset: number;
}

const SPACE = 32;
const TAB = 9;
const NL = 10;
const CR = 13;

/** The first place where `text` nests deeper than `limit`, or undefined when it never does. Linear in the text. */
export function tooDeep(text: string, limit = MAX_NESTING_DEPTH): TooDeep | undefined {
  // cheap exit: a text cannot nest deeper than its number of lines plus its open brackets (counted with the native
  // `indexOf`, and only up to the limit: a long value is skipped at memory speed, not walked char by char)
  let brackets = 0;
  for (const c of ['[', '{']) {
    for (let at = text.indexOf(c); at >= 0 && brackets < limit; at = text.indexOf(c, at + 1)) brackets++;
  }
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0 && brackets + lines < limit; at = text.indexOf('\n', at + 1)) lines++;
  if (brackets + lines < limit) return undefined;
  // second cheap exit: block levels rise strictly in column, and every column a line opens lies within its leading
  // run of spaces, tabs and `- ` indicators; so the depth is at most the longest such run plus one, plus every open
  // bracket. A native search for a run that long, instead of walking a long file char by char.
  if (brackets < limit && !new RegExp(`^[ \\t\\r-]{${limit - brackets}}`, 'm').test(text)) return undefined;
  return scanTooDeep(text, limit);
}

/** `tooDeep` without its shortcuts: the scan itself (exported so that a test holds the shortcuts to it). */
export function scanTooDeep(text: string, limit = MAX_NESTING_DEPTH): TooDeep | undefined {
  const indents: number[] = []; // block levels: the columns they start at
  let flow = 0; // open flow brackets
  let quote = 0; // the open quote character, 0 outside quoted scalars
  let blockScalarIndent = -1; // lines indented more than this belong to a block scalar (|, >)
  let i = 0;
  while (i < text.length) {
    // one line: [i, end)
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    let col = 0;
    let j = i;
    while (j < end && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) {
      j++;
      col++;
    }
    const blank = j >= end || text.charCodeAt(j) === CR || text.charCodeAt(j) === 35; /* # */
    if (blockScalarIndent >= 0) {
      if (blank || col > blockScalarIndent) {
        i = end + 1;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (blank && !quote && flow === 0) {
      i = end + 1;
      continue;
    }
    if (!quote && flow === 0) {
      // block structure: this line closes every level at or right of its column, then opens one
      while (indents.length && indents[indents.length - 1] >= col) indents.pop();
      indents.push(col);
      // `- - - x`: each sequence indicator on the line is one more level
      while (j + 1 < end && text.charCodeAt(j) === 45 /* - */ && isSpace(text.charCodeAt(j + 1))) {
        j += 2;
        col += 2;
        while (j < end && text.charCodeAt(j) === SPACE) {
          j++;
          col++;
        }
        indents.push(col);
      }
      if (indents.length > limit) return { depth: indents.length, offset: j };
    }
    let prev = SPACE; // the last non-space character before j on this line (a quote opens only after one of these)
    const lineIndent = indents.length ? indents[indents.length - 1] : col;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) {
          if (quote === 39 /* ' */ && text.charCodeAt(j + 1) === 39) j++;
          else quote = 0;
        } else if (c === 92 /* \ */ && quote === 34 /* " */) j++;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) continue;
      if (c === 35 /* # */ && (j === i || isSpace(text.charCodeAt(j - 1)))) break;
      if ((c === 34 || c === 39) && startsScalar(prev)) quote = c;
      else if (c === 91 || c === 123) {
        flow++;
        if (indents.length + flow > limit) return { depth: indents.length + flow, offset: j };
      } else if ((c === 93 || c === 125) && flow > 0) flow--;
      else if ((c === 124 /* | */ || c === 62) /* > */ && flow === 0 && startsScalar(prev)) {
        blockScalarIndent = lineIndent;
      }
      prev = c;
    }
    i = end + 1;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR || Number.isNaN(c);
}

/** Whether a quote or block indicator after `prev` starts a scalar (after `: `, `- `, `[`, `{`, `,`, `?` or nothing). */
function startsScalar(prev: number): boolean {
  return prev === SPACE || prev === 58 || prev === 45 || prev === 91 || prev === 123 || prev === 44 || prev === 63;
}
