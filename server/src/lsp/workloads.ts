/**
 * The custom requests of server/src/protocol/requests.ts: the workloads and containers of a manifest with their
 * ranges, selectors and written resources; and the edit that writes recommended resources into one container
 * (comment- and indentation-preserving, through the same YAML editor as the quick fixes).
 */
import type { RequestType } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseObjects } from '../navigation/files';
import { containersOf, podMetadataOf, podSpecOf, stringMap, type K8sObject } from '../model/object';
import { ResourcesEditRequest, WorkloadsRequest } from '../protocol/requests';
import type {
  ProtocolRange,
  ResourcesEditParams,
  ResourcesEditResult,
  ResourceValues,
  Workload,
  WorkloadContainer,
  WorkloadsResult,
} from '../protocol/metrics';
import { minimalEdit } from '../engine/apply';
import { YamlEditor } from '../yaml/edit';
import { LineIndex } from '../yaml/lines';
import { splitSegments } from '../yaml/segments';

type Parsed = ReturnType<typeof parseObjects>[number];

function range(p: Parsed, start: number, end: number): ProtocolRange {
  const a = p.lines.positionAt(start);
  const b = p.lines.positionAt(end);
  return {
    start: { line: p.startLine + a.line, character: a.character },
    end: { line: p.startLine + b.line, character: b.character },
  };
}

function values(obj: K8sObject, map: unknown): ResourceValues {
  const m = obj.nav.map(map);
  const cpu = obj.nav.getStr(m, 'cpu') ?? obj.nav.str(obj.nav.pair(m, 'cpu')?.value);
  const memory = obj.nav.getStr(m, 'memory') ?? obj.nav.str(obj.nav.pair(m, 'memory')?.value);
  return { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) };
}

function selectorOf(obj: K8sObject): Record<string, string> {
  const spec = obj.nav.getMap(obj.node, 'spec');
  const sel = obj.nav.getMap(spec, 'selector');
  const match = obj.nav.getMap(sel, 'matchLabels');
  const from = match ?? (obj.kind === 'ReplicationController' ? sel : undefined) ?? podMetadataLabels(obj);
  return Object.fromEntries(stringMap(obj.nav, from));
}

function podMetadataLabels(obj: K8sObject) {
  return obj.nav.getMap(podMetadataOf(obj), 'labels');
}

function workloadOf(p: Parsed): Workload | undefined {
  const obj = p.object;
  if (!obj.workload || !obj.name) return undefined;
  const containers: WorkloadContainer[] = [];
  for (const c of containersOf(obj, podSpecOf(obj))) {
    if (c.kind === 'ephemeralContainer' || !c.name || !c.node.range) continue;
    const resources = obj.nav.pair(c.node, 'resources');
    const nameKey = obj.nav.pair(c.node, 'name')?.key as { range?: [number, number, number] } | undefined;
    const anchorNode = (resources?.key ?? nameKey) as { range?: [number, number, number] } | undefined;
    const anchor = anchorNode?.range ?? c.node.range;
    const res = obj.nav.map(resources?.value);
    containers.push({
      name: c.name,
      kind: c.kind,
      sidecar: c.kind === 'initContainer' && obj.nav.getStr(c.node, 'restartPolicy') === 'Always',
      range: range(p, c.node.range[0], c.node.range[1]),
      anchor: range(p, anchor[0], anchor[1]),
      hasResources: !!resources,
      requests: values(obj, obj.nav.pair(res, 'requests')?.value),
      limits: values(obj, obj.nav.pair(res, 'limits')?.value),
    });
  }
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.name,
    ...(obj.namespace ? { namespace: obj.namespace } : {}),
    range: range(p, obj.node.range![0], obj.node.range![1]),
    selector: selectorOf(obj),
    containers,
  };
}

export function workloadsOf(doc: TextDocument | undefined, uri: string): WorkloadsResult {
  if (!doc) return { uri, version: null, workloads: [] };
  const workloads = parseObjects(doc.getText())
    .map(workloadOf)
    .filter((w): w is Workload => !!w);
  return { uri, version: doc.version, workloads };
}

/** The container map of `kind/name` › `container` in one segment's text, with what is needed to edit it. */
function locate(text: string, p: ResourcesEditParams) {
  for (const parsed of parseObjects(text)) {
    const obj = parsed.object;
    if (obj.kind !== p.kind || obj.name !== p.name) continue;
    const c = containersOf(obj, podSpecOf(obj)).find((x) => x.name === p.container && x.kind !== 'ephemeralContainer');
    if (c) return { obj, container: c.node, lines: parsed.lines };
  }
  return undefined;
}

export function resourcesEdit(doc: TextDocument | undefined, p: ResourcesEditParams): ResourcesEditResult {
  if (!doc) return { version: null, edits: [], error: `${p.uri} is not open` };
  const text = doc.getText();
  for (const seg of splitSegments(text)) {
    if (!locate(seg.text, p)) continue;
    // One value at a time, re-parsing in between: each step is the YAML editor's own insertion or replacement,
    // and the steps never overlap. The caller gets one minimal edit of the whole segment.
    let cur = seg.text;
    const steps: Array<[string[], string]> = [];
    for (const [key, v] of Object.entries(p.requests)) if (v) steps.push([['resources', 'requests', key], v]);
    for (const [key, v] of Object.entries(p.limits)) if (v) steps.push([['resources', 'limits', key], v]);
    for (const [path, value] of steps) {
      const at = locate(cur, p);
      if (!at) return { version: doc.version, edits: [], error: 'the manifest changed while it was edited' };
      const editor = new YamlEditor(cur, new LineIndex(cur), at.obj.nav);
      const e = editor.ensurePath(at.container, path, value);
      if (!e)
        return {
          version: doc.version,
          edits: [],
          error: `cannot write ${path.join('.')} (written through an alias or merge key?)`,
        };
      cur = cur.slice(0, e.start) + e.text + cur.slice(e.end);
    }
    const edit = minimalEdit(seg.text, cur);
    if (!edit) return { version: doc.version, edits: [] };
    const lines = new LineIndex(seg.text);
    const a = lines.positionAt(edit.start);
    const b = lines.positionAt(edit.end);
    return {
      version: doc.version,
      edits: [
        {
          range: {
            start: { line: seg.startLine + a.line, character: a.character },
            end: { line: seg.startLine + b.line, character: b.character },
          },
          newText: edit.text,
        },
      ],
    };
  }
  return {
    version: doc.version,
    edits: [],
    error: `${p.kind} "${p.name}" has no container "${p.container}" in this file`,
  };
}

/** Wires both requests; server.ts calls this once. Failures answer with an error, never take the server down. */
export function registerWorkloadRequests(
  connection: {
    onRequest<P, R>(type: RequestType<P, R, void>, handler: (params: P) => R): unknown;
    console: { error(message: string): void };
  },
  documents: { get(uri: string): TextDocument | undefined },
): void {
  connection.onRequest(WorkloadsRequest, (params) => {
    try {
      return workloadsOf(documents.get(params.uri), params.uri);
    } catch (e) {
      connection.console.error(
        `${WorkloadsRequest.method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return { uri: params.uri, version: null, workloads: [] };
    }
  });
  connection.onRequest(ResourcesEditRequest, (params) => {
    try {
      return resourcesEdit(documents.get(params.uri), params);
    } catch (e) {
      connection.console.error(
        `${ResourcesEditRequest.method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return { version: null, edits: [], error: 'internal error (see the Kubewise output)' };
    }
  });
}
