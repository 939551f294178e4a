import { defineRule } from '../../engine/rule';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'duplicate-env-var',
    category: 'api',
    severity: 'warning',
    fixable: true,
    fix: 'mixed',
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['duplicate-env-var'] },
    docs: {
      description:
        'The same environment variable name twice in one container: only the last value takes effect, and `kubectl apply` merges such lists unpredictably.',
      remediation:
        'Keep one entry per name. The quick fix deletes the earlier entry, which keeps what the container sees today.',
    },
    messages: {
      envVarOverriddenLater:
        'Environment variable "{{name}}" is set again later in container "{{value}}" (line {{line}} of this document); this value is overridden.',
      // A later entry without a position (a flow collection built by an alias): the line cannot be named.
      envVarOverriddenLaterUnplaced:
        'Environment variable "{{name}}" is set again later in container "{{value}}"; this value is overridden.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const env = ctx.nav.getSeq(c.node, 'env');
      if (!env) continue;
      const last = new Map<string, number>();
      env.items.forEach((item, i) => {
        const name = ctx.nav.getStr(ctx.nav.map(item), 'name');
        if (name !== undefined) last.set(name, i);
      });
      env.items.forEach((item, i) => {
        const map = ctx.nav.map(item);
        const name = ctx.nav.getStr(map, 'name');
        if (name === undefined || last.get(name) === i) return;
        const later = ctx.nav.map(env.items[last.get(name)!]);
        const value = c.name ?? c.index + 1;
        ctx.report({
          node: ctx.nav.pair(map, 'name')!,
          ...(later?.range
            ? {
                messageId: 'envVarOverriddenLater',
                data: { name, value, line: ctx.edit.lines.positionAt(later.range[0]).line + 1 },
              }
            : { messageId: 'envVarOverriddenLaterUnplaced', data: { name, value } }),
          fix:
            env.items[i] === item && map === item
              ? {
                  title: `Delete this "${name}" entry`,
                  // Same value: nothing changes. A different one may be read by a `$(name)` in between.
                  safety: sameEntry(item, env.items[last.get(name)!]) ? 'safe' : 'unsafe',
                  edit: (e) => e.removeItem(env, i),
                }
              : undefined,
        });
      });
    }
  },
});

/** Whether two env entries say the same thing (name and value or valueFrom). */
function sameEntry(a: unknown, b: unknown): boolean {
  const plain = (x: unknown): string => JSON.stringify((x as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null);
  return plain(a) === plain(b);
}
