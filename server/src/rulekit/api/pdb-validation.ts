/**
 * What the API server rejects in a PodDisruptionBudget but its OpenAPI schema cannot say: both
 * `minAvailable` and `maxUnavailable` set (they are mutually exclusive), and a percentage above 100%.
 */
import type { RuleContext, RuleReport } from '../../engine/rule';

/** Message templates for the rule that reports these (schema-violation's `meta.messages`). */
export const PDB_MESSAGES = {
  pdbBoth:
    'A PodDisruptionBudget sets either minAvailable or maxUnavailable, not both: the API server rejects it ("minAvailable and maxUnavailable cannot be both set").',
  pdbPercent: '{{field}} is {{value}}: a percentage above 100% is invalid, and the API server rejects it.',
} as const;

export function pdbProblems(ctx: RuleContext): RuleReport<typeof PDB_MESSAGES>[] {
  if (ctx.object.kind !== 'PodDisruptionBudget') return [];
  const spec = ctx.nav.getMap(ctx.object.node, 'spec');
  const min = ctx.nav.pair(spec, 'minAvailable');
  const max = ctx.nav.pair(spec, 'maxUnavailable');
  const out: RuleReport<typeof PDB_MESSAGES>[] = [];
  if (min && max) {
    out.push({
      node: max,
      keyOnly: true,
      messageId: 'pdbBoth',
    });
  }
  for (const pair of [min, max]) {
    const text = pair && ctx.nav.str(pair.value);
    const pct = text !== undefined ? /^(\d+)%$/.exec(text) : null;
    if (pair && pct && Number(pct[1]) > 100) {
      out.push({
        node: pair.value as NonNullable<RuleReport['node']>,
        messageId: 'pdbPercent',
        data: { field: ctx.nav.str(pair.key) ?? '', value: text ?? '' },
      });
    }
  }
  return out;
}
