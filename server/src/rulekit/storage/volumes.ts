/**
 * Shared helpers of the storage rules: a pod's volumes, the mounts that use them, host paths, and the places a
 * PersistentVolumeClaim spec is written (PVCs, StatefulSet `volumeClaimTemplates`, generic ephemeral volumes).
 */
import type { Node, Pair, YAMLMap, YAMLSeq } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import type { ContainerRef } from '../../model/object';

export interface PodVolume {
  /** The volume's map in `spec.volumes`. */
  readonly node: YAMLMap;
  readonly seq: YAMLSeq;
  readonly index: number;
  readonly name: string | undefined;
  readonly namePair: Pair | undefined;
}

/** The entries of the pod's `volumes`. */
export function podVolumes(ctx: RuleContext): PodVolume[] {
  const seq = ctx.nav.getSeq(ctx.podSpec(), 'volumes');
  if (!seq) return [];
  const out: PodVolume[] = [];
  seq.items.forEach((item, index) => {
    const node = ctx.nav.map(item);
    if (!node) return;
    const namePair = ctx.nav.pair(node, 'name');
    out.push({ node, seq, index, name: ctx.nav.str(namePair?.value), namePair });
  });
  return out;
}

export interface MountRef {
  readonly container: ContainerRef;
  /** The mount's map in `volumeMounts` (or `volumeDevices` for raw block volumes). */
  readonly node: YAMLMap;
  readonly name: string | undefined;
  readonly namePair: Pair | undefined;
  readonly device: boolean;
}

const POD_MOUNTS = Symbol('podMounts');

/** Every `volumeMounts` and `volumeDevices` entry of every container, init and ephemeral container. */
export function podMounts(ctx: RuleContext): readonly MountRef[] {
  return ctx.perObject(POD_MOUNTS, () => mountsOf(ctx));
}

function mountsOf(ctx: RuleContext): MountRef[] {
  const out: MountRef[] = [];
  for (const container of ctx.containers()) {
    for (const [key, device] of [
      ['volumeMounts', false],
      ['volumeDevices', true],
    ] as const) {
      const seq = ctx.nav.getSeq(container.node, key);
      for (const item of seq?.items ?? []) {
        const node = ctx.nav.map(item);
        if (!node) continue;
        const namePair = ctx.nav.pair(node, 'name');
        out.push({ container, node, name: ctx.nav.str(namePair?.value), namePair, device });
      }
    }
  }
  return out;
}

/** Names of a StatefulSet's `volumeClaimTemplates`: mounts may name them without a pod volume. */
export function claimTemplateNames(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  if (ctx.object.kind !== 'StatefulSet') return out;
  const seq = ctx.nav.getSeq(ctx.nav.getMap(ctx.object.node, 'spec'), 'volumeClaimTemplates');
  for (const item of seq?.items ?? []) {
    const name = ctx.nav.getStr(ctx.nav.getMap(ctx.nav.map(item), 'metadata'), 'name');
    if (name) out.add(name);
  }
  return out;
}

export interface HostPathVolume extends PodVolume {
  readonly hostPathPair: Pair;
  /** The `path` value node and its text (undefined when not written). */
  readonly pathNode: Node | undefined;
  readonly path: string | undefined;
}

export function hostPathVolumes(ctx: RuleContext): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  for (const v of podVolumes(ctx)) {
    const hostPathPair = ctx.nav.pair(v.node, 'hostPath');
    if (!hostPathPair) continue;
    const pathNode = ctx.nav.deref(ctx.nav.pair(ctx.nav.map(hostPathPair.value), 'path')?.value);
    out.push({ ...v, hostPathPair, pathNode, path: ctx.nav.str(pathNode) });
  }
  return out;
}

/**
 * A host path as the kubelet resolves it: `.` and `..` segments and repeated or trailing slashes removed, so
 * `/etc/` and `/var/lib/../lib/kubelet` are recognised for what they are. Windows paths are returned unchanged.
 */
export function normaliseHostPath(path: string): string {
  if (!path.startsWith('/')) return path;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export interface ClaimSpec {
  /** What the messages call it: `PersistentVolumeClaim "data"`, `volumeClaimTemplate "data"`, … */
  readonly label: string;
  /** The claim's `spec` map, when written. */
  readonly spec: YAMLMap | undefined;
  /** The map that holds `spec` (for inserting a missing one). */
  readonly holder: YAMLMap;
  /** The claim's metadata (annotations: the beta storage-class annotation). */
  readonly metadata: YAMLMap | undefined;
  /** Where a squiggle about the whole claim goes. */
  readonly anchor: Node | Pair;
}

/**
 * Every PersistentVolumeClaim spec of the object: a PVC's own, each `volumeClaimTemplates` entry of a StatefulSet,
 * and each generic ephemeral volume's `ephemeral.volumeClaimTemplate` (a PVC created per pod).
 */
export function claimSpecs(ctx: RuleContext): ClaimSpec[] {
  const nav = ctx.nav;
  const out: ClaimSpec[] = [];
  const anchorOf = (holder: YAMLMap, metadata: YAMLMap | undefined): Node | Pair =>
    nav.deref(nav.pair(metadata, 'name')?.value) ?? nav.pair(holder, 'spec') ?? nav.pair(holder, 'metadata') ?? holder;
  if (ctx.object.kind === 'PersistentVolumeClaim') {
    const root = ctx.object.node;
    out.push({
      label: `PersistentVolumeClaim${ctx.object.name ? ` "${ctx.object.name}"` : ''}`,
      spec: nav.getMap(root, 'spec'),
      holder: root,
      metadata: ctx.object.metadata,
      anchor: ctx.object.metadata
        ? anchorOf(root, ctx.object.metadata)
        : (nav.pair(root, 'spec') ?? nav.pair(root, 'kind') ?? root),
    });
    return out;
  }
  if (ctx.object.kind === 'StatefulSet') {
    const seq = nav.getSeq(nav.getMap(ctx.object.node, 'spec'), 'volumeClaimTemplates');
    for (const item of seq?.items ?? []) {
      const holder = nav.map(item);
      if (!holder) continue;
      const metadata = nav.getMap(holder, 'metadata');
      const name = nav.getStr(metadata, 'name');
      out.push({
        label: `volumeClaimTemplate${name ? ` "${name}"` : ''}`,
        spec: nav.getMap(holder, 'spec'),
        holder,
        metadata,
        anchor: anchorOf(holder, metadata),
      });
    }
  }
  for (const v of podVolumes(ctx)) {
    const holder = nav.getMap(nav.getMap(v.node, 'ephemeral'), 'volumeClaimTemplate');
    if (!holder) continue;
    const metadata = nav.getMap(holder, 'metadata');
    out.push({
      label: `ephemeral volume${v.name ? ` "${v.name}"` : ''}`,
      spec: nav.getMap(holder, 'spec'),
      holder,
      metadata,
      anchor: nav.pair(holder, 'spec') ?? (v.namePair ? (nav.deref(v.namePair.value) ?? v.namePair) : holder),
    });
  }
  return out;
}

/** The beta annotation that named a claim's class before `storageClassName` existed (still honoured). */
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The storage class a claim names: `storageClassName`, else the beta annotation; with the node that names it. */
export function claimClass(ctx: RuleContext, claim: ClaimSpec): { name: string; node: Node } | undefined {
  const own = ctx.nav.deref(ctx.nav.pair(claim.spec, 'storageClassName')?.value);
  const name = ctx.nav.str(own);
  if (own && name !== undefined) return { name, node: own };
  const ann = ctx.nav.deref(ctx.nav.pair(ctx.nav.getMap(claim.metadata, 'annotations'), BETA_CLASS_ANNOTATION)?.value);
  const annName = ctx.nav.str(ann);
  if (ann && annName !== undefined) return { name: annName, node: ann };
  return undefined;
}

/** What the fixes write for a claim's missing `resources.requests.storage`, with a TODO beside it. */
export const DEFAULT_STORAGE_REQUEST = '1Gi';
export const STORAGE_TODO = 'TODO: the capacity this claim needs';

/** A pod volume that names a PersistentVolumeClaim. */
export interface ClaimRef {
  readonly claimName: string;
  readonly node: Node;
  readonly volumeName: string | undefined;
}

/** Pod volumes that name a PersistentVolumeClaim. */
export function claimRefs(ctx: RuleContext): ClaimRef[] {
  const out: ClaimRef[] = [];
  for (const v of podVolumes(ctx)) {
    const pvc = ctx.nav.getMap(v.node, 'persistentVolumeClaim');
    const node = ctx.nav.deref(ctx.nav.pair(pvc, 'claimName')?.value);
    const claimName = ctx.nav.str(node);
    if (node && claimName) out.push({ claimName, node, volumeName: v.name });
  }
  return out;
}
