/** Rewrites a map's entries in place, keeping its style, its other pairs' comments and its position. */
import { isPair, Node, Pair, YAMLMap } from '../../yaml/nodes';
import { Edit, YamlEditor } from '../../yaml/edit';
import { keyString } from '../../yaml/nodes';

/**
 * Edits that make `map` hold exactly `wanted`: changed values are set, surplus keys renamed to the missing ones,
 * what is left removed or inserted. Undefined when the map has entries it does not own (merge keys).
 */
export function rewriteMap(e: YamlEditor, map: YAMLMap, wanted: ReadonlyMap<string, string>): Edit[] | undefined {
  const pairs: Array<[string, Pair]> = [];
  for (const item of map.items) {
    if (!isPair(item)) return undefined;
    const k = keyString(item.key);
    if (k === undefined || k === '<<') return undefined;
    pairs.push([k, item]);
  }
  const edits: Edit[] = [];
  const surplus: Pair[] = [];
  const have = new Set<string>();
  for (const [k, pair] of pairs) {
    have.add(k);
    if (!wanted.has(k)) {
      surplus.push(pair);
      continue;
    }
    const v = pair.value as Node | null;
    const current = e.nav.str(v);
    if (current !== wanted.get(k)) {
      if (!v?.range) return undefined;
      edits.push(e.setValue(v, wanted.get(k)!));
    }
  }
  const missing = [...wanted].filter(([k]) => !have.has(k));
  while (surplus.length && missing.length) {
    const pair = surplus.shift()!;
    const [k, value] = missing.shift()!;
    const v = pair.value as Node | null;
    if (!v?.range) return undefined;
    edits.push(e.renameKey(pair, k), e.setValue(v, value));
  }
  for (const pair of surplus) edits.push(e.removePair(map, pair));
  if (missing.length && map.items.length === 0) {
    edits.push(e.setValue(map, Object.fromEntries(missing)));
  } else if (missing.length) {
    // Several keys inserted at one place: one edit, so that they keep their order.
    const inserts = missing.map(([k, v]) => e.insertPair(map, k, v));
    edits.push({ start: inserts[0].start, end: inserts[0].end, text: inserts.map((x) => x.text).join('') });
  }
  return edits;
}
