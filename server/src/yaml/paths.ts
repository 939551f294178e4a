/**
 * Paths into YAML text, for the render layer (server/src/render/): which key path a position of rendered output
 * lies on, where a key path is written in a source file (values.yaml, a base resource, a patch), and edits that set
 * a path in such a file. Paths are keys and list indices, as Kubernetes objects are addressed.
 */
import type { Document, Node, YAMLMap } from 'yaml';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { tooDeep } from './depth';
import { LineIndex } from './lines';
import { DocNav, keyString } from './nodes';
import { YamlEditor } from './edit';
import type { YamlValue } from './render';
import { Commented, Raw } from './render';

export type PathSegment = string | number;
export type YamlPath = PathSegment[];

export interface ParsedDoc {
  /** The document's plain value (toJS), undefined when it does not parse. */
  value: unknown;
  doc: Document.Parsed;
}

export interface Located {
  /** 0-based line and character of the key (or the list item) that the deepest matched segment names. */
  line: number;
  character: number;
  /** How many segments of the path were found (the rest is below a value the file does not spell out). */
  depth: number;
}

/** A source text parsed once: its documents, and lookups between positions and paths. */
export class YamlSource {
  readonly lines: LineIndex;
  readonly docs: ParsedDoc[];

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.docs = [];
    let parsed: Document.Parsed[] = [];
    try {
      // a text nested deeper than the walks below can recurse is left unread (yaml/depth.ts)
      if (!tooDeep(text))
        parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
    } catch {
      parsed = [];
    }
    if (!Array.isArray(parsed)) parsed = [];
    for (const doc of parsed) {
      let value: unknown;
      try {
        value = doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
      } catch {
        value = undefined;
      }
      this.docs.push({ value, doc });
    }
  }

  /** The document holding a 0-based line, and the key path of the deepest node that starts on or spans it. */
  pathAt(line: number, character: number): { docIndex: number; path: YamlPath } | undefined {
    const offset = this.lines.offsetAt({ line, character });
    for (let i = 0; i < this.docs.length; i++) {
      const contents = this.docs[i].doc.contents as Node | null;
      const r = this.docs[i].doc.range;
      if (!contents || offset < r[0] || offset > r[2]) continue;
      const path: YamlPath = [];
      descend(contents, offset, path);
      return { docIndex: i, path };
    }
    return undefined;
  }

  /** Where `path` is written in document `docIndex`: the deepest key found on the way. */
  locate(docIndex: number, path: readonly PathSegment[]): Located | undefined {
    const doc = this.docs[docIndex]?.doc;
    if (!doc) return undefined;
    const nav = new DocNav(doc);
    let node: Node | undefined = nav.deref(doc.contents);
    let at: number | undefined = node?.range?.[0];
    let depth = 0;
    for (const seg of path) {
      let next: Node | undefined;
      let start: number | undefined;
      const map = nav.map(node);
      const seq = nav.seq(node);
      if (map && typeof seg === 'string') {
        const pair = nav.pair(map, seg);
        if (pair) {
          start = (pair.key as Node | null)?.range?.[0];
          next = nav.deref(pair.value);
        }
      } else if (seq && typeof seg === 'number' && seg < seq.items.length) {
        next = nav.deref(seq.items[seg]);
        start = next?.range?.[0];
      }
      if (start === undefined) break;
      at = start;
      node = next;
      depth++;
    }
    if (at === undefined) return undefined;
    const pos = this.lines.positionAt(at);
    return { line: pos.line, character: pos.character, depth };
  }

  /** The plain value at `path` of a document (undefined when absent). */
  valueAt(docIndex: number, path: readonly PathSegment[]): unknown {
    let v: unknown = this.docs[docIndex]?.value;
    for (const seg of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[seg];
    }
    return v;
  }

  /**
   * Edits that give document `docIndex` the leaves of `added` below `path` (each missing key created with the
   * file's own indentation and style; comments kept). `path` may pass list items by index (they must exist); keys
   * after the last existing map are created. Leaves marked `todo` get a `# TODO` comment. Undefined when a key on the
   * way holds something other than a map (the author's data would be overwritten).
   */
  setLeaves(
    docIndex: number,
    path: readonly PathSegment[],
    added: ReadonlyArray<{ path: string[]; value: unknown }>,
    todo: boolean,
  ): Array<{ start: number; end: number; text: string }> | undefined {
    if (!this.docs[docIndex]?.doc || added.length === 0) return undefined;
    // One edit per leaf, each computed on the text the previous one produced.
    let text = this.text;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    for (const leaf of added) {
      const source = text === this.text ? this : new YamlSource(text);
      const d = source.docs[docIndex]?.doc;
      if (!d) return undefined;
      const nav = new DocNav(d);
      const start = descendTo(nav, path);
      if (!start) return undefined;
      const editor = new YamlEditor(text, source.lines, nav);
      const value = plainToYaml(leaf.value);
      const edit = editor.ensurePath(
        start.map,
        [...start.rest, ...leaf.path],
        todo ? new Commented(value, 'TODO') : value,
      );
      if (!edit) return undefined;
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      edits.push(edit);
    }
    // Express the result as one edit over the original text: later edits were computed on shifted text.
    if (edits.length === 1) return edits;
    return [minimalReplace(this.text, text)];
  }
}

/** The deepest existing map on `path` (list items by index), and the keys still to create below it. */
function descendTo(nav: DocNav, path: readonly PathSegment[]): { map: YAMLMap; rest: string[] } | undefined {
  let map = nav.map(nav.doc.contents);
  if (!map) return undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') return undefined; // reached only through a map's value below
    const pair = nav.pair(map, seg);
    const value = pair ? nav.deref(pair.value) : undefined;
    const next = path[i + 1];
    if (typeof next === 'number') {
      const item = nav.map(nav.seq(value)?.items[next]);
      if (!item) return undefined;
      map = item;
      i++;
      continue;
    }
    const child = nav.map(value);
    if (!child) {
      const rest = path.slice(i);
      return rest.every((s): s is string => typeof s === 'string') ? { map, rest } : undefined;
    }
    map = child;
  }
  return { map, rest: [] };
}

function minimalReplace(a: string, b: string): { start: number; end: number; text: string } {
  let s = 0;
  while (s < a.length && s < b.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { start: s, end: ea, text: b.slice(s, eb) };
}

function plainToYaml(v: unknown): YamlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(plainToYaml);
  if (typeof v === 'object') {
    const out: { [k: string]: YamlValue } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = plainToYaml(x);
    return out;
  }
  return new Raw(String(v));
}

/** Appends to `path` the keys and indices of the nodes that contain `offset`, deepest last. */
function descend(node: Node, offset: number, path: YamlPath): void {
  for (let guard = 0; guard < 256; guard++) {
    if (isMap(node)) {
      let found: Node | undefined;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const k = item.key as Node | null;
        const v = item.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0];
        const end = v?.range?.[2] ?? v?.range?.[1] ?? k?.range?.[2] ?? k?.range?.[1];
        // The end is exclusive: a block value's range runs to the start of the next key's line.
        if (start === undefined || end === undefined || offset < start || offset >= end) continue;
        const key = keyString(item.key);
        if (key === undefined) return;
        path.push(key);
        // On the key itself: the pair is the answer.
        if (k?.range && offset <= k.range[1]) return;
        if (!v || isScalar(v)) return;
        found = v;
        break;
      }
      if (!found) return;
      node = found;
    } else if (isSeq(node)) {
      let found: Node | undefined;
      node.items.forEach((item, i) => {
        const r = (item as Node | null)?.range;
        if (!found && r && offset >= r[0] && offset < Math.max(r[2], r[0] + 1)) {
          path.push(i);
          found = item as Node;
        }
      });
      if (!found || isScalar(found)) return;
      node = found;
    } else {
      return;
    }
  }
}

/** The leaves that `after` has and `before` lacks (or has with another value), as paths below the two. */
export function addedLeaves(
  before: unknown,
  after: unknown,
  prefix: string[] = [],
): Array<{ path: string[]; value: unknown }> {
  const out: Array<{ path: string[]; value: unknown }> = [];
  if (isPlainObject(after)) {
    const b = isPlainObject(before) ? before : {};
    for (const [k, v] of Object.entries(after)) {
      if (isPlainObject(v) && (b[k] === undefined || b[k] === null || isPlainObject(b[k])))
        out.push(...addedLeaves(b[k], v, [...prefix, k]));
      else if (JSON.stringify(b[k]) !== JSON.stringify(v)) out.push({ path: [...prefix, k], value: v });
    }
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path: prefix, value: after });
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
