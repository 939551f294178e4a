/**
 * The Kubernetes view of a parsed YAML document: which objects it holds (a `kind: List` holds several), their
 * identity, metadata and, for workloads, the pod spec and containers.
 */
import type { Document, YAMLMap } from '../yaml/nodes';
import { DocNav, isMap } from '../yaml/nodes';
import type { WorkloadShape } from './kinds';
import { WORKLOADS } from './kinds';

export interface K8sObject {
  readonly doc: Document.Parsed;
  readonly nav: DocNav;
  /** The object's root map. */
  readonly node: YAMLMap;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly metadata: YAMLMap | undefined;
  /** Set for workload kinds (Pod, Deployment, …, CronJob, DeploymentConfig). */
  readonly workload: WorkloadShape | undefined;
}

export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

export interface ContainerRef {
  readonly node: YAMLMap;
  readonly name: string | undefined;
  readonly kind: ContainerKind;
  readonly index: number;
}

const CONTAINER_KEYS: ReadonlyArray<[string, ContainerKind]> = [
  ['containers', 'container'],
  ['initContainers', 'initContainer'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** The Kubernetes objects of a document: none for YAML that is not a manifest (no apiVersion and kind). */
export function objectsOf(doc: Document.Parsed): K8sObject[] {
  const nav = new DocNav(doc);
  const root = nav.map(doc.contents);
  if (!root) return [];
  const top = toObject(doc, nav, root);
  if (!top) return [];
  if (top.kind === 'List' || top.kind.endsWith('List')) {
    const items = nav.getSeq(root, 'items');
    if (items) {
      const inner = items.items.map((it) => toObject(doc, nav, nav.map(it))).filter((o): o is K8sObject => !!o);
      if (top.kind === 'List' || inner.length > 0) return inner;
    }
  }
  return [top];
}

function toObject(doc: Document.Parsed, nav: DocNav, node: YAMLMap | undefined): K8sObject | undefined {
  if (!node) return undefined;
  const apiVersion = nav.getStr(node, 'apiVersion');
  const kind = nav.getStr(node, 'kind');
  if (apiVersion === undefined || kind === undefined) return undefined;
  const metadata = nav.getMap(node, 'metadata');
  return {
    doc,
    nav,
    node,
    apiVersion,
    kind,
    name: nav.getStr(metadata, 'name'),
    namespace: nav.getStr(metadata, 'namespace'),
    metadata,
    workload: WORKLOADS[kind],
  };
}

export function podSpecOf(obj: K8sObject): YAMLMap | undefined {
  if (!obj.workload) return undefined;
  const n = obj.nav.getIn(obj.node, obj.workload.podSpecPath);
  return isMap(n) ? n : undefined;
}

export function podTemplateOf(obj: K8sObject): YAMLMap | undefined {
  if (!obj.workload?.templatePath) return undefined;
  return obj.nav.map(obj.nav.getIn(obj.node, obj.workload.templatePath));
}

/** Pod template metadata (the object's own metadata for a bare Pod). */
export function podMetadataOf(obj: K8sObject): YAMLMap | undefined {
  if (!obj.workload) return undefined;
  if (!obj.workload.templatePath) return obj.metadata;
  return obj.nav.getMap(podTemplateOf(obj), 'metadata');
}

export function containersOf(obj: K8sObject, podSpec = podSpecOf(obj)): ContainerRef[] {
  const out: ContainerRef[] = [];
  if (!podSpec) return out;
  for (const [key, kind] of CONTAINER_KEYS) {
    const seq = obj.nav.getSeq(podSpec, key);
    if (!seq) continue;
    seq.items.forEach((item, index) => {
      const node = obj.nav.map(item);
      if (node) out.push({ node, kind, index, name: obj.nav.getStr(node, 'name') });
    });
  }
  return out;
}

/** String-valued entries of a map (labels, annotations), ignoring non-scalar values. */
export function stringMap(nav: DocNav, map: YAMLMap | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const entries = nav.entries(map);
  for (let i = 0; i < entries.length; i++) out.set(entries[i][0], nav.str(entries[i][1].value) ?? '');
  return out;
}

/** How messages name a container: `Container "web"`, `Init container "migrate"`, `Ephemeral container #1`. */
export function containerLabel(c: ContainerRef): string {
  const what =
    c.kind === 'initContainer'
      ? 'Init container'
      : c.kind === 'ephemeralContainer'
        ? 'Ephemeral container'
        : 'Container';
  return c.name ? `${what} "${c.name}"` : `${what} #${c.index + 1}`;
}
