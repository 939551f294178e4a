/**
 * Who set a live field: the `metadata.managedFields` of the live object, read as the API server writes them
 * (`fieldsV1`: `f:<key>` for map keys, `k:{"name":"web"}` for list items by their merge key, `v:<json>` for set
 * items, `i:<n>` for positions). A field set by a controller or an admission plugin, not by whoever applies the
 * manifest, is labelled with that manager.
 */
import type { Path } from './diff';

export interface FieldManager {
  readonly manager: string;
  readonly operation: string;
  /** `scale` when the field was written through the scale subresource (what an autoscaler does). */
  readonly subresource?: string;
  /** When the manager last wrote (RFC 3339), if the server said. */
  readonly time?: string;
}

interface Entry extends FieldManager {
  readonly fields: unknown;
}

type Plain = Record<string, unknown>;
const isMap = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

function entries(live: unknown): Entry[] {
  const meta = isMap(live) ? live.metadata : undefined;
  const list = isMap(meta) ? meta.managedFields : undefined;
  if (!Array.isArray(list)) return [];
  const out: Entry[] = [];
  for (const e of list) {
    if (!isMap(e) || typeof e.manager !== 'string') continue;
    out.push({
      manager: e.manager,
      operation: typeof e.operation === 'string' ? e.operation : 'Update',
      ...(typeof e.subresource === 'string' && e.subresource ? { subresource: e.subresource } : {}),
      ...(typeof e.time === 'string' ? { time: e.time } : {}),
      fields: e.fieldsV1,
    });
  }
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The child of a fieldsV1 set that stands for `seg` (the live value `parent` holds it). */
function child(fields: Plain, seg: string | number, parent: unknown): { fields: unknown; value: unknown } | undefined {
  if (typeof seg === 'string') {
    const f = fields[`f:${seg}`];
    return f === undefined ? undefined : { fields: f, value: isMap(parent) ? parent[seg] : undefined };
  }
  const item = Array.isArray(parent) ? parent[seg] : undefined;
  for (const [k, f] of Object.entries(fields)) {
    if (k === `i:${seg}`) return { fields: f, value: item };
    let parsed: unknown;
    try {
      parsed = k.startsWith('k:') || k.startsWith('v:') ? JSON.parse(k.slice(2)) : undefined;
    } catch {
      continue;
    }
    if (k.startsWith('v:') && sameJson(parsed, item)) return { fields: f, value: item };
    if (k.startsWith('k:') && isMap(parsed) && isMap(item)) {
      if (Object.entries(parsed).every(([pk, pv]) => sameJson(item[pk], pv))) return { fields: f, value: item };
    }
  }
  return undefined;
}

/**
 * How deep `path` goes into one manager's fields (0: the manager does not own it). A set that stops above the path
 * owns it only when it owns that ancestor whole: a leaf (`{}`, an atomic value) or an item marked `.`.
 */
function depthIn(e: Entry, live: unknown, path: Path): number {
  let fields: unknown = e.fields;
  let value: unknown = live;
  let depth = 0;
  for (const seg of path) {
    if (!isMap(fields)) break;
    const next = child(fields, seg, value);
    if (!next) break;
    fields = next.fields;
    value = next.value;
    depth++;
  }
  if (depth === path.length) return depth;
  const whole = isMap(fields) && (Object.keys(fields).length === 0 || '.' in fields);
  return depth > 0 && whole ? depth : 0;
}

/** The manager that owns the live field at `path` (the deepest claim, the latest on a tie), if any claims it. */
export function managerOf(live: unknown, path: Path): FieldManager | undefined {
  let best: Entry | undefined;
  let bestDepth = 0;
  for (const e of entries(live)) {
    const d = depthIn(e, live, path);
    if (d === 0) continue;
    if (d > bestDepth || (d === bestDepth && (e.time ?? '') > (best?.time ?? ''))) {
      best = e;
      bestDepth = d;
    }
  }
  if (!best) return undefined;
  return {
    manager: best.manager,
    operation: best.operation,
    ...(best.subresource ? { subresource: best.subresource } : {}),
    ...(best.time ? { time: best.time } : {}),
  };
}

/** `kube-controller-manager (scale)`, `kubectl-edit`, `istio-sidecar-injector (admission)`. */
export function describeManager(m: Pick<FieldManager, 'manager' | 'subresource'>): string {
  return m.subresource ? `${m.manager} (${m.subresource})` : m.manager;
}
