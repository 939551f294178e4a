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
    id: 'memory-limit-missing',
    category: 'resources',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: {
      kubeLinter: ['unset-memory-requirements'],
      polaris: ['memoryLimitsMissing'],
      kubeScore: ['container-resources'],
    },
    docs: {
      description:
        'A container without `resources.limits.memory`: a leak or a spike can take all the memory of its node, and the kernel then kills processes of other pods too.',
      remediation:
        'Set `resources.limits.memory`; equal to the memory request gives predictable behaviour (the pod is OOM-killed alone, never its neighbours).',
    },
    messages: {
      noMemoryLimit: '{{container}} has no memory limit.',
    },
  },
  check(ctx) {
    for (const c of containersWithout(ctx, 'limits', 'memory')) {
      // A limit equal to the request: memory cannot be throttled, only killed, so headroom above the request only
      // helps until the node runs out. Without a request the value is a placeholder to size.
      const request = copyable(resourceValue(ctx, c, 'requests', 'memory'));
      ctx.report({
        ...resourcesAnchor(ctx, c, 'limits'),
        messageId: 'noMemoryLimit',
        data: { container: containerLabel(c) },
        fix: {
          title: request
            ? `Add limits.memory: ${request.text} (the request)`
            : `Add limits.memory: ${DEFAULT_LIMIT.memory}`,
          edit: (e) => e.ensurePath(c.node, ['resources', 'limits', 'memory'], request ?? todo(DEFAULT_LIMIT.memory)),
        },
      });
    }
  },
});
