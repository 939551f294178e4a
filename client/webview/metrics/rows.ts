/**
 * The pure part of the Cluster Metrics page: formatting, filtering, sorting, flattening into rows, the HTML of one
 * row, the sparkline history the page keeps, and applying a delta. No DOM access here, so the bench and the unit
 * tests import it in Node, and esbuild bundles it into the page (client/media/metrics/panel.js).
 *
 * Quantities are written by the one formatter client and server share (server/src/protocol/quantity.ts: the same
 * text as the CodeLens and hover); ages as kubectl writes them (pod-status.ts).
 */
import type {
  DeltaMessage,
  Fig,
  FromWebview,
  PanelContainer,
  PanelPod,
  PodPatch,
  SnapshotMessage,
} from '../../src/metrics/messages';
import type { ProblemKind } from '../../src/metrics/problems';
import { humanDuration } from '../../src/metrics/pod-status';
import {
  formatCpu as formatCpuQuantity,
  formatMemory as formatMemoryQuantity,
} from '../../../server/src/protocol/quantity';

export type Row =
  | { readonly kind: 'ns'; readonly namespace: string; readonly count: number }
  | { readonly kind: 'pod'; readonly pod: PanelPod }
  | { readonly kind: 'ctr'; readonly pod: PanelPod; readonly c: PanelContainer };

export type SortKey = keyof typeof SORT_KEYS;
export type SortDir = 'asc' | 'desc';

export interface FlattenOptions {
  readonly filter?: string;
  readonly namespace?: string;
  readonly sortKey?: string;
  readonly sortDir?: string;
  /** Only these pod keys (the workload in the editor), or every pod. */
  readonly only?: Readonly<Record<string, boolean>> | null;
}

const known = (v: Fig | undefined): v is number => v !== null && v !== undefined;

export function formatCpu(cores: Fig | undefined): string {
  return known(cores) ? formatCpuQuantity(cores) : '';
}

export function formatMemory(bytes: Fig | undefined): string {
  return known(bytes) ? formatMemoryQuantity(bytes) : '';
}

/** Whole percent of `of` (floored, as k9s does), or null. */
export function pct(v: Fig | undefined, of: Fig | undefined): number | null {
  if (!known(v) || !known(of) || !(of > 0)) return null;
  return Math.floor((v / of) * 100);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** kubectl's age of something created at `t` (epoch ms), or '' when unknown. */
export function age(t: number | null | undefined, now: number): string {
  return typeof t === 'number' ? humanDuration(now - t) : '';
}

/** kubectl's RESTARTS cell: `0`, or `3 (2m ago)` when the last restart's time is known. */
export function restartsText(restarts: number, last: number | null | undefined, now: number): string {
  return restarts > 0 && typeof last === 'number' ? `${restarts} (${humanDuration(now - last)} ago)` : String(restarts);
}

type Sortable = PanelPod | PanelContainer;

const SORT_KEYS = {
  name: (r: Sortable) => r.name,
  status: (r: Sortable) => ('status' in r ? r.status : r.state),
  restarts: (r: Sortable) => r.restarts,
  cpu: (r: Sortable) => r.cpu,
  cpuR: (r: Sortable) => pct(r.cpu, r.cpuReq),
  cpuL: (r: Sortable) => pct(r.cpu, r.cpuLim),
  mem: (r: Sortable) => r.mem,
  memR: (r: Sortable) => pct(r.mem, r.memReq),
  memL: (r: Sortable) => pct(r.mem, r.memLim),
  // Oldest first when descending, as "how long has it run": the creation time ascending.
  age: (r: Sortable) => ('created' in r && r.created !== null ? -r.created : null),
} satisfies Record<string, (r: Sortable) => string | number | null>;

function cmpName(a: Sortable, b: Sortable): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function compare(key: string, dir: string): (a: PanelPod, b: PanelPod) => number {
  const get: (r: Sortable) => string | number | null = SORT_KEYS[key as SortKey] ?? SORT_KEYS.name;
  const sign = dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    // Unknown figures always sort last, whatever the direction.
    if (x === null || x === undefined) return y === null || y === undefined ? cmpName(a, b) : 1;
    if (y === null || y === undefined) return -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return cmpName(a, b);
  };
}

function matches(pod: PanelPod, needle: string): boolean {
  if (!needle) return true;
  const has = (s: string) => s.toLowerCase().includes(needle);
  if (has(pod.name) || has(pod.namespace) || has(pod.owner) || has(pod.node) || has(pod.status)) return true;
  return pod.containers.some((c) => has(c.name));
}

/** The rows to show, k9s style: a header per namespace, each pod with its totals, its containers under it. */
export function flatten(pods: readonly PanelPod[], opts: FlattenOptions): Row[] {
  const needle = (opts.filter ?? '').trim().toLowerCase();
  const byNs = new Map<string, PanelPod[]>();
  for (const p of pods) {
    if (opts.namespace && p.namespace !== opts.namespace) continue;
    if (opts.only && !opts.only[p.key]) continue;
    if (!matches(p, needle)) continue;
    let list = byNs.get(p.namespace);
    if (!list) byNs.set(p.namespace, (list = []));
    list.push(p);
  }
  const names = [...byNs.keys()].sort();
  const cmp = compare(
    opts.sortKey || 'name',
    opts.sortDir || (opts.sortKey && opts.sortKey !== 'name' ? 'desc' : 'asc'),
  );
  const rows: Row[] = [];
  for (const namespace of names) {
    const list = byNs.get(namespace)!.sort(cmp);
    rows.push({ kind: 'ns', namespace, count: list.length });
    for (const pod of list) {
      rows.push({ kind: 'pod', pod });
      for (const c of pod.containers) rows.push({ kind: 'ctr', pod, c });
    }
  }
  return rows;
}

export function sparkline(values: readonly number[], cls: 'cpu' | 'mem', w = 60, h = 14): string {
  if (!values || values.length < 2) return '';
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (!(max > 0)) max = 1;
  const pts: string[] = [];
  for (let j = 0; j < values.length; j++) {
    const x = (j / (values.length - 1)) * (w - 2) + 1;
    const y = h - 1 - (values[j]! / max) * (h - 2);
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return (
    `<svg class="spark ${cls}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="` +
    `${esc(cls === 'cpu' ? 'CPU trend' : 'memory trend')}"><polyline points="${pts.join(' ')}"/></svg>`
  );
}

function pctCell(p: number | null): string {
  if (p === null) return '<span class="num na">n/a</span>';
  const level = p >= 100 ? 'over' : p >= 80 ? 'high' : p < 20 ? 'low' : 'ok';
  return `<span class="num pct ${level}">${p}%</span>`;
}

function rl(req: Fig, lim: Fig, fmt: (v: Fig) => string): string {
  return `${known(req) ? fmt(req) : '-'}:${known(lim) ? fmt(lim) : '-'}`;
}

function figures(r: Sortable): string {
  return (
    `<span class="num">${esc(formatCpu(r.cpu))}</span>` +
    `<span class="num">${esc(rl(r.cpuReq, r.cpuLim, formatCpu))}</span>` +
    pctCell(pct(r.cpu, r.cpuReq)) +
    pctCell(pct(r.cpu, r.cpuLim)) +
    `<span class="num">${esc(formatMemory(r.mem))}</span>` +
    `<span class="num">${esc(rl(r.memReq, r.memLim, formatMemory))}</span>` +
    pctCell(pct(r.mem, r.memReq)) +
    pctCell(pct(r.mem, r.memLim))
  );
}

/** Statuses that need a look (k9s colours these rows): anything but running, completed or still starting. */
const HEALTHY = new Set(['Running', 'Completed', 'Succeeded', 'ContainerCreating', 'PodInitializing']);

function statusCell(status: string): string {
  const cls = HEALTHY.has(status) ? 'status' : 'status bad';
  return `<span class="${cls}">${esc(status)}</span>`;
}

/** `OOMKilled 5m ago (limit 256Mi)`: a container's last termination, or ''. */
export function lastTermination(c: PanelContainer, now: number): string {
  const t = c.last;
  if (!t) return '';
  const when = typeof t.at === 'number' ? ` ${humanDuration(now - t.at)} ago` : '';
  const limit = known(t.memLim) ? ` (limit ${formatMemory(t.memLim)})` : '';
  return `${t.reason}${when}${limit}`;
}

/** The inner HTML of one row (the page sets the row element's id, class and position). */
export function rowHtml(row: Row, now = Date.now()): string {
  if (row.kind === 'ns') {
    return (
      `<span class="name">${esc(row.namespace)} <span class="muted">(${row.count} pod` +
      `${row.count === 1 ? '' : 's'})</span></span>`
    );
  }
  if (row.kind === 'pod') {
    const p = row.pod;
    return (
      `<span class="name" title="${esc(p.owner ? `${p.owner} on ${p.node}` : p.node)}">${esc(p.name)}</span>` +
      `<span class="num">${esc(p.ready)}</span>` +
      statusCell(p.status) +
      `<span class="num">${esc(restartsText(p.restarts, p.lastRestart, now))}</span>` +
      figures(p) +
      '<span></span>' +
      `<span class="muted">${esc(p.qos)}</span>` +
      `<span class="num">${esc(age(p.created, now))}</span>`
    );
  }
  const c = row.c;
  const last = lastTermination(c, now);
  return (
    `<span class="name ctr">${esc(c.name)}` +
    (c.sidecar ? ' <span class="muted">sidecar</span>' : '') +
    (c.rec ? ` <span class="badge${c.rec.low ? ' low' : ''}" title="A recommendation is ready">rec</span>` : '') +
    '</span>' +
    '<span></span>' +
    statusCell(c.state) +
    `<span class="num"${last ? ` title="Last termination: ${esc(last)}"` : ''}>${c.restarts}` +
    (c.last?.reason === 'OOMKilled' ? ' <span class="bad">OOM</span>' : '') +
    '</span>' +
    figures(c) +
    `<span class="trend">${sparkline(c.cpuHist, 'cpu')}</span>` +
    '<span></span><span></span>'
  );
}

/** What the page remembers of each container's sparkline, between snapshots. */
export interface HistoryStore {
  readonly context: string | null;
  readonly byKey: Readonly<Record<string, { cpu: number[]; mem: number[] }>>;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The sparkline history the page keeps: the extension sends it once (m.history true, after the page loads), then
 * only each snapshot's figures, which are appended here, bounded to m.sparkPoints per container; containers that
 * are gone are dropped, and a new context starts afresh. Sets each container's cpuHist/memHist for rendering.
 */
export function keepHistory(
  store: HistoryStore,
  m: {
    readonly history: boolean;
    readonly context: string;
    readonly sparkPoints: number;
    readonly pods: readonly PanelPod[];
  },
): HistoryStore {
  const old = m.history || m.context !== store.context ? {} : store.byKey;
  const next: Record<string, { cpu: number[]; mem: number[] }> = {};
  for (const p of m.pods) {
    for (const c of p.containers as Writable<PanelContainer>[]) {
      const key = `${p.key}/${c.name}`;
      const h = m.history ? { cpu: c.cpuHist.slice(), mem: c.memHist.slice() } : (old[key] ?? { cpu: [], mem: [] });
      if (!m.history && c.cpu !== null && c.mem !== null) {
        h.cpu.push(c.cpu);
        h.mem.push(c.mem);
        if (h.cpu.length > m.sparkPoints) h.cpu.shift();
        if (h.mem.length > m.sparkPoints) h.mem.shift();
      }
      next[key] = h;
      c.cpuHist = h.cpu;
      c.memHist = h.mem;
    }
  }
  return { context: m.context, byKey: next };
}

function isPod(p: unknown): p is PanelPod {
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.key === 'string' &&
    typeof o.namespace === 'string' &&
    typeof o.name === 'string' &&
    typeof o.node === 'string' &&
    typeof o.owner === 'string' &&
    Array.isArray(o.containers)
  );
}

function isPatch(p: unknown): p is PodPatch {
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  const obj = (v: unknown) => v === undefined || (!!v && typeof v === 'object' && !Array.isArray(v));
  return (
    typeof o.key === 'string' &&
    obj(o.set) &&
    (o.containers === undefined || Array.isArray(o.containers)) &&
    (o.replaceContainers === undefined || Array.isArray(o.replaceContainers))
  );
}

/** The held pod with a patch applied, or null when the patch does not fit it. */
function patched(pod: PanelPod, patch: PodPatch): PanelPod | null {
  let containers = pod.containers;
  if (patch.replaceContainers) containers = patch.replaceContainers;
  else if (patch.containers) {
    if (patch.containers.length !== pod.containers.length) return null;
    containers = pod.containers.map((c, i) => {
      const cp = patch.containers![i];
      return cp && typeof cp === 'object' ? { ...c, ...cp, name: c.name } : c;
    });
  }
  return { ...pod, ...patch.set, key: pod.key, containers };
}

/**
 * The pods after a delta message (client/src/metrics/pods-delta.ts): removed keys dropped, changed pods patched
 * where they were, added pods appended (the list is sorted when flattened). Checked on arrival: returns null when
 * the delta does not fit the pods held (malformed, an unknown or duplicate key, a patch for containers the page
 * does not hold, or not m.count pods afterwards), and the page then asks for a full snapshot.
 */
/**
 * The interval part of the status line: `every 15 s`, or, when refreshes are stretched to keep to 1 % of a core,
 * why: `every 45 s (setting 15 s): a refresh of 50,000 pods costs 0.41 s of CPU; Kubewise keeps to 1% of a core`.
 */
export function intervalText(m: Pick<SnapshotMessage, 'intervalSec' | 'pace'>, pods: number): string {
  const every = `every ${m.intervalSec} s`;
  if (!m.pace) return every;
  const cpu = `${(m.pace.cpuMs / 1000).toFixed(m.pace.cpuMs >= 1000 ? 1 : 2)} s`;
  return `${every} (setting ${m.pace.settingSec} s): a refresh of ${pods.toLocaleString('en-US')} pods costs ${cpu} of CPU; Kubewise keeps to 1% of a core`;
}

export function applyDelta(pods: readonly PanelPod[], delta: unknown): PanelPod[] | null {
  const m = delta as Partial<Record<keyof DeltaMessage, unknown>> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.added) || !Array.isArray(m.removed)) return null;
  if (!Array.isArray(m.changed) || typeof m.count !== 'number') return null;
  const byKey = new Map<string, number>();
  for (let i = 0; i < pods.length; i++) byKey.set(pods[i]!.key, i);
  const gone = new Set<string>();
  for (const r of m.removed as unknown[]) {
    if (typeof r !== 'string' || !byKey.has(r) || gone.has(r)) return null;
    gone.add(r);
  }
  const repl = new Map<string, PanelPod>();
  for (const ch of m.changed as unknown[]) {
    if (!isPatch(ch) || !byKey.has(ch.key) || gone.has(ch.key) || repl.has(ch.key)) return null;
    const next = patched(pods[byKey.get(ch.key)!]!, ch);
    if (!next) return null;
    repl.set(ch.key, next);
  }
  const next: PanelPod[] = [];
  for (const p of pods) {
    if (gone.has(p.key)) continue;
    next.push(repl.get(p.key) ?? p);
  }
  for (const ad of m.added as unknown[]) {
    if (!isPod(ad) || (byKey.has(ad.key) && !gone.has(ad.key))) return null;
    next.push(ad);
  }
  return next.length === m.count ? next : null;
}

/** A button on a problem card: its label and the message it sends to the extension. */
export interface ProblemAction {
  readonly label: string;
  readonly message: FromWebview;
}

/** The buttons a problem card offers, by kind: the next step made one click. */
export function problemActions(kind: ProblemKind): ProblemAction[] {
  switch (kind) {
    case 'no-kubeconfig':
      return [{ label: 'Open settings', message: { type: 'openSettings' } }];
    case 'kubeconfig-broken':
    case 'unknown-context':
    case 'no-context':
      return [{ label: 'Choose context', message: { type: 'pickContext' } }];
    case 'exec-untrusted':
      return [
        { label: 'Manage Workspace Trust', message: { type: 'manageTrust' } },
        { label: 'Choose context', message: { type: 'pickContext' } },
      ];
    case 'credential-timeout':
    case 'credential-cancelled':
      return [{ label: 'Refresh', message: { type: 'refresh' } }];
    default:
      return [];
  }
}
