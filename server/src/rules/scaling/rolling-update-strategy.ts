import type { Node } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';

export default defineRule({
  meta: {
    id: 'rolling-update-strategy',
    category: 'scaling',
    severity: 'off',
    strictSeverity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: ['Deployment'],
    aliases: { kubeLinter: ['no-rolling-update-strategy'], kubeScore: ['deployment-strategy'] },
    docs: {
      description:
        'A Deployment whose `strategy.type` is `Recreate`: every rollout stops all old pods before starting new ones, so each deploy is an outage. Sometimes deliberate (a ReadWriteOnce volume, an app that cannot run two versions at once), hence off by default.',
      remediation:
        'Use `strategy.type: RollingUpdate` (the default), tuning `maxSurge` and `maxUnavailable` if needed.',
    },
    messages: {
      recreateStrategy:
        'strategy.type is Recreate: every rollout stops all pods before starting new ones, so each deploy is an outage.',
    },
  },
  check(ctx) {
    const strategy = ctx.nav.getMap(ctx.nav.getMap(ctx.object.node, 'spec'), 'strategy');
    const typePair = ctx.nav.pair(strategy, 'type');
    if (!strategy || !typePair || ctx.nav.str(typePair.value) !== 'Recreate') return;
    ctx.report({
      node: typePair.value as Node,
      messageId: 'recreateStrategy',
      fix: {
        title: 'Use strategy.type: RollingUpdate',
        edit: (e) =>
          strategy.items.includes(typePair)
            ? e.setValue(typePair.value as Node, 'RollingUpdate')
            : e.insertPair(strategy, 'type', 'RollingUpdate'),
      },
    });
  },
});
