/** Key paths of plain values (`spec.containers[0].name`) and the YAML node that wrote the value at a path. */
import type { Node, Pair, YAMLMap, YAMLSeq } from '../yaml/nodes';
import type { DocNav } from '../yaml/nodes';

/** A key or a sequence index of a path. */
export type Segment = string | number;

/** `spec.template.spec.containers[0].name`; keys that are not identifiers in brackets (`labels["app.kubernetes.io/name"]`). */
export function formatPath(path: readonly Segment[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

/** The value at a path of a plain value. */
export function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

export interface Located {
  /** The node holding the value at the path (undefined when the path ends at a key with no value). */
  readonly node: Node | undefined;
  /** The pair whose value it is (undefined for the root and for sequence items). */
  readonly pair: Pair | undefined;
  /** Whether the path passes through an alias or a merge key: the node is shared, so fixes must not rewrite it. */
  readonly shared: boolean;
}

/** The YAML node at a path below the object's root map, following aliases and merge keys as `plainValue` (./plain-value.ts) does. */
export function locate(nav: DocNav, root: YAMLMap, path: readonly Segment[]): Located | undefined {
  let node: Node | undefined = root;
  let pair: Pair | undefined;
  let shared = false;
  for (const seg of path) {
    if (typeof seg === 'number') {
      const seq: YAMLSeq | undefined = nav.seq(node);
      if (!seq || seg >= seq.items.length) return undefined;
      const raw = seq.items[seg];
      node = nav.deref(raw);
      if (raw !== node) shared = true;
      pair = undefined;
    } else {
      const map: YAMLMap | undefined = nav.map(node);
      if (!map) return undefined;
      const p = nav.pair(map, seg);
      if (!p) return undefined;
      if (!map.items.includes(p)) shared = true;
      const raw = p.value;
      node = nav.deref(raw);
      if (raw !== node && raw !== null) shared = true;
      pair = p;
    }
  }
  return { node, pair, shared };
}
