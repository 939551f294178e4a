import { defineRule } from '../../engine/rule';
import { HPA_KIND } from '../../model/relations';
import { hpaBounds, valueNode } from '../../rulekit/scaling/hpa-util';

export default defineRule({
  meta: {
    id: 'hpa-min-equals-max',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: [HPA_KIND],
    aliases: { polaris: ['hpaMaxAvailability'] },
    docs: {
      description:
        'A HorizontalPodAutoscaler whose `minReplicas` equals its `maxReplicas` (an unset `minReplicas` is 1): it can never scale, so it only adds an object that looks like autoscaling.',
      remediation:
        'Raise `maxReplicas` to the most replicas the workload may need, or replace the HPA with a fixed `spec.replicas`.',
    },
    messages: {
      minEqualsMax: 'maxReplicas equals minReplicas ({{min}}): this HorizontalPodAutoscaler can never scale.',
      defaultMinEqualsMax:
        'maxReplicas equals minReplicas ({{min}}, the default): this HorizontalPodAutoscaler can never scale.',
    },
  },
  check(ctx) {
    const b = hpaBounds(ctx);
    if (!b || !b.maxPair || b.min === undefined || b.max === undefined || b.min !== b.max) return;
    const { min, maxPair } = b;
    const raised = Math.max(min * 2, min + 1);
    ctx.report({
      node: maxPair,
      messageId: b.minWritten ? 'minEqualsMax' : 'defaultMinEqualsMax',
      data: { min },
      fix: { title: `Raise maxReplicas to ${raised}`, edit: (e) => e.setValue(valueNode(maxPair), raised) },
    });
  },
});
