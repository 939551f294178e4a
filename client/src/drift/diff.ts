/**
 * The fields that differ between what applying the manifest would give (the dry-run result) and what runs, both
 * normalised. Lists of maps with a `name` are matched by name (containers, env, ports, volumes: the merge keys of
 * server-side apply); other lists by position. Each difference also carries the path as the manifest writes it, so
 * that it lands on the line that sets the value.
 */
import type { DriftPathSegment } from '../../../server/src/protocol';

export type Path = readonly DriftPathSegment[];

export interface Difference {
  /** Where the value is in the live object (list items by their live index). */
  readonly livePath: Path;
  /** The same place in the manifest, as far as the manifest writes it (list items by the manifest's index). */
  readonly manifestPath: Path;
  /** The value applying the manifest would give; undefined when applying would remove it. */
  readonly applied: unknown;
  /** The live value; undefined when the live object does not have it. */
  readonly live: unknown;
}

type Plain = Record<string, unknown>;
const isMap = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

/** The key a list item is matched by, when every item of both lists has one. */
function itemKey(v: unknown): string | undefined {
  return isMap(v) && typeof v.name === 'string' ? v.name : undefined;
}

function keyed(list: readonly unknown[]): boolean {
  return list.length > 0 && list.every((x) => itemKey(x) !== undefined);
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => equal(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
  }
  return false;
}

/**
 * Every leaf-most difference between `applied` and `live`. `manifest` is the object as written (to translate list
 * positions); a subtree absent on one side is one difference, not one per leaf.
 */
export function differences(applied: unknown, live: unknown, manifest: unknown): Difference[] {
  const out: Difference[] = [];
  walk(applied, live, manifest, [], [], out, 0);
  return out;
}

const MAX_DEPTH = 64;

function walk(
  a: unknown,
  l: unknown,
  m: unknown,
  livePath: DriftPathSegment[],
  manifestPath: DriftPathSegment[],
  out: Difference[],
  depth: number,
): void {
  if (equal(a, l)) return;
  if (depth < MAX_DEPTH && isMap(a) && isMap(l)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(l)]);
    for (const k of keys) {
      walk(a[k], l[k], isMap(m) ? m[k] : undefined, [...livePath, k], [...manifestPath, k], out, depth + 1);
    }
    return;
  }
  if (depth < MAX_DEPTH && Array.isArray(a) && Array.isArray(l)) {
    const mList = Array.isArray(m) ? m : [];
    if (keyed(a) && keyed(l)) {
      const liveIndex = new Map(l.map((x, i) => [itemKey(x)!, i]));
      const seen = new Set<string>();
      a.forEach((item, i) => {
        const k = itemKey(item)!;
        seen.add(k);
        const li = liveIndex.get(k);
        const mi = mList.findIndex((x) => itemKey(x) === k);
        const mp = mi >= 0 ? [...manifestPath, mi] : manifestPath;
        const mItem = mi >= 0 ? mList[mi] : undefined;
        walk(item, li === undefined ? undefined : l[li], mItem, [...livePath, li ?? i], mp, out, depth + 1);
      });
      l.forEach((item, i) => {
        if (!seen.has(itemKey(item)!))
          out.push({ livePath: [...livePath, i], manifestPath, applied: undefined, live: item });
      });
      return;
    }
    if (a.length === l.length) {
      a.forEach((item, i) =>
        walk(
          item,
          l[i],
          mList[i],
          [...livePath, i],
          i < mList.length ? [...manifestPath, i] : manifestPath,
          out,
          depth + 1,
        ),
      );
      return;
    }
  }
  out.push({ livePath, manifestPath, applied: a, live: l });
}

/** `spec.template.spec.containers[0].image`, for messages. */
export function formatPath(path: Path): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += /^[A-Za-z_][\w-]*$/.test(seg) ? (s ? `.${seg}` : seg) : `[${JSON.stringify(seg)}]`;
  }
  return s;
}
