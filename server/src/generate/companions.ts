/**
 * "Add an HPA / VPA / PDB for this workload": generates the companion object of a Deployment or StatefulSet with the
 * workload's name, namespace and labels filled in, either appended to the same file (right after the workload's
 * document) or as the text of a sibling file. Pure: text in, edits and text out; the language server turns the
 * proposals into code actions.
 *
 * What is generated passes the scaling rules as written: the HPA is `autoscaling/v2` with a `behavior` and scales on
 * a resource the containers request (hpa-metric-without-request), the VPA starts in `updateMode: "Off"` with bounds
 * (vpa-without-bounds, and no vpa-hpa-conflict with an HPA on the same resource), the PDB allows one eviction
 * (pdb-blocks-eviction). Adding an HPA also removes the workload's `spec.replicas`, which would otherwise fight the
 * HPA on every `kubectl apply` (replicas-with-hpa).
 */
import type { Range, TextEdit } from '../engine/types';
import type { K8sObject } from '../model/object';
import { containersOf, podMetadataOf, stringMap } from '../model/object';
import { parseSegment } from '../model/segment';
import { toLabelMap } from '../model/selector';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import type { Edit, YamlEditor } from '../yaml/edit';
import type { LineIndex } from '../yaml/lines';
import { toGlobalRange } from '../yaml/lines';
import type { YamlValue } from '../yaml/render';
import { renderBlockMap } from '../yaml/render';
import type { Segment } from '../yaml/segments';
import { splitSegments } from '../yaml/segments';

export type CompanionKind = 'hpa' | 'vpa' | 'pdb';

/** The workload kinds that get companions. */
export const COMPANION_WORKLOADS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet']);

const OBJECT_KIND: Readonly<Record<CompanionKind, string>> = {
  hpa: 'HorizontalPodAutoscaler',
  vpa: 'VerticalPodAutoscaler',
  pdb: 'PodDisruptionBudget',
};

export interface WorkloadIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** As written on the workload; undefined when it has none (the companion then has none either). */
  readonly namespace: string | undefined;
}

export interface CompanionProposal {
  readonly kind: CompanionKind;
  /** HorizontalPodAutoscaler, VerticalPodAutoscaler or PodDisruptionBudget. */
  readonly objectKind: string;
  readonly workload: WorkloadIdentity;
  /** "Add a HorizontalPodAutoscaler for Deployment web". */
  readonly title: string;
  /** The new object as one YAML document (no `---`), ending with a newline, in the file's line endings. */
  readonly text: string;
  /** Changes to the workload that belong with the new object (an HPA takes over `spec.replicas`). */
  readonly workloadEdits: TextEdit[];
  /** Puts the object in this file after the workload's document; includes `workloadEdits`. */
  readonly appendEdits: TextEdit[];
  /** Suffix of the sibling file's name: `<file>-hpa.yaml`. */
  readonly fileSuffix: CompanionKind;
}

export interface CompanionOptions {
  /**
   * Every object of the workspace, this text's included (the language server's index holds the editor's text): a
   * workload that already has the companion gets no proposal. Without it, the other objects of the text are used.
   * With it, only the `---` segment under the cursor is parsed, so the action costs little even in a huge file.
   */
  readonly index?: WorkspaceIndexView | (() => WorkspaceIndexView);
  /** Which companions to propose (all three when absent). */
  readonly kinds?: readonly CompanionKind[];
}

interface Located {
  readonly object: K8sObject;
  readonly segment: Segment;
  readonly lines: LineIndex;
  readonly editor: YamlEditor;
}

/**
 * The companions that the workload whose header (apiVersion, kind, metadata) holds `range.start` does not have yet;
 * none elsewhere.
 */
export function companionProposals(text: string, range: Range, options: CompanionOptions = {}): CompanionProposal[] {
  const line = range.start.line;
  const here = locateObjects(text, line).find((o) => inHeader(o, line) && COMPANION_WORKLOADS.has(o.object.kind));
  if (!here || !here.object.name) return [];
  // The index is only asked for (a function may build it) once a workload is under the cursor.
  const index = typeof options.index === 'function' ? options.index() : options.index;
  const existing: ExistingObject[] = index
    ? // only the companion kinds: an entry's plain value is computed on first use, so never touch the others
      Object.values(OBJECT_KIND).flatMap((kind) => index.objects(kind).map(fromIndex))
    : locateObjects(text).map((o) => ({ kind: o.object.kind, namespace: o.object.namespace, value: plain(o.object) }));
  const facts = workloadFacts(here.object);
  const out: CompanionProposal[] = [];
  for (const kind of options.kinds ?? (['hpa', 'vpa', 'pdb'] as const)) {
    if (hasCompanion(kind, facts, existing)) continue;
    out.push(propose(kind, here, facts));
  }
  return out;
}

/**
 * The path of the sibling file for a companion: `deploy/web.yaml` → `deploy/web-hpa.yaml`. Works on paths and on
 * URIs alike (only the last segment changes).
 */
export function siblingFileName(fileUriOrPath: string, suffix: string): string {
  const slash = fileUriOrPath.lastIndexOf('/');
  const dir = fileUriOrPath.slice(0, slash + 1);
  const base = fileUriOrPath.slice(slash + 1);
  const m = /^(.*?)(\.ya?ml)?$/i.exec(base)!;
  return `${dir}${m[1] || 'manifest'}-${suffix}${m[2] ?? '.yaml'}`;
}

// ---------------------------------------------------------------------------------------------------------------

interface WorkloadFacts {
  readonly identity: WorkloadIdentity;
  readonly labels: Map<string, string>;
  /** `spec.selector.matchLabels`, else the pod template labels: what a PDB must select. */
  readonly podLabels: Map<string, string>;
  readonly replicas: number | undefined;
  /** Whether every (regular) container requests cpu / memory: an HPA Utilization metric needs it. */
  readonly requestsCpu: boolean;
  readonly requestsMemory: boolean;
}

function workloadFacts(obj: K8sObject): WorkloadFacts {
  const nav = obj.nav;
  const spec = nav.getMap(obj.node, 'spec');
  const matchLabels = stringMap(nav, nav.getMap(nav.getMap(spec, 'selector'), 'matchLabels'));
  const templateLabels = stringMap(nav, nav.getMap(podMetadataOf(obj), 'labels'));
  const replicasNode = nav.get(spec, 'replicas');
  const replicasText = replicasNode ? nav.str(replicasNode) : undefined;
  const replicas = replicasText !== undefined && /^\d+$/.test(replicasText) ? Number(replicasText) : undefined;
  const containers = containersOf(obj).filter((c) => c.kind === 'container');
  const requests = (resource: string): boolean =>
    containers.length > 0 &&
    containers.every((c) => nav.getIn(c.node, ['resources', 'requests', resource]) !== undefined);
  return {
    identity: { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.name!, namespace: obj.namespace },
    labels: stringMap(nav, nav.getMap(obj.metadata, 'labels')),
    podLabels: matchLabels.size > 0 ? matchLabels : templateLabels,
    replicas,
    requestsCpu: requests('cpu'),
    requestsMemory: requests('memory'),
  };
}

function propose(kind: CompanionKind, here: Located, facts: WorkloadFacts): CompanionProposal {
  const value = kind === 'hpa' ? hpaObject(facts) : kind === 'vpa' ? vpaObject(facts) : pdbObject(facts);
  const editor = here.editor;
  const docText = renderBlockMap(value, 0, editor.indentUnit, editor.eol);
  const workloadEdits: Edit[] = [];
  if (kind === 'hpa') {
    const spec = here.object.nav.getMap(here.object.node, 'spec');
    const pair = here.object.nav.pair(spec, 'replicas');
    if (spec && pair && spec.items.includes(pair)) workloadEdits.push(editor.removePair(spec, pair));
  }
  const toGlobal = (e: Edit): TextEdit => ({ range: globalRange(here, e.start, e.end), newText: e.text });
  const append = editor.appendDocument(docText);
  const id = facts.identity;
  return {
    kind,
    objectKind: OBJECT_KIND[kind],
    workload: id,
    title: `Add a ${OBJECT_KIND[kind]} for ${id.kind} ${id.name}`,
    text: docText,
    workloadEdits: workloadEdits.map(toGlobal),
    appendEdits: [...workloadEdits, append].map(toGlobal),
    fileSuffix: kind,
  };
}

function metadata(facts: WorkloadFacts): { [k: string]: YamlValue } {
  const m: { [k: string]: YamlValue } = { name: facts.identity.name };
  if (facts.identity.namespace !== undefined) m.namespace = facts.identity.namespace;
  if (facts.labels.size > 0) m.labels = Object.fromEntries(facts.labels);
  return m;
}

function targetRef(facts: WorkloadFacts): { [k: string]: YamlValue } {
  return { apiVersion: facts.identity.apiVersion, kind: facts.identity.kind, name: facts.identity.name };
}

function hpaObject(facts: WorkloadFacts): { [k: string]: YamlValue } {
  const minReplicas = Math.max(2, facts.replicas ?? 2);
  const maxReplicas = Math.max(10, minReplicas * 2);
  // Scale on what the pods request: a Utilization target on an unrequested resource never scales.
  const resource = facts.requestsCpu || !facts.requestsMemory ? 'cpu' : 'memory';
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(facts),
    spec: {
      scaleTargetRef: targetRef(facts),
      minReplicas,
      maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: resource,
            target: { type: 'Utilization', averageUtilization: resource === 'cpu' ? 70 : 80 },
          },
        },
      ],
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
        scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 100, periodSeconds: 30 }] },
      },
    },
  };
}

function vpaObject(facts: WorkloadFacts): { [k: string]: YamlValue } {
  return {
    apiVersion: 'autoscaling.k8s.io/v1',
    kind: 'VerticalPodAutoscaler',
    metadata: metadata(facts),
    spec: {
      targetRef: targetRef(facts),
      // Recommendations only: read them with `kubectl describe vpa`, then switch to Initial or Auto.
      updatePolicy: { updateMode: 'Off' },
      resourcePolicy: {
        containerPolicies: [
          {
            containerName: '*',
            controlledResources: ['cpu', 'memory'],
            minAllowed: { cpu: '25m', memory: '64Mi' },
            maxAllowed: { cpu: '2', memory: '4Gi' },
          },
        ],
      },
    },
  };
}

function pdbObject(facts: WorkloadFacts): { [k: string]: YamlValue } {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(facts),
    spec: {
      // One pod at a time: node drains proceed, and a rollout's surge is never blocked.
      maxUnavailable: 1,
      selector: { matchLabels: Object.fromEntries(facts.podLabels) },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

interface ExistingObject {
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly value: Readonly<Record<string, unknown>>;
}

function hasCompanion(kind: CompanionKind, facts: WorkloadFacts, existing: readonly ExistingObject[]): boolean {
  const id = facts.identity;
  const sameNs = (o: ExistingObject): boolean => (o.namespace ?? 'default') === (id.namespace ?? 'default');
  const refersTo = (ref: unknown): boolean => {
    const r = ref as { kind?: unknown; name?: unknown } | undefined;
    return !!r && r.kind === id.kind && r.name === id.name;
  };
  return existing.some((o) => {
    if (o.kind !== OBJECT_KIND[kind] || !sameNs(o)) return false;
    const spec = (o.value.spec ?? {}) as Record<string, unknown>;
    if (kind === 'hpa') return refersTo(spec.scaleTargetRef);
    if (kind === 'vpa') return refersTo(spec.targetRef);
    // A PDB covers the workload when its matchLabels select the workload's pods.
    const selector = (spec.selector ?? {}) as Record<string, unknown>;
    const wanted = toLabelMap(selector.matchLabels);
    if (wanted.size === 0) return false;
    for (const [k, v] of wanted) if (facts.podLabels.get(k) !== v) return false;
    return true;
  });
}

function fromIndex(o: IndexedObject): ExistingObject {
  return { kind: o.kind, namespace: o.namespace, value: o.value };
}

function plain(obj: K8sObject): Readonly<Record<string, unknown>> {
  return obj.nav.plainRecord(obj.node);
}

/** The objects of the text, or of the one segment that holds `line`. */
function locateObjects(text: string, line?: number): Located[] {
  const out: Located[] = [];
  const segments = splitSegments(text);
  const at =
    line === undefined
      ? -1
      : segments.findIndex(
          (s, i) => line >= s.startLine && (i + 1 === segments.length || line < segments[i + 1].startLine),
        );
  for (const segment of at >= 0 ? [segments[at]] : segments) {
    const { lines, objects } = parseSegment(segment.text);
    for (const { object, editor } of objects) out.push({ object, segment, lines, editor });
  }
  return out;
}

/**
 * Whether `line` is in the workload's header: from its first line (with the `---` and comments above it) to the
 * line before `spec:`, i.e. where apiVersion, kind and metadata identify it. The actions are offered there, not on
 * every line of a long pod spec where the line's own fixes matter more.
 */
function inHeader(o: Located, line: number): boolean {
  const [start, , end] = o.object.node.range!;
  const first = o.lines.positionAt(start).line + o.segment.startLine;
  const specKey = o.object.nav.pair(o.object.node, 'spec')?.key as { range?: [number, number, number] } | undefined;
  const stop = specKey?.range ? specKey.range[0] : end;
  const stopPos = o.lines.positionAt(stop);
  // The last header line: the line before `spec:`, or the object's last line (its end may start the next line).
  const last =
    stopPos.line + o.segment.startLine - (specKey?.range || (stopPos.character === 0 && stop > start) ? 1 : 0);
  return line >= Math.min(first, o.segment.startLine) && line <= Math.max(first, last);
}

function globalRange(o: Located, start: number, end: number): Range {
  return toGlobalRange(o.lines, start, end, o.segment.startLine);
}
