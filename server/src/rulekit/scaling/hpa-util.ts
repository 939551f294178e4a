/** Reading an HPA's replica bounds from its YAML nodes (for rules that report on and edit them). */
import type { Node, Pair, YAMLMap } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';

export interface HpaBounds {
  spec: YAMLMap;
  minPair: Pair | undefined;
  maxPair: Pair | undefined;
  /** `minReplicas` as written, else the API default 1; undefined when written but not a whole number. */
  min: number | undefined;
  minWritten: boolean;
  max: number | undefined;
}

export function hpaBounds(ctx: RuleContext): HpaBounds | undefined {
  const spec = ctx.nav.getMap(ctx.object.node, 'spec');
  if (!spec) return undefined;
  const minPair = ctx.nav.pair(spec, 'minReplicas');
  const maxPair = ctx.nav.pair(spec, 'maxReplicas');
  const minText = ctx.nav.str(minPair?.value);
  const maxText = ctx.nav.str(maxPair?.value);
  const int = (t: string | undefined): number | undefined =>
    t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
  return {
    spec,
    minPair,
    maxPair,
    min: minText === undefined ? 1 : int(minText),
    minWritten: minText !== undefined,
    max: int(maxText),
  };
}

export function valueNode(pair: Pair): Node {
  return pair.value as Node;
}
