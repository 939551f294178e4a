/**
 * The custom requests of server/src/protocol/drift.ts: each object of a manifest as plain data with where each of its
 * keys is written (so the client can put a drift finding on the line that sets the value), the autoscalers that own
 * its replicas, and the objects of the whole workspace (for "not in the cluster" in the panel).
 */
import type { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedObject } from '../navigation/files';
import { parseObjects } from '../navigation/files';
import { hpasTargeting } from '../model/relations/autoscaling';
import type { WorkspaceIndexView } from '../model/workspace';
import type {
  DriftObject,
  DriftObjectsResult,
  DriftPathRange,
  DriftPathSegment,
  WorkspaceObjectRef,
  WorkspaceObjectsResult,
} from '../protocol/drift';
import { DriftObjectsRequest, WorkspaceObjectsRequest } from '../protocol/requests';
import type { ProtocolRange } from '../protocol/metrics';
import type { RenderedSource } from '../render/helm/lint-chart';
import { LineIndex } from '../yaml/lines';
import type { Node } from '../yaml/nodes';

/** Deeper than this, a manifest is not something anyone applies; the walk stops (no stack overflow on odd input). */
const MAX_DEPTH = 64;

function rangeOf(p: ParsedObject, start: number, end: number): ProtocolRange {
  const a = p.lines.positionAt(start);
  const b = p.lines.positionAt(end);
  return {
    start: { line: p.startLine + a.line, character: a.character },
    end: { line: p.startLine + b.line, character: b.character },
  };
}

/** The key (or item) to the end of the value when the value ends on the same line, else to the end of the key. */
function lineRange(p: ParsedObject, start: number, keyEnd: number, valueEnd: number | undefined): ProtocolRange {
  const r = rangeOf(p, start, valueEnd ?? keyEnd);
  if (r.end.line === r.start.line) return r;
  return rangeOf(p, start, keyEnd);
}

function pathsOf(p: ParsedObject): DriftPathRange[] {
  const out: DriftPathRange[] = [];
  const { nav } = p.object;
  const walk = (node: unknown, path: DriftPathSegment[], seen: Set<unknown>): void => {
    if (path.length > MAX_DEPTH) return;
    const map = nav.map(node);
    if (map) {
      if (seen.has(map)) return; // an alias that refers to itself
      seen.add(map);
      for (const [key, pair] of nav.entries(map)) {
        const k = pair.key as Node | null;
        const v = nav.deref(pair.value);
        if (!k?.range) continue;
        const here = [...path, key];
        out.push({
          path: here,
          range: lineRange(p, k.range[0], k.range[1], isScalarLike(v) ? v?.range?.[1] : undefined),
        });
        walk(pair.value, here, seen);
      }
      seen.delete(map);
      return;
    }
    const seq = nav.seq(node);
    if (!seq || seen.has(seq)) return;
    seen.add(seq);
    seq.items.forEach((item, i) => {
      const n = nav.deref(item);
      if (!n?.range) return;
      const here = [...path, i];
      out.push({ path: here, range: lineRange(p, n.range[0], n.range[0], isScalarLike(n) ? n.range[1] : undefined) });
      walk(item, here, seen);
    });
    seen.delete(seq);
  };
  walk(p.object.node, [], new Set());
  return out;
}

/** A value written on the key's line (a scalar, or an alias to one); maps and lists span lines of their own. */
function isScalarLike(n: Node | undefined): boolean {
  return !!n && !('items' in n);
}

function driftObjectOf(p: ParsedObject, index: WorkspaceIndexView | undefined): DriftObject | undefined {
  const obj = p.object;
  if (!obj.name || !obj.node.range) return undefined;
  const body = obj.nav.plain(obj.node); // undefined for an alias bomb: nothing anyone could apply
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const first = obj.node.items[0]?.key as Node | undefined;
  const anchorStart = first?.range?.[0] ?? obj.node.range[0];
  const hpas = index
    ? hpasTargeting(index, {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.name,
        namespace: obj.namespace ?? index.defaultNamespace,
      })
        .map((h) => h.name)
        .filter((n): n is string => !!n)
    : [];
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.name,
    ...(obj.namespace ? { namespace: obj.namespace } : {}),
    anchor: rangeOf(p, anchorStart, anchorStart),
    body: body as Record<string, unknown>,
    paths: pathsOf(p),
    hpas,
  };
}

export function driftObjectsOf(
  doc: TextDocument | undefined,
  uri: string,
  index?: WorkspaceIndexView,
): DriftObjectsResult {
  if (!doc) return { uri, version: null, objects: [] };
  const objects = parseObjects(doc.getText())
    .map((p) => driftObjectOf(p, index))
    .filter((o): o is DriftObject => !!o);
  return { uri, version: doc.version, objects };
}

/**
 * The objects a chart template or an overlay's file gives, as rendered, each key placed where a finding on it would
 * be (the template line, the values key, a patch line, the base's key), and a key a template fills from values on
 * its template line too; keys placed only in other files are left out, so a difference there lands on the deepest
 * key on its way that this file writes. The object's own line is where its
 * first key is mapped, else its first key written here. Objects this file writes nothing of are not its own.
 */
export function renderedDriftObjectsOf(
  doc: TextDocument,
  uri: string,
  path: string,
  sources: readonly RenderedSource[],
  index?: WorkspaceIndexView,
): DriftObjectsResult {
  const lines = new LineIndex(doc.getText());
  const here = (line: number, character: number): ProtocolRange | undefined => {
    if (line >= lines.lineCount) return undefined;
    // to the end of the line, without a trailing comment
    const end = Math.max(
      character,
      lines
        .lineText(line)
        .replace(/\s+#.*$/, '')
        .trimEnd().length,
    );
    return { start: { line, character }, end: { line, character: end } };
  };
  const objects: DriftObject[] = [];
  for (const source of sources) {
    for (const p of parseObjects(source.text)) {
      const o = driftObjectOf(p, index);
      if (!o) continue;
      const placed = (r: ProtocolRange): ProtocolRange | undefined => {
        const m = source.place(r.start.line, r.start.character).find((x) => x.file === path);
        return m && here(m.line, m.character);
      };
      const paths = o.paths.flatMap((pr) => {
        const range = placed(pr.range);
        return range ? [{ path: pr.path, range }] : [];
      });
      const anchor = placed(o.anchor) ?? paths.map((pr) => pr.range).sort((a, b) => a.start.line - b.start.line)[0];
      if (!anchor) continue;
      const namespace = o.namespace ?? source.namespace;
      objects.push({
        ...o,
        ...(namespace ? { namespace } : {}),
        anchor: { start: anchor.start, end: anchor.start },
        paths,
      });
    }
  }
  return { uri, version: doc.version, objects };
}

export function workspaceObjectsOf(index: WorkspaceIndexView): WorkspaceObjectsResult {
  const objects: WorkspaceObjectRef[] = [];
  for (const o of index.objects()) {
    if (!o.name) continue;
    const meta = o.value.metadata as { namespace?: unknown } | undefined;
    const ns = typeof meta?.namespace === 'string' && meta.namespace ? meta.namespace : undefined;
    objects.push({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.name,
      ...(ns ? { namespace: ns } : {}),
      uri: o.uri,
      line: o.line,
    });
  }
  return { objects };
}

/** Wires both requests; server.ts calls this once. Failures answer empty, never take the server down. */
export function registerDriftRequests(
  connection: {
    onRequest<P, R>(type: RequestType<P, R, void>, handler: (params: P) => R | Promise<R>): unknown;
    onRequest<R>(type: RequestType0<R, void>, handler: () => R): unknown;
    console: { error(message: string): void };
  },
  documents: { get(uri: string): TextDocument | undefined },
  index: () => WorkspaceIndexView,
  /** The file's path and the rendered documents of its charts or overlays; undefined when it belongs to none. */
  rendered: (uri: string) => Promise<{ path: string; sources: RenderedSource[] } | undefined> = async () => undefined,
): void {
  const failed = (method: string, e: unknown) =>
    connection.console.error(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  connection.onRequest(DriftObjectsRequest, async (params) => {
    try {
      const doc = documents.get(params.uri);
      const r = doc ? await rendered(params.uri) : undefined;
      // the document may have been closed while the render ran
      const now = documents.get(params.uri);
      if (r && now) return renderedDriftObjectsOf(now, params.uri, r.path, r.sources, index());
      return driftObjectsOf(now, params.uri, index());
    } catch (e) {
      failed(DriftObjectsRequest.method, e);
      return { uri: params.uri, version: null, objects: [] };
    }
  });
  connection.onRequest(WorkspaceObjectsRequest, () => {
    try {
      return workspaceObjectsOf(index());
    } catch (e) {
      failed(WorkspaceObjectsRequest.method, e);
      return { objects: [] };
    }
  });
}
