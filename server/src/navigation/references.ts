/**
 * Go-to-definition and find-references between Kubernetes objects, through the workspace index: from a reference
 * (`scaleTargetRef.name`, a VPA's `targetRef.name`, `claimName`, `serviceName`, `storageClassName`, a ConfigMap or
 * Secret name, a Service's or PDB's or NetworkPolicy's selector, an Ingress backend's Service …) to the objects it
 * names, and from an object back to everything that refers to it.
 *
 * Pure functions over texts: the language server passes the document's text and a way to read other files' texts
 * (open editors, else disk); nothing here reads the filesystem. Targets are found in the index; their exact range
 * (the `metadata.name` value) is read from their file's text when one is given, else the object's first line.
 */
import { WORKLOADS } from '../model/kinds';
import type { K8sObject } from '../model/object';
import { containersOf, podSpecOf } from '../model/object';
import { podLabelsOf, podOwnersIn, SCALABLE_KINDS } from '../model/relations';
import { matchesMapSelector, matchesSelector, parseLabelSelector, toLabelMap } from '../model/selector';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { CLUSTER_SCOPED } from '../model/workspace';
import type { LineIndex } from '../yaml/lines';
import { toGlobalRange } from '../yaml/lines';
import { trimEnd } from '../engine/ranges';
import type { Document, Node, Pair, YAMLMap } from '../yaml/nodes';
import type { DocNav } from '../yaml/nodes';
import { splitSegments } from '../yaml/segments';
import { parseSegment } from '../model/segment';
import type { Position, Range } from '../engine/types';
import type { Workspace } from '../engine/workspace';

export interface Location {
  uri: string;
  range: Range;
}

/** Reads another file's current text (an open editor's, else the file on disk); undefined when unavailable. */
export type TextOf = (uri: string) => string | undefined;

/** What a reference points at: objects of some kinds by name, or the pods whose labels a selector matches. */
export type RefTarget =
  | { readonly by: 'name'; readonly kinds: readonly string[]; readonly name: string; readonly namespace?: string }
  | { readonly by: 'labels'; readonly matches: (labels: ReadonlyMap<string, string>) => boolean };

export interface Ref {
  /** Segment-local offsets of what the cursor may be on (a name value; a whole selector pair). */
  readonly start: number;
  readonly end: number;
  readonly target: RefTarget;
}

interface ParsedObject {
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

// ---------------------------------------------------------------------------------------------------------------
// References written in an object.

class RefCollector {
  readonly refs: Ref[] = [];
  constructor(readonly nav: DocNav) {}

  /** A reference by name at `map.key` (a scalar), to objects of `kinds`. */
  name(map: YAMLMap | undefined, key: string, kinds: readonly string[], namespace?: string): void {
    const node = this.nav.deref(this.nav.pair(map, key)?.value);
    const name = this.nav.str(node);
    if (!node?.range || !name) return;
    this.refs.push({ start: node.range[0], end: node.range[1], target: { by: 'name', kinds, name, namespace } });
  }

  /** A selector at `map.key`: the whole pair (key and value) is the reference. */
  selector(
    map: YAMLMap | undefined,
    key: string,
    matches: ((labels: ReadonlyMap<string, string>) => boolean) | undefined,
  ): void {
    const pair = this.nav.pair(map, key);
    if (!pair || !matches) return;
    const range = pairRange(pair);
    if (range) this.refs.push({ start: range[0], end: range[1], target: { by: 'labels', matches } });
  }

  each(seq: unknown, f: (m: YAMLMap) => void): void {
    for (const item of this.nav.seq(seq)?.items ?? []) {
      const m = this.nav.map(item);
      if (m) f(m);
    }
  }
}

function pairRange(pair: Pair): [number, number] | undefined {
  const k = (pair.key as Node | null)?.range;
  const v = (pair.value as Node | null)?.range;
  if (!k) return undefined;
  return [k[0], v ? v[1] : k[1]];
}

function plain(nav: DocNav, doc: Document.Parsed, node: unknown): unknown {
  const n = nav.deref(node);
  if (!n) return undefined;
  try {
    return n.toJS(doc, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** Whether a plain LabelSelector selects everything (`{}`): a "reference" to every pod is no reference. */
function emptySelector(raw: unknown): boolean {
  if (raw === null || raw === undefined || typeof raw !== 'object') return true;
  const r = raw as { matchLabels?: unknown; matchExpressions?: unknown };
  const labels = r.matchLabels && typeof r.matchLabels === 'object' ? Object.keys(r.matchLabels) : [];
  const exprs = Array.isArray(r.matchExpressions) ? r.matchExpressions : [];
  return labels.length === 0 && exprs.length === 0;
}

function setSelector(
  nav: DocNav,
  doc: Document.Parsed,
  node: unknown,
): ((labels: ReadonlyMap<string, string>) => boolean) | undefined {
  const raw = plain(nav, doc, node);
  if (emptySelector(raw)) return undefined;
  const { selector } = parseLabelSelector(raw);
  return selector ? (labels) => matchesSelector(selector, labels) : undefined;
}

/** Every reference an object makes to other objects. */
export function referencesOf(obj: K8sObject): Ref[] {
  const nav = obj.nav;
  const c = new RefCollector(nav);
  const root = obj.node;
  const spec = nav.getMap(root, 'spec');
  const kindOf = (ref: YAMLMap | undefined, fallback: readonly string[]): readonly string[] => {
    const k = nav.getStr(ref, 'kind');
    return k ? [k] : fallback;
  };
  switch (obj.kind) {
    case 'HorizontalPodAutoscaler': {
      const ref = nav.getMap(spec, 'scaleTargetRef');
      c.name(ref, 'name', kindOf(ref, SCALABLE_KINDS));
      break;
    }
    case 'VerticalPodAutoscaler': {
      const ref = nav.getMap(spec, 'targetRef');
      c.name(ref, 'name', kindOf(ref, Object.keys(WORKLOADS)));
      break;
    }
    case 'StatefulSet':
      c.name(spec, 'serviceName', ['Service']);
      c.each(nav.get(spec, 'volumeClaimTemplates'), (t) =>
        c.name(nav.getMap(t, 'spec'), 'storageClassName', ['StorageClass']),
      );
      break;
    case 'PersistentVolumeClaim':
      c.name(spec, 'storageClassName', ['StorageClass']);
      c.name(spec, 'volumeName', ['PersistentVolume']);
      break;
    case 'PersistentVolume': {
      c.name(spec, 'storageClassName', ['StorageClass']);
      const claimRef = nav.getMap(spec, 'claimRef');
      c.name(claimRef, 'name', ['PersistentVolumeClaim'], nav.getStr(claimRef, 'namespace'));
      break;
    }
    case 'Service': {
      if (nav.getStr(spec, 'type') === 'ExternalName') break;
      const selector = toLabelMap(plain(nav, obj.doc, nav.get(spec, 'selector')));
      c.selector(spec, 'selector', selector.size ? (labels) => matchesMapSelector(selector, labels) : undefined);
      break;
    }
    case 'PodDisruptionBudget':
      c.selector(spec, 'selector', setSelector(nav, obj.doc, nav.get(spec, 'selector')));
      break;
    case 'NetworkPolicy':
      c.selector(spec, 'podSelector', setSelector(nav, obj.doc, nav.get(spec, 'podSelector')));
      break;
    case 'Ingress': {
      const backend = (b: YAMLMap | undefined): void => {
        c.name(nav.getMap(b, 'service'), 'name', ['Service']);
        c.name(b, 'serviceName', ['Service']);
      };
      backend(nav.getMap(spec, 'defaultBackend'));
      backend(nav.getMap(spec, 'backend'));
      c.each(nav.get(spec, 'rules'), (rule) =>
        c.each(nav.get(nav.getMap(rule, 'http'), 'paths'), (p) => backend(nav.getMap(p, 'backend'))),
      );
      c.each(nav.get(spec, 'tls'), (t) => c.name(t, 'secretName', ['Secret']));
      c.name(spec, 'ingressClassName', ['IngressClass']);
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const roleRef = nav.getMap(root, 'roleRef');
      c.name(roleRef, 'name', kindOf(roleRef, ['Role', 'ClusterRole']));
      c.each(nav.get(root, 'subjects'), (s) => {
        if (nav.getStr(s, 'kind') === 'ServiceAccount')
          c.name(s, 'name', ['ServiceAccount'], nav.getStr(s, 'namespace'));
      });
      break;
    }
  }
  const podSpec = podSpecOf(obj);
  if (podSpec) podReferences(c, obj, podSpec);
  return c.refs;
}

function podReferences(c: RefCollector, obj: K8sObject, podSpec: YAMLMap): void {
  const nav = c.nav;
  c.name(podSpec, 'serviceAccountName', ['ServiceAccount']);
  c.name(podSpec, 'serviceAccount', ['ServiceAccount']);
  c.name(podSpec, 'priorityClassName', ['PriorityClass']);
  c.name(podSpec, 'runtimeClassName', ['RuntimeClass']);
  c.each(nav.get(podSpec, 'imagePullSecrets'), (s) => c.name(s, 'name', ['Secret']));
  c.each(nav.get(podSpec, 'volumes'), (v) => {
    c.name(nav.getMap(v, 'persistentVolumeClaim'), 'claimName', ['PersistentVolumeClaim']);
    c.name(nav.getMap(v, 'configMap'), 'name', ['ConfigMap']);
    c.name(nav.getMap(v, 'secret'), 'secretName', ['Secret']);
    c.name(nav.getMap(nav.getMap(nav.getMap(v, 'ephemeral'), 'volumeClaimTemplate'), 'spec'), 'storageClassName', [
      'StorageClass',
    ]);
    c.each(nav.get(nav.getMap(v, 'projected'), 'sources'), (s) => {
      c.name(nav.getMap(s, 'configMap'), 'name', ['ConfigMap']);
      c.name(nav.getMap(s, 'secret'), 'name', ['Secret']);
    });
  });
  for (const container of containersOf(obj, podSpec)) {
    c.each(nav.get(container.node, 'env'), (e) => {
      const from = nav.getMap(e, 'valueFrom');
      c.name(nav.getMap(from, 'configMapKeyRef'), 'name', ['ConfigMap']);
      c.name(nav.getMap(from, 'secretKeyRef'), 'name', ['Secret']);
    });
    c.each(nav.get(container.node, 'envFrom'), (e) => {
      c.name(nav.getMap(e, 'configMapRef'), 'name', ['ConfigMap']);
      c.name(nav.getMap(e, 'secretRef'), 'name', ['Secret']);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution through the index.

/** The namespace an object of a file lands in, as the index says (kustomize namespaces included). */
function namespaceOf(index: WorkspaceIndexView, uri: string, p: ParsedObject): string {
  const entry = index.objects(p.object.kind).find((o) => o.uri === uri && o.line === p.line);
  return entry?.namespace ?? p.object.namespace ?? index.defaultNamespace;
}

/** The objects a reference names, in the referring object's namespace (or the one the reference writes). */
export function resolveRef(index: WorkspaceIndexView, target: RefTarget, namespace: string): IndexedObject[] {
  if (target.by === 'labels') {
    return podOwnersIn(index, namespace).filter((o) => {
      const labels = podLabelsOf(o);
      return !!labels && target.matches(labels);
    });
  }
  const out: IndexedObject[] = [];
  const ns = target.namespace ?? namespace;
  for (const kind of target.kinds) {
    for (const o of index.objects(kind)) {
      if (o.name === target.name && (CLUSTER_SCOPED.has(kind) || o.namespace === ns)) out.push(o);
    }
  }
  return out;
}

/** Texts of files, parsed once per request. */
class Files {
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

function toRange(p: ParsedObject, start: number, end: number): Range {
  // Block collections end after their last line break; a location should stop at the last character written.
  const [s, e] = trimEnd(p.lines.text, [start, end]);
  return toGlobalRange(p.lines, s, e, p.startLine);
}

/** The object of a file that holds a position, and the segment-local offset of the position. */
function objectAt(
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

function refAt(p: ParsedObject, offset: number): Ref | undefined {
  // The innermost reference wins (a name inside a selector pair cannot happen today, but be exact anyway).
  let best: Ref | undefined;
  for (const r of referencesOf(p.object)) {
    if (offset < r.start || offset > r.end) continue;
    if (!best || r.end - r.start < best.end - best.start) best = r;
  }
  return best;
}

function sameObject(a: IndexedObject, b: IndexedObject): boolean {
  return a.uri === b.uri && a.line === b.line && a.kind === b.kind;
}

/**
 * The objects the reference under the cursor names: a workload for `scaleTargetRef.name`, the claim for
 * `claimName`, every workload whose pods a Service's selector picks, … Empty when the cursor is on no reference or
 * the target is not in the workspace.
 */
export function definitionAt(
  workspace: Workspace,
  uri: string,
  text: string,
  position: Position,
  textOf?: TextOf,
): Location[] {
  const index = workspace.index();
  const files = new Files({ uri, text }, textOf);
  const at = objectAt(files.objects(uri) ?? [], position);
  if (!at) return [];
  const ref = refAt(at.p, at.offset);
  if (!ref) return [];
  return resolveRef(index, ref.target, namespaceOf(index, uri, at.p)).map((o) => files.locationOf(o));
}

export interface ReferencesOptions {
  /** Include the object's own location (LSP `context.includeDeclaration`). */
  includeDeclaration?: boolean;
  textOf?: TextOf;
}

/**
 * Everything in the workspace that refers to the object under the cursor (anywhere in an object that is not
 * itself a reference), or to the object a reference under the cursor names.
 */
export function referencesTo(
  workspace: Workspace,
  uri: string,
  text: string,
  position: Position,
  options: ReferencesOptions = {},
): Location[] {
  const index = workspace.index();
  const files = new Files({ uri, text }, options.textOf);
  const at = objectAt(files.objects(uri) ?? [], position);
  if (!at) return [];
  const ref = refAt(at.p, at.offset);
  let targets: IndexedObject[];
  if (ref) targets = resolveRef(index, ref.target, namespaceOf(index, uri, at.p));
  else {
    const self = index.objects(at.p.object.kind).find((o) => o.uri === uri && o.line === at.p.line);
    targets = self ? [self] : [];
  }
  if (targets.length === 0) return [];
  const out: Location[] = [];
  if (options.includeDeclaration) for (const t of targets) out.push(files.locationOf(t));
  const uris = workspace.uris();
  if (!uris.includes(uri)) uris.push(uri);
  for (const u of uris) {
    for (const p of files.objects(u) ?? []) {
      const refs = referencesOf(p.object);
      if (refs.length === 0) continue;
      const ns = namespaceOf(index, u, p);
      for (const r of refs) {
        const named = resolveRef(index, r.target, ns);
        if (named.some((n) => targets.some((t) => sameObject(n, t))))
          out.push({ uri: u, range: toRange(p, r.start, r.end) });
      }
    }
  }
  return out;
}
