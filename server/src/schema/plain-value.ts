/**
 * A YAML node as the Kubernetes API server decodes it (plain JSON): what the schema validators check. Unlike the
 * parser's own conversion (`DocNav.plain`), a key with a null value is left out and YAML 1.1 booleans are read as
 * kubectl reads them, and the work is bounded (alias bombs give undefined).
 */
import type { Node, Pair, Scalar, YAMLSeq } from '../yaml/nodes';
import type { DocNav } from '../yaml/nodes';
import { YAMLMap } from '../yaml/nodes';
import { Scalar as ScalarClass, YAMLSeq as YAMLSeqClass } from '../yaml/nodes';
import { isAlias, isMap, isNullScalar, isPair, isScalar, isSeq, keyString } from '../yaml/nodes';

/** More nodes or alias expansions than these (an alias bomb) and the object is not validated. */
const NODE_BUDGET = 100_000;
const MAX_ALIAS_USES = 1_000;
/** Deeper than this and the object is not validated. */
const MAX_DEPTH = 100;

class TooBig extends Error {}

/**
 * The plain value of a YAML node as Kubernetes decodes it. A key with a null value is left out: Go's JSON decoding
 * leaves such a field unset, so `resources:` with nothing under it is not "a map that is null".
 */
export function plainValue(nav: DocNav, node: unknown): unknown {
  const direct = plainValueDirect(node);
  return direct ? direct.value : plainValueGeneral(nav, node);
}

/** `plainValue` of a node in the plain subset of YAML (see `plainFast`), or undefined for any other node. */
export function plainValueDirect(node: unknown): { value: unknown } | undefined {
  fastBudget = NODE_BUDGET;
  const value = plainFast(node, 0);
  return value === NOT_PLAIN ? undefined : { value };
}

const NOT_PLAIN = Symbol('not plain');
let fastBudget = 0;

/**
 * `plainValue` of a node written in the plain subset of YAML (maps with string keys, lists, and string, number,
 * boolean or null scalars), or NOT_PLAIN at the first thing outside it (an alias, a merge key, a tag's own
 * collection such as `!!set`, a key that is not a string, a scalar of another type, deep nesting, more nodes than the
 * budget), which the general conversion below then takes from the start. Every object of a file is converted for its
 * schema check: the general one's closures, alias bookkeeping and per-node type tests (each a call and a lookup by
 * symbol, mostly in code V8 has not optimized) were a third of that check in a `kubewise lint` of a big file.
 * Equal to the general conversion wherever it answers (test/unit/schema-plain-value.test.ts).
 */
function plainFast(n: unknown, depth: number): unknown {
  if (--fastBudget < 0 || n === null || typeof n !== 'object' || depth > MAX_DEPTH) return NOT_PLAIN;
  const proto = Object.getPrototypeOf(n) as unknown;
  if (proto === ScalarClass.prototype) {
    const v = (n as Scalar).value;
    if (typeof v === 'string') return (n as Scalar).type === 'PLAIN' ? scalarValue(n as Scalar) : v;
    return v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : NOT_PLAIN;
  }
  if (proto === YAMLMap.prototype) {
    const out: Record<string, unknown> = {};
    const items = (n as YAMLMap).items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Pair | undefined;
      if (!isPair(item)) return NOT_PLAIN;
      const key = item.key;
      if (key === null || typeof key !== 'object' || Object.getPrototypeOf(key) !== ScalarClass.prototype)
        return NOT_PLAIN;
      const k = (key as Scalar).value;
      if (typeof k !== 'string' || k === '<<') return NOT_PLAIN;
      const value = item.value as unknown;
      // a key with a null value is left out (as below); so is __proto__
      if (value === null || value === undefined || k === '__proto__') continue;
      if (Object.getPrototypeOf(value) === ScalarClass.prototype) {
        const sv = (value as Scalar).value;
        if (sv === null || sv === undefined) continue;
      }
      const v = plainFast(value, depth + 1);
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

/** The general conversion: aliases (bounded), merge keys, tagged collections, odd keys (exported for its test). */
export function plainValueGeneral(nav: DocNav, node: unknown): unknown {
  let budget = NODE_BUDGET;
  // Resolving an alias searches the document for its anchor: once per alias node is enough.
  const resolved = new Map<unknown, Node | undefined>();
  let aliasUses = 0;
  const deref = (n: unknown): Node | undefined => {
    if (!isAlias(n)) return n as Node | undefined;
    // Real manifests use a few aliases; thousands of expansions are an alias bomb.
    if (++aliasUses > MAX_ALIAS_USES) throw new TooBig();
    if (!resolved.has(n)) resolved.set(n, nav.deref(n));
    return resolved.get(n);
  };
  const convert = (n: unknown, depth: number): unknown => {
    if (--budget < 0 || depth > MAX_DEPTH) throw new TooBig();
    const d = deref(n);
    if (isMap(d)) {
      const out: Record<string, unknown> = {};
      // Without merge keys a map's entries are its own pairs, read in place (no list of [key, pair] built).
      if (!hasMergeKey(d)) {
        const items = d.items;
        for (let i = 0; i < items.length; i++) {
          const pair = items[i];
          if (!isPair(pair)) continue;
          const k = keyString(pair.key);
          if (k === undefined || k === '__proto__') continue;
          const v = deref(pair.value);
          if (v === undefined || isNullScalar(v)) continue;
          out[k] = convert(v, depth + 1);
        }
        return out;
      }
      for (const [k, pair] of nav.entries(d)) {
        if (k === '__proto__') continue;
        const v = deref(pair.value);
        if (v === undefined || isNullScalar(v)) continue;
        out[k] = convert(v, depth + 1);
      }
      return out;
    }
    if (isSeq(d)) return d.items.map((it) => convert(it, depth + 1));
    if (isScalar(d)) return scalarValue(d);
    return null;
  };
  try {
    return convert(node, 0);
  } catch (e) {
    if (e instanceof TooBig) return undefined;
    throw e;
  }
}

/** Whether a map has a `<<` key (DocNav.entries then merges its sources in). */
function hasMergeKey(map: YAMLMap): boolean {
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isPair(item) && keyString(item.key) === '<<') return true;
  }
  return false;
}

/**
 * Plain words that YAML 1.1 reads as booleans. kubectl turns YAML into JSON with a YAML 1.1 parser, so
 * `runAsNonRoot: yes` is `true` to the API server, and `value: no` in an env entry is the boolean `false` (which a
 * string field refuses), whereas the YAML 1.2 parser of the editor keeps them strings.
 */
const YAML11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/;

/** Every such word starts with y, n or o, in either case: other strings skip the pattern. */
function mayBeYaml11Boolean(v: string): boolean {
  const c = v.charCodeAt(0) | 0x20; // lower case for letters
  return c === 0x79 || c === 0x6e || c === 0x6f; // y n o
}

/** A scalar's value as Kubernetes decodes it. */
export function scalarValue(s: Scalar): unknown {
  const v = s.value;
  if (typeof v === 'string' && s.type === 'PLAIN' && mayBeYaml11Boolean(v) && YAML11_BOOLEAN.test(v))
    return /^[yo]/i.test(v) && !/^off$/i.test(v);
  return v ?? null;
}
