import { defineRule } from '../../engine/rule';
import {
  resourcesAnchor,
  containersWithout,
  copyable,
  DEFAULT_REQUEST,
  resourceValue,
  todo,
} from '../../rulekit/resources/containers';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'memory-request-missing',
    category: 'resources',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: { polaris: ['memoryRequestsMissing'], kubeScore: ['container-resources'] },
    docs: {
      description:
        'A container without `resources.requests.memory`: the scheduler places it as if it needed no memory, so nodes get overcommitted, and under memory pressure it is among the first to be evicted.',
      remediation:
        'Set `resources.requests.memory` to the memory the container uses under normal load (for example `256Mi`).',
    },
    messages: {
      noMemoryRequestDefaultsToLimit:
        '{{container}} has no memory request (Kubernetes defaults it to the limit, {{limitText}}).',
      noMemoryRequest: '{{container}} has no memory request.',
    },
  },
  check(ctx) {
    for (const c of containersWithout(ctx, 'requests', 'memory')) {
      const limit = copyable(resourceValue(ctx, c, 'limits', 'memory'));
      ctx.report({
        ...resourcesAnchor(ctx, c),
        ...(limit
          ? {
              messageId: 'noMemoryRequestDefaultsToLimit',
              data: { container: containerLabel(c), limitText: limit.text },
            }
          : { messageId: 'noMemoryRequest', data: { container: containerLabel(c) } }),
        fix: {
          title: limit
            ? `Add requests.memory: ${limit.text} (the limit)`
            : `Add requests.memory: ${DEFAULT_REQUEST.memory}`,
          edit: (e) => e.ensurePath(c.node, ['resources', 'requests', 'memory'], limit ?? todo(DEFAULT_REQUEST.memory)),
        },
      });
    }
  },
});
