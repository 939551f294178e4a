/**
 * Navigation over one parsed YAML document: aliases are followed and `<<` merge keys are honoured, so rules see
 * what Kubernetes would see, while every node keeps the source range of the text that wrote it.
 */
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { Scalar as ScalarClass, YAMLMap as YAMLMapClass, YAMLSeq as YAMLSeqClass } from 'yaml';

// The typed node classes and guards that rules and rulekit need: they import them from here, never from `yaml`
// (ESLint enforces it), so the parser stays behind this folder.
export { isAlias, isMap, isPair, isScalar, isSeq, visit, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
export type { Document, Node } from 'yaml';

const NOT_PLAIN = Symbol('not plain');

/**
 * `toJS` of a node written in the plain subset of YAML (maps with string keys, lists, and string, number, boolean or
 * null scalars), or NOT_PLAIN at the first thing outside it: an alias, a merge key, a tag's own collection (`!!set`,
 * `!!omap`), a key that is not a string or is `__proto__`, a scalar of another type, deep nesting. Those take the
 * parser's own conversion, whose general machinery (a context, anchor bookkeeping, key stringification per pair) cost
 * a `kubewise lint` of a 10,000-line file about 5 ms, converting its workloads' pod specs for cross-resource rules.
 * Equal to `toJS` wherever it answers (test/unit/plain-fast.test.ts, on edge cases and every node of the corpus).
 */
function plainFast(n: unknown, depth: number): unknown {
  if (n === null || typeof n !== 'object' || depth > 64) return n === null ? null : NOT_PLAIN;
  const proto = Object.getPrototypeOf(n) as unknown;
  if (proto === ScalarClass.prototype) {
    const v = (n as Scalar).value;
    return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : NOT_PLAIN;
  }
  if (proto === YAMLMapClass.prototype) {
    const out: Record<string, unknown> = {};
    const items = (n as YAMLMap).items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Pair | undefined;
      if (!isPair(item)) return NOT_PLAIN;
      const key = item.key;
      if (key === null || Object.getPrototypeOf(key) !== ScalarClass.prototype) return NOT_PLAIN;
      const k = (key as Scalar).value;
      if (typeof k !== 'string' || k === '<<' || k === '__proto__') return NOT_PLAIN;
      const v = plainFast(item.value, depth + 1);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[k] = v;
    }
    return out;
  }
  if (proto === YAMLSeqClass.prototype) {
    const items = (n as YAMLSeq).items;
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const v = plainFast(items[i], depth + 1);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out.push(v);
    }
    return out;
  }
  return NOT_PLAIN;
}

export class DocNav {
  constructor(readonly doc: Document.Parsed) {}

  /** Follows an alias to the node it names; any other node is returned as is. */
  deref(node: unknown): Node | undefined {
    // most nodes are no alias: one check (this runs for nearly every step of every rule)
    if (!isAlias(node)) return (node ?? undefined) as Node | undefined;
    let n: unknown = node;
    for (let hops = 0; isAlias(n) && hops < 32; hops++) {
      try {
        n = n.resolve(this.doc);
      } catch {
        return undefined;
      }
    }
    if (isAlias(n)) return undefined;
    return (n ?? undefined) as Node | undefined;
  }

  /**
   * A node as plain data: aliases followed and merge keys applied (the parser's own conversion, with at most 100
   * alias expansions), or undefined when it cannot be built (an alias bomb, a cycle). The one YAML-to-plain
   * conversion of the server, but for schema validation, which decodes as the API server does
   * (schema/plain-value.ts).
   */
  plain(node: unknown): unknown {
    const n = this.deref(node);
    if (!n) return undefined;
    const fast = plainFast(n, 0);
    if (fast !== NOT_PLAIN) return fast;
    try {
      return n.toJS(this.doc, { maxAliasCount: 100 });
    } catch {
      return undefined;
    }
  }

  /** `plain` of a map as a record: `{}` when the node is not a map or cannot be built. */
  plainRecord(node: unknown): Record<string, unknown> {
    const v = this.plain(node);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  seq(node: unknown): YAMLSeq | undefined {
    const n = this.deref(node);
    return isSeq(n) ? n : undefined;
  }

  /** The pair of `key` in `map`, looking through `<<` merges (own keys win, as YAML merge keys define). */
  pair(map: YAMLMap | undefined, key: string, depth = 0): Pair | undefined {
    if (!map) return undefined;
    let merges: unknown[] | undefined;
    let own: Pair | undefined;
    // An index loop: the most called function of the rules, mostly run unoptimized, where `for…of` allocates per item.
    const items = map.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isPair(item)) continue;
      const written = item.key;
      // `keyString`, with its common case (a string key) read here: the most called lines of the rules
      const k = isScalar(written) && typeof written.value === 'string' ? written.value : keyString(written);
      // the last of duplicate keys wins, as in the API server's decoding (yaml-syntax reports the duplicate)
      if (k === key) own = item;
      else if (k === '<<') (merges ??= []).push(item.value);
    }
    if (own) return own;
    if (merges && depth < 8) {
      for (const m of merges) {
        const sources = this.seq(m)?.items ?? [m];
        for (const src of sources) {
          const p = this.pair(this.map(src), key, depth + 1);
          if (p) return p;
        }
      }
    }
    return undefined;
  }

  get(map: YAMLMap | undefined, key: string): Node | undefined {
    return this.deref(this.pair(map, key)?.value);
  }

  getMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
    return this.map(this.get(map, key));
  }

  getSeq(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
    return this.seq(this.get(map, key));
  }

  getIn(map: YAMLMap | undefined, path: readonly string[]): Node | undefined {
    let cur: Node | undefined = map;
    for (let i = 0; i < path.length; i++) {
      cur = this.get(this.map(cur), path[i]);
      if (!cur) return undefined;
    }
    return cur;
  }

  /** A scalar's value as Kubernetes reads it from YAML: strings as is, numbers and booleans as their source text. */
  str(node: unknown): string | undefined {
    const n = this.deref(node);
    return scalarText(n);
  }

  getStr(map: YAMLMap | undefined, key: string): string | undefined {
    return this.str(this.get(map, key));
  }

  /** `true`/`false` for booleans and for the strings "true"/"false" (people quote them). */
  bool(node: unknown): boolean | undefined {
    const n = this.deref(node);
    if (!isScalar(n)) return undefined;
    if (typeof n.value === 'boolean') return n.value;
    if (n.value === 'true') return true;
    if (n.value === 'false') return false;
    return undefined;
  }

  /** Every own and merged key of a map, in order, each with its pair. */
  entries(map: YAMLMap | undefined): Array<[string, Pair]> {
    if (!map) return [];
    const out: Array<[string, Pair]> = [];
    const items = map.items;
    let merges = false;
    // index loops, as in `pair`
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isPair(item)) continue;
      const k = keyString(item.key);
      if (k === '<<') merges = true;
      if (k === undefined || k === '<<') continue;
      out.push([k, item]);
    }
    if (!merges) return out;
    const seen = new Set<string>(out.map(([k]) => k));
    for (const item of items) {
      if (!isPair(item) || keyString(item.key) !== '<<') continue;
      const sources = this.seq(item.value)?.items ?? [item.value];
      for (const src of sources) {
        for (const [k, p] of this.entries(this.map(src))) {
          if (!seen.has(k)) {
            seen.add(k);
            out.push([k, p]);
          }
        }
      }
    }
    return out;
  }
}

export function keyString(key: unknown): string | undefined {
  if (isScalar(key)) {
    const v = key.value;
    if (typeof v === 'string') return v;
    if (v === null || v === undefined) return undefined;
    return key.source ?? String(v);
  }
  return undefined;
}

export function scalarText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return undefined;
  // Plain numbers keep their source spelling: `1e3`, `0.50` and `0x10` mean something else as quantities.
  return n.source !== undefined && n.type === 'PLAIN' ? n.source : String(v);
}

/** Whether the node was written with an explicit null (`key:`, `key: ~`, `key: null`). */
export function isNullScalar(n: unknown): n is Scalar {
  return isScalar(n) && (n.value === null || n.value === undefined);
}

/** The first pair written in a map with a plain key (a sequence item's first line), if any. */
export function firstPair(map: YAMLMap): Pair | undefined {
  for (const it of map.items) if (isPair(it) && keyString(it.key) !== undefined) return it;
  return undefined;
}
