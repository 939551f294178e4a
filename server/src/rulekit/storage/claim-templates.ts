/** The names of a StatefulSet's own `volumeClaimTemplates` (empty for any other kind). */
import type { RuleContext } from '../../engine/rule';

export function ownClaimTemplates(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  if (ctx.object.kind !== 'StatefulSet') return out;
  const templates = ctx.nav.getSeq(ctx.nav.getMap(ctx.object.node, 'spec'), 'volumeClaimTemplates');
  for (const t of templates?.items ?? []) {
    const name = ctx.nav.getStr(ctx.nav.getMap(ctx.nav.map(t), 'metadata'), 'name');
    if (name) out.add(name);
  }
  return out;
}
