import { defineRule } from '../../engine/rule';
import {
  resourcesAnchor,
  containersWithout,
  copyable,
  DEFAULT_LIMIT,
  resourceValue,
  todo,
} from '../../rulekit/resources/containers';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'cpu-limit-missing',
    category: 'resources',
    // Off by default: a CPU limit throttles a container even when the node has idle CPU, and many teams omit it on
    // purpose. The strict profile turns it on as a warning.
    severity: 'off',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: { polaris: ['cpuLimitsMissing'], kubeScore: ['container-resources'] },
    docs: {
      description:
        'A container without `resources.limits.cpu`: it may use every idle core of its node, so its speed depends on its neighbours.',
      remediation:
        'Set `resources.limits.cpu` when you need predictable CPU (or Guaranteed QoS); otherwise keep this rule off.',
    },
    messages: {
      noCpuLimit: '{{container}} has no CPU limit.',
    },
  },
  check(ctx) {
    for (const c of containersWithout(ctx, 'limits', 'cpu')) {
      const request = copyable(resourceValue(ctx, c, 'requests', 'cpu'));
      ctx.report({
        ...resourcesAnchor(ctx, c, 'limits'),
        messageId: 'noCpuLimit',
        data: { container: containerLabel(c) },
        fix: {
          // The limit is a choice (how much burst to allow); start at the request, which can never be rejected as
          // lower than it, and mark it for review.
          title: request ? `Add limits.cpu: ${request.text} (the request)` : `Add limits.cpu: ${DEFAULT_LIMIT.cpu}`,
          edit: (e) => e.ensurePath(c.node, ['resources', 'limits', 'cpu'], todo(request?.text ?? DEFAULT_LIMIT.cpu)),
        },
      });
    }
  },
});
