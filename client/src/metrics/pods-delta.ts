/**
 * Incremental refreshes: after a page has a full snapshot, each refresh sends only the pods added, removed (by key)
 * and changed, which at 5,000 pods is a small fraction of the full message. The page applies the delta to the pods
 * it holds (client/media/metrics/rows.js `applyDelta`), checking it against what it has; on any mismatch it asks for
 * a full snapshot again.
 */
import type { DeltaMessage, PanelContainer, PanelPod, SnapshotMessage } from './messages';

export interface PodsDelta {
  readonly added: readonly PanelPod[];
  readonly removed: readonly string[];
  readonly changed: readonly PanelPod[];
}

// Field by field rather than through JSON: at 5,000 pods the diff runs every refresh, and serialising both lists
// to compare them costs more than sending the full list. The sparkline history is kept by the page (it appends each
// refresh's figures), so `cpuHist`/`memHist` are not compared: a pod whose figures did not move is not sent again.
const POD_FIELDS = [
  'namespace',
  'name',
  'node',
  'phase',
  'owner',
  'cpu',
  'mem',
  'cpuReq',
  'cpuLim',
  'memReq',
  'memLim',
] as const;
const CONTAINER_FIELDS = ['name', 'sidecar', 'cpu', 'mem', 'cpuReq', 'cpuLim', 'memReq', 'memLim'] as const;
const REC_FIELDS = ['cpuReq', 'memReq', 'memLim', 'low', 'samples'] as const;

function sameContainer(a: PanelContainer, b: PanelContainer): boolean {
  for (const f of CONTAINER_FIELDS) if (a[f] !== b[f]) return false;
  if (a.rec === null || b.rec === null) return a.rec === b.rec;
  for (const f of REC_FIELDS) if (a.rec[f] !== b.rec[f]) return false;
  return true;
}

export function samePod(a: PanelPod, b: PanelPod): boolean {
  for (const f of POD_FIELDS) if (a[f] !== b[f]) return false;
  if (a.containers.length !== b.containers.length) return false;
  for (let i = 0; i < a.containers.length; i++) if (!sameContainer(a.containers[i]!, b.containers[i]!)) return false;
  return true;
}

/** What turns `before` into `after`, matched by pod key. */
export function podsDelta(before: readonly PanelPod[], after: readonly PanelPod[]): PodsDelta {
  const old = new Map<string, PanelPod>();
  for (const p of before) old.set(p.key, p);
  const added: PanelPod[] = [];
  const changed: PanelPod[] = [];
  const seen = new Set<string>();
  for (const p of after) {
    seen.add(p.key);
    const o = old.get(p.key);
    if (o === undefined) added.push(p);
    else if (!samePod(o, p)) changed.push(p);
  }
  const removed = before.filter((p) => !seen.has(p.key)).map((p) => p.key);
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
