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
    id: 'cpu-request-missing',
    category: 'resources',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: {
      kubeLinter: ['unset-cpu-requirements'],
      polaris: ['cpuRequestsMissing'],
      kubeScore: ['container-resources'],
    },
    docs: {
      description:
        'A container without `resources.requests.cpu`: the scheduler places it as if it needed no CPU, and an HPA cannot compute CPU utilisation for it.',
      remediation: 'Set `resources.requests.cpu` to the CPU the container uses under normal load (for example `100m`).',
    },
    messages: {
      noCpuRequestDefaultsToLimit:
        '{{container}} has no CPU request (Kubernetes defaults it to the limit, {{limitText}}).',
      noCpuRequest: '{{container}} has no CPU request.',
    },
  },
  check(ctx) {
    // Pod-level resources (Kubernetes 1.32+) give all containers one shared request.
    for (const c of containersWithout(ctx, 'requests', 'cpu')) {
      const limitText = resourceValue(ctx, c, 'limits', 'cpu');
      const limit = copyable(limitText);
      ctx.report({
        ...resourcesAnchor(ctx, c),
        ...(limit
          ? { messageId: 'noCpuRequestDefaultsToLimit', data: { container: containerLabel(c), limitText: limit.text } }
          : { messageId: 'noCpuRequest', data: { container: containerLabel(c) } }),
        fix: {
          // A written limit is what Kubernetes would use anyway: making it explicit changes nothing at runtime.
          title: limit ? `Add requests.cpu: ${limit.text} (the limit)` : `Add requests.cpu: ${DEFAULT_REQUEST.cpu}`,
          edit: (e) => e.ensurePath(c.node, ['resources', 'requests', 'cpu'], limit ?? todo(DEFAULT_REQUEST.cpu)),
        },
      });
    }
  },
});
