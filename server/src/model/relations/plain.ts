/** Plain-data helpers: reading `IndexedObject.value` (aliases and merge keys already resolved) safely. */

/** An object as plain data (`IndexedObject.value`, or a node's `toJS()`). */
export type PlainObject = Readonly<Record<string, unknown>>;

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A scalar as Kubernetes reads it (numbers and strings alike), or undefined. */
export function asText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A whole number written as a number or a digit string, else undefined. */
export function asInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** `value` at a path of keys, or undefined. */
export function dig(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    const r = asRecord(cur);
    if (!r) return undefined;
    cur = r[key];
  }
  return cur;
}

/** `Deployment "web"` for messages. */
export function describeObject(o: { kind: string; name: string | undefined }): string {
  return o.name ? `${o.kind} "${o.name}"` : o.kind;
}
