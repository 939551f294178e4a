import type { RuleContext } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import type { Quantity } from '../../protocol/quantity';
import { compareQuantities, parseQuantity } from '../../protocol/quantity';
import { Commented, Raw } from '../../yaml/render';
import { TODO_COMMENT } from '../../rulekit/resources/containers';
import type { Tree } from '../../yaml/edit';

/** The four compute keys, each with the keys that mean the same (`cpu` is `requests.cpu`), and a placeholder. */
const WANTED: ReadonlyArray<{ key: string; same: readonly string[]; placeholder: string }> = [
  { key: 'requests.cpu', same: ['requests.cpu', 'cpu'], placeholder: '4' },
  { key: 'requests.memory', same: ['requests.memory', 'memory'], placeholder: '8Gi' },
  { key: 'limits.cpu', same: ['limits.cpu'], placeholder: '8' },
  { key: 'limits.memory', same: ['limits.memory'], placeholder: '16Gi' },
];

/** Keys that make a quota a compute quota; a quota without any of them (object counts only) is deliberate. */
const COMPUTE = new Set(WANTED.flatMap((w) => w.same));

export default defineRule({
  meta: {
    id: 'resourcequota-incomplete',
    category: 'resources',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: ['ResourceQuota'],
    docs: {
      description:
        'A ResourceQuota that bounds some compute resources but not all of `requests.cpu`, `requests.memory`, `limits.cpu` and `limits.memory`: the namespace can still grow without bound in the others.',
      remediation: 'Add the missing keys to `spec.hard`.',
    },
    messages: {
      quotaLeavesUnbounded: '{{quota}} does not bound {{list}}.',
    },
  },
  check(ctx) {
    const { nav } = ctx;
    const spec = nav.getMap(ctx.object.node, 'spec');
    const hard = nav.getMap(spec, 'hard');
    // BestEffort-scoped quotas may only count pods: compute keys there are rejected by the API server.
    if (isBestEffortScoped(ctx)) return;
    const keys = new Set(nav.entries(hard).map(([k]) => k));
    // Count-only quotas (pods, services, count/…) are often a second quota beside the compute one.
    if (hard && hard.items.length > 0 && ![...keys].some((k) => COMPUTE.has(k))) return;
    const get = (names: readonly string[]): Quantity | undefined => {
      for (const n of names) {
        const q = ctx.quantity(nav.get(hard, n));
        if (q) return q;
      }
      return undefined;
    };
    const missing = WANTED.filter((w) => !w.same.some((k) => keys.has(k) && nav.getStr(hard, k) !== undefined));
    if (missing.length === 0) return;
    const values: Tree = {};
    for (const w of missing) {
      let value = parseQuantity(w.placeholder)!;
      // keep limits ≥ requests when one side is written
      const resource = w.key.split('.')[1];
      const request = get(WANTED.find((x) => x.key === `requests.${resource}`)!.same);
      const limit = get(WANTED.find((x) => x.key === `limits.${resource}`)!.same);
      if (w.key.startsWith('limits.') && request && compareQuantities(value, request) < 0) value = request;
      if (w.key.startsWith('requests.') && limit && compareQuantities(value, limit) > 0) value = limit;
      values[w.key] = new Commented(new Raw(value.text.trim()), TODO_COMMENT);
    }
    const name = ctx.object.name ? `ResourceQuota "${ctx.object.name}"` : 'ResourceQuota';
    const anchor = nav.pair(spec, 'hard') ?? nav.pair(ctx.object.node, 'spec') ?? nav.pair(ctx.object.node, 'kind')!;
    ctx.report({
      node: anchor,
      keyOnly: true,
      messageId: 'quotaLeavesUnbounded',
      data: { quota: name, list: missing.map((w) => w.key).join(', ') },
      fix: {
        title: `Add ${missing.map((w) => w.key).join(', ')} to spec.hard`,
        edit: (e) => e.ensureTree(ctx.object.node, { spec: { hard: values } }),
      },
    });
  },
});

function isBestEffortScoped(ctx: RuleContext): boolean {
  const { nav } = ctx;
  const spec = nav.getMap(ctx.object.node, 'spec');
  const scopes = nav.getSeq(spec, 'scopes')?.items.map((i) => nav.str(i)) ?? [];
  const selected =
    nav
      .getSeq(nav.getMap(spec, 'scopeSelector'), 'matchExpressions')
      ?.items.map((i) => nav.getStr(nav.map(i), 'scopeName')) ?? [];
  return [...scopes, ...selected].includes('BestEffort');
}
