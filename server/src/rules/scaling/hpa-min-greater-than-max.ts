import { defineRule } from '../../engine/rule';
import { HPA_KIND } from '../../model/relations';
import { hpaBounds, valueNode } from '../../rulekit/scaling/hpa-util';

export default defineRule({
  meta: {
    id: 'hpa-min-greater-than-max',
    category: 'scaling',
    severity: 'error',
    fixable: true,
    fix: 'unsafe',
    kinds: [HPA_KIND],
    docs: {
      description:
        'A HorizontalPodAutoscaler whose `minReplicas` is greater than its `maxReplicas`: the API server rejects it.',
      remediation: 'Swap the two values, or raise `maxReplicas` above `minReplicas`.',
    },
    messages: {
      minAboveMax:
        'minReplicas ({{min}}) is greater than maxReplicas ({{max}}): the API server rejects this HorizontalPodAutoscaler.',
    },
  },
  check(ctx) {
    const b = hpaBounds(ctx);
    if (!b || !b.minPair || !b.maxPair || b.min === undefined || b.max === undefined || b.min <= b.max) return;
    const { min, max, minPair, maxPair } = b;
    ctx.report({
      node: minPair,
      messageId: 'minAboveMax',
      data: { min, max },
      fix: {
        title: `Swap them: minReplicas ${max}, maxReplicas ${min}`,
        edit: (e) => [e.setValue(valueNode(minPair), max), e.setValue(valueNode(maxPair), min)],
      },
      // Keeping the floor the author asked for, with room to scale above it.
      suggest: [{ title: `Raise maxReplicas to ${min * 2}`, edit: (e) => e.setValue(valueNode(maxPair), min * 2) }],
    });
  },
});
