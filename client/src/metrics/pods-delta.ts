/**
 * Incremental refreshes: after a page has a full snapshot, each refresh sends only the pods added, removed (by key)
 * and, for a pod that changed, only the fields that changed (its figures, its status, one container's restarts …),
 * never its names, labels or unchanged containers again. A pod is not changed because a new snapshot arrived: the
 * sparkline history is kept by the page (it appends each refresh's figures), and a recommendation whose only news
 * is one more sample does not make a pod changed (the count travels with the pod's next real change; the lens and
 * hover read it live). The page applies the delta to the pods it holds (client/webview/metrics/rows.ts
 * `applyDelta`), checking it against what it has; on any mismatch it asks for a full snapshot again.
 */
import type {
  ContainerFields,
  DeltaMessage,
  PanelContainer,
  PanelPod,
  PodFields,
  PodPatch,
  SnapshotMessage,
} from './messages';

export interface PodsDelta {
  readonly added: readonly PanelPod[];
  readonly removed: readonly string[];
  readonly changed: readonly PodPatch[];
}

// Field by field rather than through JSON: at 5,000 pods the diff runs every refresh, and serialising both lists
// to compare them costs more than sending the full list.
const POD_FIELDS = [
  'namespace',
  'name',
  'node',
  'phase',
  'owner',
  'status',
  'ready',
  'restarts',
  'lastRestart',
  'qos',
  'created',
  'cpu',
  'mem',
  'cpuReq',
  'cpuLim',
  'memReq',
  'memLim',
] as const satisfies readonly (keyof PodFields)[];
const CONTAINER_FIELDS = [
  'name',
  'sidecar',
  'state',
  'restarts',
  'cpu',
  'mem',
  'cpuReq',
  'cpuLim',
  'memReq',
  'memLim',
] as const satisfies readonly (keyof ContainerFields)[];
const REC_FIELDS = ['cpuReq', 'memReq', 'memLim', 'low'] as const;

function sameTermination(a: PanelContainer['last'], b: PanelContainer['last']): boolean {
  if (a === null || b === null) return a === b;
  return a.reason === b.reason && a.at === b.at && a.memLim === b.memLim;
}

/** The container's changed fields, and whether any is news (a sample count alone is not). */
function containerPatch(a: PanelContainer, b: PanelContainer): { patch: Partial<ContainerFields>; news: boolean } {
  const patch: Record<string, unknown> = {};
  let news = false;
  for (const f of CONTAINER_FIELDS) {
    if (a[f] !== b[f]) {
      patch[f] = b[f];
      news = true;
    }
  }
  if (!sameTermination(a.last, b.last)) {
    patch.last = b.last;
    news = true;
  }
  const r = recChange(a.rec, b.rec);
  if (r.send) patch.rec = b.rec;
  news ||= r.news;
  return { patch: patch as Partial<ContainerFields>, news };
}

/** Whether a container's recommendation must be sent, and whether that is news (a sample count alone is not). */
export function recChange(a: PanelContainer['rec'], b: PanelContainer['rec']): { send: boolean; news: boolean } {
  if (a === null || b === null) return a === b ? NO_CHANGE : NEWS;
  const moved = REC_FIELDS.some((f) => a[f] !== b[f]);
  return moved ? NEWS : a.samples !== b.samples ? COUNT_ONLY : NO_CHANGE;
}
const NO_CHANGE = { send: false, news: false } as const;
const NEWS = { send: true, news: true } as const;
const COUNT_ONLY = { send: true, news: false } as const;

/** What turns `a` into `b` (same key), or undefined when nothing worth sending changed. */
export function podPatch(a: PanelPod, b: PanelPod): PodPatch | undefined {
  const set: Record<string, unknown> = {};
  let news = false;
  for (const f of POD_FIELDS) {
    if (a[f] !== b[f]) {
      set[f] = b[f];
      news = true;
    }
  }
  const sameShape =
    a.containers.length === b.containers.length && a.containers.every((c, i) => c.name === b.containers[i]!.name);
  if (!sameShape) return { key: b.key, ...(news ? { set } : {}), replaceContainers: b.containers };
  let containers: (Partial<ContainerFields> | null)[] | undefined;
  for (let i = 0; i < b.containers.length; i++) {
    const c = containerPatch(a.containers[i]!, b.containers[i]!);
    news ||= c.news;
    if (Object.keys(c.patch).length === 0) continue;
    containers ??= new Array<Partial<ContainerFields> | null>(b.containers.length).fill(null);
    containers[i] = c.patch;
  }
  if (!news) return undefined;
  return {
    key: b.key,
    ...(Object.keys(set).length ? { set: set as Partial<PodFields> } : {}),
    ...(containers ? { containers } : {}),
  };
}

/** A pod entry built from an earlier one whose only news is its usage, and the patch between them. */
export interface KnownPatch {
  readonly base: PanelPod;
  /** Undefined: nothing worth sending changed. */
  readonly patch: PodPatch | undefined;
}

/**
 * The patches view-model.ts knew when it built a list of pods (by position in the list): the delta uses one when
 * the page holds its base, instead of comparing every field.
 */
const knownPatches = new WeakMap<readonly PanelPod[], readonly (KnownPatch | undefined)[]>();

/** `known[i]`, when set, says how `pods[i]` differs from the entry it was built from. */
export function notePatches(pods: readonly PanelPod[], known: readonly (KnownPatch | undefined)[]): void {
  knownPatches.set(pods, known);
}

/**
 * What turns `before` into `after`, matched by pod key. A pod entry that is the same object as before is unchanged
 * (view-model.ts keeps a pod's entry while nothing about it changed) and costs one comparison. The lists usually
 * hold the same pods in the same order (the watch keeps them in order), so pods are matched by position until the
 * first difference, and only from there through a map of the keys.
 */
export function podsDelta(before: readonly PanelPod[], after: readonly PanelPod[]): PodsDelta {
  const known = knownPatches.get(after);
  const patchOf = (o: PanelPod, k: number): PodPatch | undefined => {
    const hint = known?.[k];
    return hint && hint.base === o ? hint.patch : podPatch(o, after[k]!);
  };
  const added: PanelPod[] = [];
  const changed: PodPatch[] = [];
  const removed: string[] = [];
  const n = Math.min(before.length, after.length);
  let i = 0;
  for (; i < n; i++) {
    const o = before[i]!;
    const p = after[i]!;
    if (o === p) continue;
    if (o.key !== p.key) break;
    const patch = patchOf(o, i);
    if (patch) changed.push(patch);
  }
  if (i === before.length && i === after.length) return { added, removed, changed };
  const old = new Map<string, PanelPod>();
  for (let k = i; k < before.length; k++) old.set(before[k]!.key, before[k]!);
  const seen = new Set<string>();
  for (let k = i; k < after.length; k++) {
    const p = after[k]!;
    seen.add(p.key);
    const o = old.get(p.key);
    if (o === undefined) added.push(p);
    else if (o !== p) {
      const patch = patchOf(o, k);
      if (patch) changed.push(patch);
    }
  }
  for (let k = i; k < before.length; k++) if (!seen.has(before[k]!.key)) removed.push(before[k]!.key);
  return { added, removed, changed };
}

export function isEmptyDelta(d: PodsDelta): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

/** The delta message for a page that holds `before`: the snapshot's header, and the pods that differ. */
export function deltaMessage(before: readonly PanelPod[], m: SnapshotMessage): DeltaMessage {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { type, pods, history, ...header } = m;
  return { ...header, type: 'delta', count: pods.length, ...podsDelta(before, pods) };
}
