import { defineRule } from '../../engine/rule';
import { HPA_KIND } from '../../model/relations';
import { hpaBounds } from '../../rulekit/scaling/hpa-util';

export default defineRule({
  meta: {
    id: 'hpa-min-replicas-too-low',
    category: 'scaling',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: [HPA_KIND],
    aliases: {
      kubeLinter: ['hpa-minimum-three-replicas'],
      polaris: ['hpaMinAvailability'],
      kubeScore: ['horizontalpodautoscaler-replicas'],
    },
    docs: {
      description:
        'A HorizontalPodAutoscaler whose `minReplicas` is below 2 (unset means 1): at low load it scales the workload down to a single pod, which one node drain or crash takes down.',
      remediation: 'Set `minReplicas: 2` (or more).',
    },
    messages: {
      minReplicasZero:
        'minReplicas: {{min}} lets the HorizontalPodAutoscaler scale down to zero pods: one node drain or crash then takes the service down.',
      minReplicasOne:
        'minReplicas: {{min}} lets the HorizontalPodAutoscaler scale down to a single pod: one node drain or crash then takes the service down.',
      minReplicasUnset:
        'minReplicas is not set, so the HorizontalPodAutoscaler scales down to a single pod (the default is 1): one node drain or crash then takes the service down.',
    },
  },
  check(ctx) {
    const b = hpaBounds(ctx);
    if (!b || b.min === undefined || b.min >= 2) return;
    const { spec, minPair } = b;
    const node = minPair ?? ctx.nav.pair(ctx.object.node, 'spec')!;
    ctx.report({
      node,
      keyOnly: !minPair,
      ...(minPair
        ? {
            messageId: b.min === 0 ? 'minReplicasZero' : 'minReplicasOne',
            data: { min: b.min },
          }
        : { messageId: 'minReplicasUnset' }),
      // With maxReplicas below 2 the fix would make min > max; hpa-min-equals-max raises max first.
      fix:
        b.max !== undefined && b.max < 2
          ? undefined
          : { title: 'Set minReplicas: 2', edit: (e) => e.ensurePath(spec, ['minReplicas'], 2) },
    });
  },
});
