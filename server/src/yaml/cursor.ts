/**
 * Where a cursor is in a YAML text, for completion and hover (authoring/): the keys from the document's root to the
 * cursor, whether the cursor is on a key or a value, and the word under it. Only the `---` segment that holds the
 * cursor is parsed, so the cost does not grow with the file.
 *
 * A half-typed key (`ima|` on its own line) is not valid YAML; completion parses the segment with a placeholder
 * written over the word (`__kubewise__: `), which YAML places in the map that the indentation (or the flow
 * mapping) says, so the path comes from the parser rather than from guessing with indentation.
 */
import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { tooDeep } from './depth';
import { splitSegments } from './segments';

/** Longest line prefix in which completion looks for the key of a value being typed. */
const MAX_KEY_LINE = 2000;

export type PathSegment = string | number;

export interface CursorContext {
  /** Key position: the path of the map the key goes in. Value position: the path of the field, its key last. */
  readonly path: readonly PathSegment[];
  readonly at: 'key' | 'value';
  /** The part of the word under the cursor before it, and the whole word's offsets in the full text. */
  readonly prefix: string;
  readonly start: number;
  readonly end: number;
  /** Whether `:` already follows the key being typed (then completion inserts the name only). */
  readonly colonFollows: boolean;
  /** Key position: the keys the map already has. */
  readonly siblings: readonly string[];
  /** The document as plain data (the placeholder taken out), for kind, names and sibling values. */
  readonly root: unknown;
  /** Column of the key being typed (block style), for the indentation of what completion inserts. */
  readonly column: number;
  /** The key sits in a flow mapping (`{a: 1, b|}`): completion inserts no line breaks. */
  readonly flow: boolean;
  /** Offset in the full text where the cursor's `---` segment starts, and its text. */
  readonly segmentStart: number;
  readonly segmentText: string;
}

const PLACEHOLDER = '__kubewise__';
/** Longest text before the cursor on its line that completion looks at. */
const MAX_LINE_PREFIX = 1000;
/** Characters of a plain key or value word (no YAML indicators, no spaces). */
const WORD = /[^\s:{}[\],#'"]/;

/**
 * The `---` segment holding `offset`, found by looking for the markers around it (the same split as
 * `splitSegments`, without walking a 10,000-line file for one keystroke).
 */
function segmentAt(text: string, offset: number): { text: string; start: number } {
  if (/^%/m.test(text)) return splitSegments(text)[0];
  let start = 0;
  for (let i = text.lastIndexOf('\n---', Math.max(0, offset - 1)); i !== -1; i = text.lastIndexOf('\n---', i - 1)) {
    if (isMarkerEnd(text, i + 4) && i + 1 <= offset) {
      start = i + 1;
      break;
    }
    if (i === 0) break;
  }
  let end = text.length;
  for (let i = text.indexOf('\n---', offset); i !== -1; i = text.indexOf('\n---', i + 1)) {
    if (isMarkerEnd(text, i + 4)) {
      end = i + 1;
      break;
    }
  }
  return { text: text.slice(start, end), start };
}

/** Whether a `---` ending just before `at` is a document marker (followed by a space, a line break or the end). */
function isMarkerEnd(text: string, at: number): boolean {
  return at >= text.length || /[ \t\r\n]/.test(text[at]);
}

/** The completion context at `offset`, or undefined where nothing can be completed (a comment, a block scalar …). */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const seg = segmentAt(text, offset);
  const t = seg.text;
  const o = offset - seg.start;
  const lineStart = Math.max(t.lastIndexOf('\n', o - 1), t.lastIndexOf('\r', o - 1)) + 1;
  let ws = o;
  while (ws > lineStart && WORD.test(t[ws - 1])) ws--;
  let we = o;
  while (we < t.length && WORD.test(t[we])) we++;
  const pre = t.slice(lineStart, ws);
  // a comment; or a line so long (minified JSON) that the patterns below would cost more than they are worth
  if (pre.includes('#') || pre.length > MAX_LINE_PREFIX) return undefined;
  const rest = t.slice(we);
  const colonFollows = /^[ \t]*:(?=\s|$)/.test(rest);
  const flow = /[{[,][ \t]*$/.test(pre) ? flowAt(t, ws) : undefined;
  const flowKey = flow === '{' && /[{,][ \t]*$/.test(pre);
  // an item of a flow sequence (`accessModes: [ReadWriteOnce, |]`) is a value
  const flowItem = flow === '[' && /[[,][ \t]*$/.test(pre);
  const blockKey = /^[ \t]*(?:-[ \t]+)*$/.test(pre);
  // Not tried on a line longer than anyone types a key on: tried at every `{` and `,`, its lazy key runs to the end
  // of the line, quadratic in the line's length.
  const valueMatch =
    pre.length > MAX_KEY_LINE
      ? null
      : /(?:^[ \t]*(?:-[ \t]+)*|[{,][ \t]*)(?:"([^"]*)"|'([^']*)'|([^\s:{},#'"][^:{},#]*?))[ \t]*:[ \t]+["']?$/.exec(
          pre,
        );
  let at: 'key' | 'value';
  let patched: string;
  if (flowKey || blockKey) {
    at = 'key';
    patched = t.slice(0, ws) + PLACEHOLDER + (colonFollows ? '' : ': ') + t.slice(we);
  } else if (valueMatch || flowItem || /:[ \t]*$/.test(pre)) {
    at = 'value';
    // `key:|` with no space yet: a value needs the space after the colon
    const space = /:$/.test(pre) && !flowItem ? ' ' : '';
    patched = t.slice(0, ws) + space + PLACEHOLDER + t.slice(we);
  } else return undefined;
  let doc: Document.Parsed;
  if (tooDeep(patched)) return undefined; // the parser and the walks below recurse per level (yaml/depth.ts)
  try {
    doc = parseDocument(patched, { uniqueKeys: false, keepSourceTokens: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  const found = findPlaceholder(doc, at);
  if (!found) return undefined;
  let root: unknown;
  try {
    root = stripPlaceholder(doc.toJS({ maxAliasCount: 1000 }));
  } catch {
    root = undefined;
  }
  return {
    path: found.path,
    at,
    prefix: t.slice(ws, o),
    start: seg.start + ws,
    end: seg.start + we,
    colonFollows,
    siblings: found.siblings,
    root,
    column: ws - lineStart,
    flow: flowKey,
    segmentStart: seg.start,
    segmentText: t,
  };
}

/** The innermost unclosed flow collection at `offset`: `{` (a mapping), `[` (a sequence) or undefined. */
function flowAt(t: string, offset: number): '{' | '[' | undefined {
  const stack: string[] = [];
  for (let i = 0; i < offset; i++) {
    const c = t[i];
    if (c === '{' || c === '[') stack.push(c);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === '#' && (i === 0 || /\s/.test(t[i - 1]))) {
      while (i < offset && t[i] !== '\n') i++;
    }
  }
  const top = stack[stack.length - 1];
  return top === '{' || top === '[' ? top : undefined;
}

/** Ancestor nodes (as `visit` gives them) → the keys and indices from the root. */
function pathOf(ancestors: readonly unknown[], last?: unknown): PathSegment[] {
  const out: PathSegment[] = [];
  const chain = last === undefined ? ancestors : [...ancestors, last];
  for (let i = 0; i < chain.length; i++) {
    const n = chain[i];
    if (isPair(n)) {
      const k = isScalar(n.key) ? n.key.value : undefined;
      out.push(typeof k === 'string' ? k : String(k));
    } else if (isSeq(n) && i + 1 < chain.length) {
      out.push(n.items.indexOf(chain[i + 1] as never));
    }
  }
  return out;
}

function findPlaceholder(
  doc: Document.Parsed,
  at: 'key' | 'value',
): { path: PathSegment[]; siblings: string[] } | undefined {
  let result: { path: PathSegment[]; siblings: string[] } | undefined;
  visit(doc, {
    Pair(_, pair, ancestors) {
      if (at !== 'key' || !isScalar(pair.key) || pair.key.value !== PLACEHOLDER) return undefined;
      const map = ancestors[ancestors.length - 1];
      const siblings = isMap(map)
        ? map.items
            .map((p) => (isScalar(p.key) ? String(p.key.value) : undefined))
            .filter((k): k is string => k !== undefined && k !== PLACEHOLDER)
        : [];
      result = { path: pathOf(ancestors), siblings };
      return visit.BREAK;
    },
    Scalar(_, node, ancestors) {
      if (at !== 'value' || node.value !== PLACEHOLDER) return undefined;
      const parent = ancestors[ancestors.length - 1];
      if (isPair(parent) && parent.key === node) return undefined;
      result = { path: pathOf(ancestors, isSeq(parent) ? node : undefined), siblings: [] };
      return visit.BREAK;
    },
  });
  return result;
}

function stripPlaceholder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripPlaceholder).filter((x) => x !== PLACEHOLDER);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== PLACEHOLDER && x !== PLACEHOLDER) out[k] = stripPlaceholder(x);
    return out;
  }
  return v;
}

export interface NodeAtCursor {
  /** The keys from the root to the field (the key under the cursor, or the key whose value is under it). */
  readonly path: readonly PathSegment[];
  readonly on: 'key' | 'value';
  /** Offsets in the full text of the key or scalar under the cursor. */
  readonly start: number;
  readonly end: number;
  /** The scalar's text (for a value), as Kubernetes reads it. */
  readonly value: string | undefined;
  readonly root: unknown;
}

/** The key or scalar value under the cursor, for hover. */
export function nodeAtCursor(text: string, offset: number): NodeAtCursor | undefined {
  const seg = segmentAt(text, offset);
  const o = offset - seg.start;
  let doc: Document.Parsed;
  if (tooDeep(seg.text)) return undefined;
  try {
    doc = parseDocument(seg.text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  let hit: Omit<NodeAtCursor, 'root'> | undefined;
  visit(doc, {
    Scalar(_, node, ancestors) {
      const r = node.range;
      if (!r || o < r[0] || o > r[1]) return undefined;
      const parent = ancestors[ancestors.length - 1];
      const on = isPair(parent) && parent.key === node ? 'key' : 'value';
      const path = on === 'key' ? pathOf(ancestors) : pathOf(ancestors, isSeq(parent) ? node : undefined);
      const v = node.value;
      const value = v === null || v === undefined ? undefined : typeof v === 'string' ? v : (node.source ?? String(v));
      hit = { path, on, start: seg.start + r[0], end: seg.start + r[1], value };
      return visit.BREAK;
    },
  });
  if (!hit) return undefined;
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    root = undefined;
  }
  return { ...hit, root };
}
