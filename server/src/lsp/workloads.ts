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
  SelectorRequirement,
  Workload,
  WorkloadContainer,
  WorkloadsResult,
} from '../protocol/metrics';
import { minimalEdit } from '../engine/apply';
import { HPA_KIND, hpaMaxReplicas, hpaMetrics, hpaMinReplicas, targetRefOf } from '../model/relations/autoscaling';
import { asRecord, dig, type PlainObject } from '../model/relations/plain';
import type { WorkspaceIndexView } from '../model/workspace';
import type { RenderHost } from '../render/host';
import { loadKustomization } from '../render/kustomize/kustomization';
import { kustomizationOf } from '../render/roots';
import type { HpaUtilization, WorkloadAutoscaler } from '../protocol/metrics';
import { chartOfTemplate, chartWorkloads, valuesEdit, type ChartRenderer } from './chart-workloads';
import { fileUriToPath } from './paths';
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

/** What a manifest's objects are read against: the kustomization that reads the file, and the HPAs around it. */
export interface WorkloadSurroundings {
  /** The file's path (forward slashes), when it is on disk. */
  readonly path?: string;
  readonly host?: Pick<RenderHost, 'readFile' | 'listDir'>;
  readonly index?: WorkspaceIndexView;
  /** Renders charts, for a template's workloads (chart-workloads.ts). */
  readonly chart?: ChartRenderer;
}

interface KustomizeFacts {
  readonly namespace?: string;
  readonly namePrefix: string;
  readonly nameSuffix: string;
}

function kustomizeFacts(s: WorkloadSurroundings): KustomizeFacts | undefined {
  if (!s.path || !s.host) return undefined;
  const host = s.host as RenderHost;
  const dir = kustomizationOf(host, s.path);
  const k = dir ? loadKustomization(host, dir) : undefined;
  return k
    ? { ...(k.namespace ? { namespace: k.namespace } : {}), namePrefix: k.namePrefix, nameSuffix: k.nameSuffix }
    : undefined;
}

/** The HPAs (of this file, then of the workspace) whose target is the workload, with their utilization targets. */
function autoscalersOf(
  w: { apiVersion: string; kind: string; name: string; namespace: string | undefined },
  local: readonly PlainObject[],
  index: WorkspaceIndexView | undefined,
): WorkloadAutoscaler[] {
  const candidates: PlainObject[] = [...local];
  for (const o of index?.objects(HPA_KIND) ?? []) candidates.push(o.value as PlainObject);
  const out: WorkloadAutoscaler[] = [];
  const seen = new Set<string>();
  for (const h of candidates) {
    const ns = (asRecord(h.metadata)?.namespace as string | undefined) ?? undefined;
    const name = asRecord(h.metadata)?.name;
    if (typeof name !== 'string' || (ns ?? w.namespace ?? 'default') !== (w.namespace ?? ns ?? 'default')) continue;
    const ref = targetRefOf(dig(h, 'spec', 'scaleTargetRef'));
    if (ref.kind !== w.kind || ref.name !== w.name) continue;
    const key = `${ns ?? ''}/${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const utilization: HpaUtilization[] = [];
    for (const m of hpaMetrics(h)) {
      if (m.type !== 'Resource' && m.type !== 'ContainerResource') continue;
      // A ContainerResource metric without a container is invalid (the API server rejects it): it moves nothing.
      if (m.type === 'ContainerResource' && !m.container) continue;
      if ((m.resource === 'cpu' || m.resource === 'memory') && m.targetType === 'Utilization' && m.averageUtilization)
        utilization.push({
          resource: m.resource,
          percent: m.averageUtilization,
          ...(m.type === 'ContainerResource' ? { container: m.container } : {}),
        });
    }
    const max = hpaMaxReplicas(h);
    out.push({ name, minReplicas: hpaMinReplicas(h), ...(max !== undefined ? { maxReplicas: max } : {}), utilization });
  }
  return out;
}

export function workloadOf(
  p: Parsed,
  kustomize: KustomizeFacts | undefined,
  hpas: readonly PlainObject[],
  index: WorkspaceIndexView | undefined,
): Workload | undefined {
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
  // The namespace comes from the object, else from the kustomization that reads the file (else the context's).
  const namespace = obj.namespace ?? kustomize?.namespace;
  const clusterName = kustomize ? `${kustomize.namePrefix}${obj.name}${kustomize.nameSuffix}` : obj.name;
  const autoscalers = autoscalersOf(
    { apiVersion: obj.apiVersion, kind: obj.kind, name: clusterName, namespace },
    hpas,
    index,
  );
  const expressions = obj.kind === 'Pod' ? [] : matchExpressionsOf(obj);
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.name,
    ...(clusterName !== obj.name ? { clusterName } : {}),
    ...(namespace
      ? { namespace, namespaceFrom: obj.namespace ? ('object' as const) : ('kustomization' as const) }
      : {}),
    ownNamespace: obj.namespace ?? null,
    ...(autoscalers.length ? { autoscalers } : {}),
    range: range(p, obj.node.range![0], obj.node.range![1]),
    selector: selectorOf(obj),
    ...(expressions.length ? { matchExpressions: expressions } : {}),
    containers,
  };
}

export function workloadsOf(
  doc: TextDocument | undefined,
  uri: string,
  surroundings: WorkloadSurroundings = {},
): WorkloadsResult {
  if (!doc) return { uri, version: null, workloads: [] };
  const parsed = parseObjects(doc.getText());
  const kustomize = kustomizeFacts(surroundings);
  // HPAs of this file (the index may not hold the unsaved text), then of the workspace.
  const hpas: PlainObject[] = [];
  for (const p of parsed) {
    if (p.object.kind !== HPA_KIND) continue;
    const v = asRecord(p.object.nav.plain(p.object.node)); // undefined for an alias bomb: no autoscaler read
    if (v) {
      const meta = asRecord(v.metadata);
      if (meta && meta.namespace === undefined && kustomize?.namespace) meta.namespace = kustomize.namespace;
      hpas.push(v);
    }
  }
  const workloads = parsed
    .map((p) => workloadOf(p, kustomize, hpas, surroundings.index))
    .filter((w): w is Workload => !!w);
  return { uri, version: doc.version, workloads };
}

/** The container map of `kind/name` › `container` in one segment's text, with what is needed to edit it. */
function locate(text: string, p: ResourcesEditParams) {
  for (const parsed of parseObjects(text)) {
    const obj = parsed.object;
    if (obj.kind !== p.kind || obj.name !== p.name) continue;
    // Two objects of one kind and name in one file (staging and prod): the one of the namespace asked for.
    if (p.namespace !== undefined && (obj.namespace ?? null) !== p.namespace) continue;
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
    error: `${p.kind} "${p.name}"${p.namespace ? ` (namespace ${p.namespace})` : ''} has no container "${p.container}" in this file`,
  };
}

/** Wires both requests; server.ts calls this once. Failures answer with an error, never take the server down. */
export function registerWorkloadRequests(
  connection: {
    onRequest<P, R>(type: RequestType<P, R, void>, handler: (params: P) => R | Promise<R>): unknown;
    console: { error(message: string): void };
  },
  documents: { get(uri: string): TextDocument | undefined },
  surroundings: (uri: string) => WorkloadSurroundings = () => ({}),
): void {
  connection.onRequest(WorkloadsRequest, async (params) => {
    try {
      const doc = documents.get(params.uri);
      const s = surroundings(params.uri);
      // A chart template: its objects as helm renders them, placed back on the template's lines.
      if (doc && s.chart && s.path && chartOfTemplate(s.chart.host, s.path))
        return { uri: params.uri, version: doc.version, workloads: await chartWorkloads(s.chart, s.path, doc) };
      return workloadsOf(doc, params.uri, s);
    } catch (e) {
      connection.console.error(
        `${WorkloadsRequest.method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return { uri: params.uri, version: null, workloads: [] };
    }
  });
  connection.onRequest(ResourcesEditRequest, (params) => {
    try {
      if (params.values) {
        // A chart template's container: the values key that feeds its resources.
        const path = fileUriToPath(params.values.uri);
        const host = surroundings(params.values.uri).host;
        if (!path || !host) return { version: null, edits: [], error: 'the values file is not on disk' };
        return valuesEdit(
          { ...params, values: params.values },
          documents.get(params.values.uri),
          (f) => host.readFile(f),
          path.replace(/\\/g, '/'),
        );
      }
      return resourcesEdit(documents.get(params.uri), params);
    } catch (e) {
      connection.console.error(
        `${ResourcesEditRequest.method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return { version: null, edits: [], error: 'internal error (see the Kubewise output)' };
    }
  });
}
