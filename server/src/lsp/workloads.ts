/**
 * The custom requests of server/src/protocol/metrics.ts: the workloads and containers of a manifest with their
 * ranges, selectors and written resources; and the edit that writes recommended resources into one container
 * (comment- and indentation-preserving, through the same YAML editor as the quick fixes).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseObjects } from '../navigation/files';
import { containersOf, podMetadataOf, podSpecOf, stringMap, type K8sObject } from '../model/object';
import {
  RESOURCES_EDIT_REQUEST,
  WORKLOADS_REQUEST,
  type WorkloadsParams,
  type ProtocolRange,
  type ResourcesEditParams,
  type ResourcesEditResult,
  type ResourceValues,
  type SelectorRequirement,
  type Workload,
  type WorkloadContainer,
  type WorkloadsResult,
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
  // A selector of matchExpressions only selects through them (matchExpressionsOf), not through the template's labels.
  const expressionsOnly = !match && !!obj.nav.getSeq(sel, 'matchExpressions');
  const from =
    match ??
    (obj.kind === 'ReplicationController' ? sel : undefined) ??
    (expressionsOnly ? undefined : podMetadataLabels(obj));
  return Object.fromEntries(stringMap(obj.nav, from));
}

function matchExpressionsOf(obj: K8sObject): SelectorRequirement[] {
  const sel = obj.nav.getMap(obj.nav.getMap(obj.node, 'spec'), 'selector');
  const out: SelectorRequirement[] = [];
  for (const item of obj.nav.getSeq(sel, 'matchExpressions')?.items ?? []) {
    const m = obj.nav.map(item);
    const key = obj.nav.getStr(m, 'key');
    const operator = obj.nav.getStr(m, 'operator');
    if (key === undefined || operator === undefined) continue;
    const values = (obj.nav.getSeq(m, 'values')?.items ?? []).map((v) => obj.nav.str(v) ?? '');
    out.push({ key, operator, values });
  }
  return out;
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
  const expressions = obj.kind === 'Pod' ? [] : matchExpressionsOf(obj);
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.name,
    ...(obj.namespace ? { namespace: obj.namespace } : {}),
    range: range(p, obj.node.range![0], obj.node.range![1]),
    selector: selectorOf(obj),
    ...(expressions.length ? { matchExpressions: expressions } : {}),
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
    onRequest(method: string, handler: (params: never) => unknown): unknown;
    console: { error(message: string): void };
  },
  documents: { get(uri: string): TextDocument | undefined },
): void {
  connection.onRequest(WORKLOADS_REQUEST, (params: WorkloadsParams) => {
    try {
      return workloadsOf(documents.get(params.uri), params.uri);
    } catch (e) {
      connection.console.error(
        `${WORKLOADS_REQUEST} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return { uri: params.uri, version: null, workloads: [] } satisfies WorkloadsResult;
    }
  });
  connection.onRequest(RESOURCES_EDIT_REQUEST, (params: ResourcesEditParams) => {
    try {
      return resourcesEdit(documents.get(params.uri), params);
    } catch (e) {
      connection.console.error(
        `${RESOURCES_EDIT_REQUEST} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return {
        version: null,
        edits: [],
        error: 'internal error (see the Kubewise output)',
      } satisfies ResourcesEditResult;
    }
  });
}
