import { defineRule } from '../../engine/rule';
import { compareQuantities } from '../../protocol/quantity';
import { Raw } from '../../yaml/render';
import {
  resourcesAnchor,
  resourceContainers,
  resourceQuantity,
  resourceValue,
  resourceWord,
  usable,
} from '../../rulekit/resources/containers';
import { containerLabel } from '../../model/object';
import type { Tree } from '../../yaml/edit';
import { POD_KINDS } from '../../rulekit/kinds';

/** The resources that decide the Guaranteed QoS class. */
const QOS_RESOURCES = ['cpu', 'memory'] as const;

export default defineRule({
  meta: {
    id: 'requests-equal-limits',
    category: 'resources',
    severity: 'off',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: {
      kubeScore: [
        'container-resource-requests-equal-limits',
        'container-cpu-requests-equal-limits',
        'container-memory-requests-equal-limits',
      ],
    },
    docs: {
      description:
        'A container whose CPU or memory request differs from its limit, so the pod is not in the Guaranteed QoS class: it can be throttled or evicted before Guaranteed pods when the node is under pressure.',
      remediation: 'Make each request equal to its limit (the quick fix copies the limit to the request).',
    },
    messages: {
      notGuaranteedQos: '{{container}} is not Guaranteed QoS: {{differ}}.',
    },
  },
  check(ctx) {
    for (const c of resourceContainers(ctx)) {
      const requests: Tree = {};
      const limits: Tree = {};
      const differ: string[] = [];
      for (const r of QOS_RESOURCES) {
        const reqText = resourceValue(ctx, c, 'requests', r);
        const limText = resourceValue(ctx, c, 'limits', r);
        if (limText !== undefined) {
          // an unset request defaults to the limit: equal by definition
          if (reqText === undefined) continue;
          const rq = usable(resourceQuantity(ctx, c, 'requests', r));
          const lq = usable(resourceQuantity(ctx, c, 'limits', r));
          if (!rq || !lq || compareQuantities(rq, lq) === 0) continue; // invalid values: quantity-invalid's business
          requests[r] = new Raw(lq.text);
          differ.push(`${resourceWord(r)} request ${rq.text} ≠ limit ${lq.text}`);
        } else {
          const rq = usable(resourceQuantity(ctx, c, 'requests', r));
          if (!rq) continue;
          // No limit to copy: the limit is set to the request instead.
          limits[r] = new Raw(rq.text);
          differ.push(`${resourceWord(r)} request ${rq.text} has no limit`);
        }
        // Neither set: the missing-request and missing-limit rules say so; there is nothing to copy.
      }
      if (differ.length === 0) continue;
      const tree: Tree = {};
      if (Object.keys(requests).length) tree.requests = requests;
      if (Object.keys(limits).length) tree.limits = limits;
      ctx.report({
        ...resourcesAnchor(ctx, c, 'requests'),
        messageId: 'notGuaranteedQos',
        data: { container: containerLabel(c), differ: differ.join('; ') },
        fix: { title: 'Make requests equal to limits', edit: (e) => e.ensureTree(c.node, { resources: tree }) },
      });
    }
  },
});
