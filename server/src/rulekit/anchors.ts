/**
 * Where a finding about a container or a pod is squiggled when the thing it is about is missing. One rule for every
 * rule family: the first preferred key the container (or pod spec) writes itself, else the container's own `name`,
 * else its first key, else the whole container. Pairs brought in by a `<<` merge key live elsewhere in the file (at
 * the anchor), so they are never used: the squiggle stays on the container it is about.
 */
import type { RuleContext } from '../engine/rule';
import type { ContainerRef } from '../model/object';
import type { DocNav, Node, Pair, YAMLMap } from '../yaml/nodes';
import { firstPair, isMap } from '../yaml/nodes';

/** What a report covers: a node, or a pair (with `keyOnly`, just its key). */
export interface Anchor {
  node: Node | Pair;
  keyOnly?: boolean;
}

/** A preferred place: a key path of pairs written in the container itself (`['resources', 'limits']`). */
export interface AnchorKey {
  readonly path: readonly string[];
  /** Squiggle only the key (`securityContext:`), not the whole block under it. */
  readonly keyOnly?: boolean;
}

/** A pair written in `map` itself (not brought in by a `<<` merge key). */
export function ownPair(nav: DocNav, map: YAMLMap | undefined, key: string): Pair | undefined {
  const p = nav.pair(map, key);
  return p && map && map.items.includes(p) ? p : undefined;
}

/** The pair at `path` when every step of it is written in place; undefined otherwise. */
function ownPairAt(nav: DocNav, map: YAMLMap, path: readonly string[]): Pair | undefined {
  let here: YAMLMap | undefined = map;
  let pair: Pair | undefined;
  for (let i = 0; i < path.length; i++) {
    pair = ownPair(nav, here, path[i]);
    if (!pair) return undefined;
    here = isMap(pair.value) ? pair.value : undefined;
  }
  return pair;
}

/** Where a container-level finding goes: the first of `prefer` written in place, else `name`, else the first key. */
export function containerAnchor(ctx: RuleContext, c: ContainerRef, ...prefer: readonly AnchorKey[]): Anchor {
  // index loops: this runs for most container findings, mostly unoptimized
  for (let i = 0; i < prefer.length; i++) {
    const p = prefer[i];
    const pair = ownPairAt(ctx.nav, c.node, p.path);
    if (pair) return p.keyOnly ? { node: pair, keyOnly: true } : { node: pair };
  }
  const named = ownPair(ctx.nav, c.node, 'name') ?? firstPair(c.node);
  return { node: named ?? c.node };
}

/** Where a missing pod-level setting goes: the pod's own `securityContext` key, else its `containers` key. */
export function podAnchor(ctx: RuleContext): Anchor {
  const spec = ctx.podSpec()!;
  const pair = ownPair(ctx.nav, spec, 'securityContext') ?? ownPair(ctx.nav, spec, 'containers');
  return pair ? { node: pair, keyOnly: true } : { node: spec };
}
