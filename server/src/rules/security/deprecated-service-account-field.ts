import { defineRule } from '../../engine/rule';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'deprecated-service-account-field',
    category: 'security',
    severity: 'warning',
    fixable: true,
    fix: 'safe',
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['deprecated-service-account-field'] },
    docs: {
      description:
        'A pod spec that names its ServiceAccount with the deprecated `serviceAccount` field instead of `serviceAccountName`.',
      remediation: 'Rename `serviceAccount` to `serviceAccountName` (and drop it where both are written).',
    },
    messages: {
      deprecatedAlias: '`serviceAccount` is a deprecated alias; use `serviceAccountName`.',
      deprecatedAliasRepeats: '`serviceAccount` is a deprecated alias and repeats `serviceAccountName`; remove it.',
      deprecatedAliasDiffers:
        '`serviceAccount` ("{{oldName}}") is a deprecated alias and differs from serviceAccountName ("{{current}}"), which is the one Kubernetes uses; remove it.',
    },
  },
  check(ctx) {
    const spec = ctx.podSpec();
    if (!spec) return;
    const old = ctx.nav.pair(spec, 'serviceAccount');
    if (!old) return;
    const oldName = ctx.nav.str(old.value);
    const current = ctx.nav.getStr(spec, 'serviceAccountName');
    // Only a key written in this pod spec may be edited; one merged in with `<<` belongs to a shared block.
    const own = spec.items.includes(old);
    if (current === undefined) {
      ctx.report({
        node: old,
        keyOnly: true,
        messageId: 'deprecatedAlias',
        fix: own
          ? { title: 'Rename to serviceAccountName', edit: (e) => e.renameKey(old, 'serviceAccountName') }
          : undefined,
      });
    } else if (current === oldName) {
      ctx.report({
        node: old,
        keyOnly: true,
        messageId: 'deprecatedAliasRepeats',
        fix: own ? { title: 'Remove the deprecated serviceAccount', edit: (e) => e.removePair(spec, old) } : undefined,
      });
    } else {
      ctx.report({
        node: old,
        keyOnly: true,
        messageId: 'deprecatedAliasDiffers',
        data: { oldName: oldName ?? '', current },
        // Not preferred: which name the author meant is theirs to say; removing only drops the ignored one.
        suggest: own
          ? [
              {
                title: 'Remove the deprecated serviceAccount (serviceAccountName applies)',
                edit: (e) => e.removePair(spec, old),
              },
            ]
          : undefined,
      });
    }
  },
});
