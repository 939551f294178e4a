/**
 * The files navigation reads: the document's text and, through `TextOf`, other files' texts (open editors, else
 * disk; nothing here reads the filesystem), each parsed once per request into its objects, and positions mapped
 * between the cursor, the objects and their references.
 */
import type { Range, Position } from '../engine/types';
import { trimEnd } from '../engine/ranges';
import type { K8sObject } from '../model/object';
import { parseSegment } from '../model/segment';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import type { LineIndex } from '../yaml/lines';
import { toGlobalRange } from '../yaml/lines';
import { splitSegments } from '../yaml/segments';
import type { Ref } from './refs';
import { referencesOf } from './refs';

export interface Location {
  uri: string;
  range: Range;
}

/** Reads another file's current text (an open editor's, else the file on disk); undefined when unavailable. */
export type TextOf = (uri: string) => string | undefined;

/** A Kubernetes object of a file, with what turns its segment-local offsets into positions of the file. */
export interface ParsedObject {
  readonly object: K8sObject;
  readonly lines: LineIndex;
  /** Line of the segment in the file. */
  readonly startLine: number;
  /** Line of the object's first key in the file (as the index records it). */
  readonly line: number;
}

/** Parses a file's Kubernetes objects, segment by segment, keeping what is needed to turn offsets into positions. */
export function parseObjects(text: string): ParsedObject[] {
  const out: ParsedObject[] = [];
  for (const seg of splitSegments(text)) {
    const { lines, objects } = parseSegment(seg.text);
    for (const { object, localLine } of objects) {
      out.push({ object, lines, startLine: seg.startLine, line: seg.startLine + localLine });
    }
  }
  return out;
}

/** The namespace an object of a file lands in, as the index says (kustomize namespaces included). */
export function namespaceOf(index: WorkspaceIndexView, uri: string, p: ParsedObject): string {
  const entry = index.objects(p.object.kind).find((o) => o.uri === uri && o.line === p.line);
  return entry?.namespace ?? p.object.namespace ?? index.defaultNamespace;
}

/** Texts of files, parsed once per request. */
export class Files {
  private readonly parsed = new Map<string, ParsedObject[] | null>();
  constructor(
    private readonly current: { uri: string; text: string },
    private readonly textOf: TextOf | undefined,
  ) {}

  text(uri: string): string | undefined {
    if (uri === this.current.uri) return this.current.text;
    return this.textOf?.(uri);
  }

  objects(uri: string): ParsedObject[] | undefined {
    let p = this.parsed.get(uri);
    if (p === undefined) {
      const text = this.text(uri);
      p = text === undefined ? null : parseObjects(text);
      this.parsed.set(uri, p);
    }
    return p ?? undefined;
  }

  /** Where an indexed object is: its `metadata.name` value when its text is known, else its first line. */
  locationOf(o: IndexedObject): Location {
    const p = this.objects(o.uri)?.find((x) => x.line === o.line && x.object.kind === o.kind);
    const nameNode = p && p.object.nav.deref(p.object.nav.pair(p.object.metadata, 'name')?.value);
    if (p && nameNode?.range) return { uri: o.uri, range: toRange(p, nameNode.range[0], nameNode.range[1]) };
    return { uri: o.uri, range: { start: { line: o.line, character: 0 }, end: { line: o.line, character: 0 } } };
  }
}

export function toRange(p: ParsedObject, start: number, end: number): Range {
  // Block collections end after their last line break; a location should stop at the last character written.
  const [s, e] = trimEnd(p.lines.text, [start, end]);
  return toGlobalRange(p.lines, s, e, p.startLine);
}

/** The object of a file that holds a position, and the segment-local offset of the position. */
export function objectAt(
  objects: readonly ParsedObject[],
  position: Position,
): { p: ParsedObject; offset: number } | undefined {
  for (const p of objects) {
    const local = { line: position.line - p.startLine, character: position.character };
    if (local.line < 0 || local.line >= p.lines.lineCount) continue;
    const offset = p.lines.offsetAt(local);
    const r = p.object.node.range!;
    if (offset >= r[0] && offset <= r[1]) return { p, offset };
  }
  return undefined;
}

export function refAt(p: ParsedObject, offset: number): Ref | undefined {
  // The innermost reference wins (a name inside a selector pair cannot happen today, but be exact anyway).
  let best: Ref | undefined;
  for (const r of referencesOf(p.object)) {
    if (offset < r.start || offset > r.end) continue;
    if (!best || r.end - r.start < best.end - best.start) best = r;
  }
  return best;
}

export function sameObject(a: IndexedObject, b: IndexedObject): boolean {
  return a.uri === b.uri && a.line === b.line && a.kind === b.kind;
}
