/**
 * Comment- and format-preserving edits on one segment of YAML text. Every operation returns a minimal text edit
 * (segment-local offsets) computed from node ranges; nothing is re-stringified. Rules reach these through the
 * engine's fixer and never touch offsets themselves.
 */
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { LineIndex } from './lines';
import type { DocNav } from './nodes';
import { isNullScalar, keyString } from './nodes';
import type { YamlValue } from './render';
import { keepFlowComments } from './flow-comments';
import {
  Commented,
  nest,
  Raw,
  renderBlockItem,
  renderBlockMap,
  renderBlockPair,
  renderFlow,
  renderScalar,
} from './render';
import { withoutTrailingComment } from './lines';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export class YamlEditor {
  private unitCache: number | undefined;
  private eolCache: string | undefined;
  private textlessView: YamlEditor | undefined;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    readonly nav: DocNav,
    /**
     * False in the view `textless()` returns: edits with their places but without the values they insert rendered
     * (an empty text), for a run that reports only whether a fix exists.
     */
    readonly writesText = true,
  ) {}

  /**
   * This editor for a run that never reads what a fix writes (`kubewise lint` printing text or JSON, without
   * `--fix`): every edit is made where it would be, and is there or not exactly when it would be, but the values it
   * inserts are not rendered (on a 10,000-line file, rendering was about 2 % of the whole process). Whether an edit
   * exists never depends on its text: the rules decide from the document's nodes (test/unit/textless-fixes.test.ts
   * compares every fix of the corpus both ways).
   */
  textless(): YamlEditor {
    if (!this.writesText) return this;
    return (this.textlessView ??= new YamlEditor(this.text, this.lines, this.nav, false));
  }

  /** The document's indentation step, read from its first nested block (2 when nothing tells). */
  get indentUnit(): number {
    if (this.unitCache !== undefined) return this.unitCache;
    let unit = 2;
    const ls = this.text.split('\n');
    for (let i = 0; i + 1 < ls.length; i++) {
      const a = withoutTrailingComment(ls[i]).trimEnd();
      if (!a.endsWith(':') || a.trimStart().startsWith('#')) continue;
      const ia = a.length - a.trimStart().length;
      const b = ls[i + 1];
      if (b.trim() === '' || b.trimStart().startsWith('#') || b.trimStart().startsWith('-')) continue;
      const ib = b.length - b.trimStart().length;
      if (ib > ia && ib - ia <= 8) {
        unit = ib - ia;
        break;
      }
    }
    this.unitCache = unit;
    return unit;
  }

  /** The text's line ending, so that inserted lines match CRLF files. */
  get eol(): string {
    return (this.eolCache ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }

  /** Replaces a node's text (its value, not a trailing comment). */
  replaceNode(node: Node, text: string): Edit {
    const r = node.range!;
    return { start: r[0], end: r[1], text };
  }

  setValue(node: Node, value: YamlValue): Edit {
    return this.withComments(this.replaceNode(node, this.writesText ? renderFlow(value) : ''), value);
  }

  /** A `Commented` value's `# TODO` kept where the edit's flow text could not carry it (see flow-comments.ts). */
  private withComments(edit: Edit, value: YamlValue): Edit {
    if (!this.writesText) return edit;
    return keepFlowComments(this.text, this.lines, this.eol, this.indentUnit, edit, value);
  }

  /** Renames a key in place, keeping its value and comments. */
  renameKey(pair: Pair, newKey: string): Edit {
    return this.replaceNode(pair.key as Node, this.writesText ? renderScalar(newKey) : '');
  }

  /**
   * Inserts `key: value` into a map, after its last entry, at the indentation of its siblings (block style) or
   * before the closing brace (flow style).
   */
  insertPair(map: YAMLMap, key: string, value: YamlValue): Edit {
    return this.withComments(this.insertPairRaw(map, key, value), value);
  }

  private insertPairRaw(map: YAMLMap, key: string, value: YamlValue): Edit {
    const r = map.range!;
    if (map.flow) {
      const pairs = map.items.filter(isPair);
      if (pairs.length === 0)
        return { start: r[0], end: r[1], text: this.writesText ? renderFlow({ [key]: value }) : '' };
      const last = pairs[pairs.length - 1];
      const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range)![1];
      return {
        start: lastEnd,
        end: lastEnd,
        text: this.writesText ? `, ${renderScalar(key)}: ${renderFlow(value)}` : '',
      };
    }
    const first = map.items[0];
    const indent = this.lines.column((first.key as Node).range![0]);
    let at = r[1];
    let prefix = '';
    if (at > 0 && this.text[at - 1] === '\n') {
      // the map's end already sits at a line start (block scalars keep their newline)
    } else {
      at = this.lines.lineEndAfter(at);
      if (at === this.text.length && !this.text.endsWith('\n')) prefix = this.eol;
    }
    if (!this.writesText) return { start: at, end: at, text: prefix };
    return { start: at, end: at, text: prefix + renderBlockPair(key, value, indent, this.indentUnit, this.eol) };
  }

  /**
   * Sets `path` (keys below `map`) to `value`, creating the missing maps on the way. Returns undefined when a
   * key on the way holds something other than a map or null (the fix would have to overwrite the author's data).
   */
  ensurePath(map: YAMLMap, path: readonly string[], value: YamlValue): Edit | undefined {
    let cur = map;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      const pair = this.nav.pair(cur, path[i]);
      if (!pair) return this.insertPair(cur, path[i], nest(path.slice(i + 1), value));
      if (!this.ownsPair(cur, pair)) {
        // Brought in by a `<<` merge: an own leaf overrides the merged one, but an own map would hide every merged
        // setting beside it, and writing into the anchor would change every object that uses it.
        return last ? this.insertPair(cur, path[i], value) : undefined;
      }
      const v = pair.value as Node | null;
      if (v === null || v === undefined || isNullScalar(v))
        return this.fillNull(cur, pair, nest(path.slice(i + 1), value));
      if (last) return this.setValue(v, value);
      if (!isMap(v)) return undefined;
      cur = v;
    }
    return undefined;
  }

  /** Whether the pair is written in this map (not brought in by a merge key or through an alias). */
  private ownsPair(map: YAMLMap, pair: Pair): boolean {
    return map.items.includes(pair);
  }

  /** Gives a `key:` with a null value a block (or flow) value. */
  fillNull(map: YAMLMap, pair: Pair, value: YamlValue): Edit {
    return this.withComments(this.fillNullRaw(map, pair, value), value);
  }

  private fillNullRaw(map: YAMLMap, pair: Pair, value: YamlValue): Edit {
    const keyNode = pair.key as Node;
    const colon = this.text.indexOf(':', keyNode.range![1]);
    const v = pair.value as Node | null;
    const end = v?.range ? Math.max(v.range[1], colon + 1) : colon + 1;
    const inner = value instanceof Commented ? value.value : value;
    const comment = value instanceof Commented && !map.flow ? ` # ${value.comment}` : '';
    if (map.flow || inner === null || typeof inner !== 'object' || Array.isArray(inner) || inner instanceof Raw) {
      return { start: colon + 1, end, text: this.writesText ? ' ' + renderFlow(inner) + comment : '' };
    }
    if (!this.writesText) return { start: colon + 1, end, text: '' };
    const indent = this.lines.column(keyNode.range![0]) + this.indentUnit;
    const block = renderBlockMap(inner as { [k: string]: YamlValue }, indent, this.indentUnit, this.eol);
    return { start: colon + 1, end, text: comment + this.eol + block.slice(0, -this.eol.length) };
  }

  /**
   * Removes a pair with its line(s); in flow style, with its comma. Comments on the removed lines stay, as
   * full-line comments (the author's notes outlive the setting they were about).
   */
  removePair(map: YAMLMap, pair: Pair): Edit {
    return this.keepComments(this.removePairRaw(map, pair));
  }

  private removePairRaw(map: YAMLMap, pair: Pair): Edit {
    const keyNode = pair.key as Node;
    const v = pair.value as Node | null;
    const start = keyNode.range![0];
    const valueEnd = v?.range ? v.range[1] : keyNode.range![1];
    if (map.flow) {
      const idx = map.items.indexOf(pair);
      const next = map.items[idx + 1];
      if (next) return { start, end: (next.key as Node).range![0], text: '' };
      const prev = map.items[idx - 1];
      if (prev) {
        const prevEnd = ((prev.value as Node | null)?.range ?? (prev.key as Node).range)![1];
        return { start: prevEnd, end: valueEnd, text: '' };
      }
      return { start: map.range![0], end: map.range![1], text: '{}' };
    }
    const lineStart = this.lines.lineStart(this.lines.positionAt(start).line);
    const before = this.text.slice(lineStart, start);
    const end = this.text[valueEnd - 1] === '\n' ? valueEnd : this.lines.lineEndAfter(valueEnd);
    if (before.trim() === '') return { start: lineStart, end, text: '' };
    // The pair shares its line with a `- ` (first key of a sequence item): pull the next sibling up instead.
    const idx = map.items.indexOf(pair);
    const next = map.items[idx + 1];
    if (next) return { start, end: (next.key as Node).range![0], text: '' };
    return { start, end: end - (this.text[end - 1] === '\n' ? this.eol.length : 0), text: '{}' };
  }

  /** Removes one item of a sequence, keeping the comments of its lines. */
  removeItem(seq: YAMLSeq, index: number): Edit {
    return this.keepComments(this.removeItemRaw(seq, index));
  }

  private removeItemRaw(seq: YAMLSeq, index: number): Edit {
    const item = seq.items[index] as Node;
    if (seq.flow) {
      const next = seq.items[index + 1] as Node | undefined;
      if (next) return { start: item.range![0], end: next.range![0], text: '' };
      const prev = seq.items[index - 1] as Node | undefined;
      if (prev) return { start: prev.range![1], end: item.range![1], text: '' };
      return { start: seq.range![0], end: seq.range![1], text: '[]' };
    }
    const dash = this.text.lastIndexOf('-', item.range![0]);
    const lineStart = this.lines.lineStart(this.lines.positionAt(dash).line);
    const end = this.text[item.range![1] - 1] === '\n' ? item.range![1] : this.lines.lineEndAfter(item.range![1]);
    return { start: lineStart, end, text: '' };
  }

  /** Appends an item to a sequence. */
  appendItem(seq: YAMLSeq, value: YamlValue): Edit {
    return this.withComments(this.appendItemRaw(seq, value), value);
  }

  private appendItemRaw(seq: YAMLSeq, value: YamlValue): Edit {
    if (seq.flow || seq.items.length === 0) {
      const items = seq.items as Node[];
      if (items.length === 0)
        return { start: seq.range![0], end: seq.range![1], text: this.writesText ? renderFlow([value]) : '' };
      const end = items[items.length - 1].range![1];
      return { start: end, end, text: this.writesText ? `, ${renderFlow(value)}` : '' };
    }
    const first = seq.items[0] as Node;
    const dash = this.text.lastIndexOf('-', first.range![0]);
    const indent = this.lines.column(dash);
    let at = seq.range![1];
    let prefix = '';
    if (!(at > 0 && this.text[at - 1] === '\n')) {
      at = this.lines.lineEndAfter(at);
      if (at === this.text.length && !this.text.endsWith('\n')) prefix = this.eol;
    }
    if (!this.writesText) return { start: at, end: at, text: prefix };
    return { start: at, end: at, text: prefix + renderBlockItem(value, indent, this.indentUnit, this.eol) };
  }

  /**
   * Appends a new YAML document holding `map` in block style, `unit` spaces a level (this document's step when not
   * given). A textless view (`textless`) renders nothing.
   */
  appendMap(map: { [key: string]: YamlValue }, unit?: number): Edit {
    if (!this.writesText) return { start: this.text.length, end: this.text.length, text: '' };
    return this.appendDocument(renderBlockMap(map, 0, unit ?? this.indentUnit));
  }

  /** Appends a new YAML document (given as text without `---`) after the end of this segment. */
  appendDocument(docText: string): Edit {
    const at = this.text.length;
    const sep = this.text.endsWith('\n') || this.text.length === 0 ? '' : this.eol;
    const body = docText.endsWith('\n') ? docText : docText + '\n';
    return {
      start: at,
      end: at,
      text: `${sep}---${this.eol}${this.eol === '\n' ? body : body.replace(/\n/g, '\r\n')}`,
    };
  }

  /** A deletion that would take comments with it keeps them, at the indentation of the deleted block. */
  private keepComments(edit: Edit): Edit {
    if (edit.end <= edit.start) return edit;
    const removed = this.text.slice(edit.start, edit.end);
    const lines = removed.split('\n');
    const comments = lines.map((line) => commentOf(line.replace(/\r$/, ''))).filter((c): c is string => !!c);
    if (comments.length === 0) return edit;
    const atLineStart = edit.start === 0 || this.text[edit.start - 1] === '\n';
    if (edit.text === '' && atLineStart && removed.endsWith('\n')) {
      const indent = /^[ \t]*/.exec(lines[0])![0];
      return { ...edit, text: comments.map((c) => `${indent}${c}${this.eol}`).join('') };
    }
    if (edit.text === '' && lines.length > 1) {
      // `- key: v # note` with more keys below: the deletion runs up to the next key, whose indentation ends it.
      const tail = lines[lines.length - 1];
      if (tail.trim() === '') return { ...edit, text: comments.join(this.eol + tail) + this.eol + tail };
    }
    if (lines.length === 1 && !/[\]}]\s*$/.test(edit.text))
      return { ...edit, text: `${edit.text} ${comments.join(' ')}` };
    return edit;
  }

  /**
   * Writes every leaf of `tree` below `map`, creating missing maps, in as few edits as possible: keys missing from
   * one map are inserted together. Returns undefined (no fix) when a key on the way holds something other than a
   * map or null, or when the way goes through an alias or a merge key: writing there would change other objects, or
   * hide the merged map's other keys.
   */
  ensureTree(map: YAMLMap, tree: Tree): Edit[] | undefined {
    const edits = this.ensureTreeEdits(map, tree);
    return edits && this.joinInsertions(edits);
  }

  private ensureTreeEdits(map: YAMLMap, tree: Tree): Edit[] | undefined {
    const edits: Edit[] = [];
    const missing: Array<[string, YamlValue]> = [];
    for (const [key, sub] of Object.entries(tree)) {
      const pair = this.nav.pair(map, key);
      if (!pair) {
        missing.push([key, treeValue(sub)]);
        continue;
      }
      if (!map.items.includes(pair)) {
        // merged in: an own leaf may shadow it; an own map would hide the merged map's other keys
        if (!isLeaf(sub)) return undefined;
        missing.push([key, sub]);
        continue;
      }
      const value = pair.value as Node | null;
      if (value === null || isNullScalar(value)) {
        edits.push(this.fillNull(map, pair, treeValue(sub)));
        continue;
      }
      if (isLeaf(sub)) {
        if (isAnchored(value)) return undefined; // shared with its aliases
        edits.push(this.setValue(value, sub));
        continue;
      }
      if (!isMap(value)) return undefined; // an alias, a sequence or a scalar: not ours to overwrite
      const inner = this.ensureTreeEdits(value, sub);
      if (!inner) return undefined;
      edits.push(...inner);
    }
    if (missing.length > 0) edits.push(this.insertPairs(map, missing));
    return edits;
  }

  /**
   * Joins insertions at one offset (a nested map and its parent both growing at the end of the text) into one edit,
   * in order, so that only the first supplies the line break an unterminated last line needs.
   */
  private joinInsertions(edits: Edit[]): Edit[] {
    const out: Edit[] = [];
    for (const edit of edits) {
      const prev = out[out.length - 1];
      if (prev && prev.start === prev.end && edit.start === edit.end && prev.start === edit.start) {
        out[out.length - 1] = { ...prev, text: this.joinText(prev.text, edit.text) };
      } else out.push(edit);
    }
    return out;
  }

  private joinText(a: string, b: string): string {
    return a.endsWith(this.eol) && b.startsWith(this.eol) ? a + b.slice(this.eol.length) : a + b;
  }

  /** Inserts several pairs into one map as a single edit (several inserts at one offset would clash). */
  insertPairs(map: YAMLMap, pairs: ReadonlyArray<[string, YamlValue]>): Edit {
    if (map.flow && !map.items.some(isPair)) {
      // `{}`: the pairs replace the braces, as one flow map
      const obj: { [k: string]: YamlValue } = {};
      for (const [k, v] of pairs) obj[k] = v;
      return this.replaceNode(map, this.writesText ? renderFlow(obj) : '');
    }
    const parts = pairs.map(([k, v]) => this.insertPair(map, k, v));
    let text = parts[0].text;
    // every part starts at the same offset; only the first may need the line break that ends an unterminated text
    for (const p of parts.slice(1)) text = this.joinText(text, p.text);
    return { start: parts[0].start, end: parts[0].end, text };
  }

  /**
   * Edits that make `map` hold exactly `wanted`, in place, keeping its style, its other pairs' comments and its
   * position: changed values are set, surplus keys renamed to the missing ones, what is left removed or inserted.
   * Undefined when the map has entries it does not own (merge keys).
   */
  rewriteMap(map: YAMLMap, wanted: ReadonlyMap<string, string>): Edit[] | undefined {
    const pairs: Array<[string, Pair]> = [];
    for (const item of map.items) {
      if (!isPair(item)) return undefined;
      const k = keyString(item.key);
      if (k === undefined || k === '<<') return undefined;
      pairs.push([k, item]);
    }
    const edits: Edit[] = [];
    const surplus: Pair[] = [];
    const have = new Set<string>();
    for (const [k, pair] of pairs) {
      have.add(k);
      if (!wanted.has(k)) {
        surplus.push(pair);
        continue;
      }
      const v = pair.value as Node | null;
      const current = this.nav.str(v);
      if (current !== wanted.get(k)) {
        if (!v?.range) return undefined;
        edits.push(this.setValue(v, wanted.get(k)!));
      }
    }
    const missing = [...wanted].filter(([k]) => !have.has(k));
    while (surplus.length && missing.length) {
      const pair = surplus.shift()!;
      const [k, value] = missing.shift()!;
      const v = pair.value as Node | null;
      if (!v?.range) return undefined;
      edits.push(this.renameKey(pair, k), this.setValue(v, value));
    }
    for (const pair of surplus) edits.push(this.removePair(map, pair));
    if (missing.length && map.items.length === 0) {
      edits.push(this.setValue(map, Object.fromEntries(missing)));
    } else if (missing.length) {
      // Several keys inserted at one place: one edit, so that they keep their order.
      const inserts = missing.map(([k, v]) => this.insertPair(map, k, v));
      edits.push({ start: inserts[0].start, end: inserts[0].end, text: inserts.map((x) => x.text).join('') });
    }
    return edits;
  }

  /** Inserts a full-line comment above the line that holds `offset`, at that line's indentation. */
  insertCommentAbove(offset: number, comment: string): Edit {
    const line = this.lines.positionAt(offset).line;
    const text = this.lines.lineText(line);
    const indent = text.length - text.trimStart().length;
    const lineStart = this.lines.lineStart(line);
    // A `- key:` line: the comment goes at the dash's column, which is the line's indentation.
    return { start: lineStart, end: lineStart, text: `${' '.repeat(indent)}# ${comment}${this.eol}` };
  }
}

/** Keys to write below a map (`YamlEditor.ensureTree`): leaves are `Raw` or `Commented` values, inner objects maps. */
export interface Tree {
  [key: string]: Tree | Raw | Commented;
}

function isLeaf(v: Tree | Raw | Commented): v is Raw | Commented {
  return v instanceof Raw || v instanceof Commented;
}

function treeValue(v: Tree | Raw | Commented): YamlValue {
  if (isLeaf(v)) return v;
  const out: { [k: string]: YamlValue } = {};
  for (const [k, x] of Object.entries(v)) out[k] = treeValue(x);
  return out;
}

/** A value with an `&anchor` may be shared by aliases elsewhere: rewriting it would change them too. */
export function isAnchored(node: Node): boolean {
  return !!node.anchor;
}

/** The `# comment` of a YAML line, ignoring `#` inside quoted scalars and inside plain words (`a#b`). */
export function commentOf(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s[{,:-]/.test(line[i - 1])) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(i).trimEnd();
    }
  }
  return undefined;
}

export function scalarOrKeyNode(pair: Pair): Node {
  return (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value : pair.key) as Node;
}

export { keyString };
