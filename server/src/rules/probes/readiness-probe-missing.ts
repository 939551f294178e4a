import { defineRule } from '../../engine/rule';
import { containerAnchor } from '../../rulekit/anchors';
import { longRunningContainers, probeFix } from '../../rulekit/probes/probe-util';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'readiness-probe-missing',
    category: 'probes',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['no-readiness-probe'], polaris: ['readinessProbeMissing'], kubeScore: ['pod-probes'] },
    docs: {
      description:
        'A long-running container without a readinessProbe: Services send it traffic as soon as the process starts, and a rolling update counts it ready before it can serve.',
      remediation:
        'Add a `readinessProbe` that succeeds only when the container can serve requests (an HTTP endpoint, a TCP port or a command).',
    },
    messages: {
      noReadinessProbe:
        '{{container}} has no readinessProbe: it receives traffic, and counts as available in a rollout, before it can serve.',
    },
  },
  check(ctx) {
    for (const c of longRunningContainers(ctx)) {
      if (ctx.nav.pair(c.node, 'readinessProbe')) continue;
      ctx.report({
        ...containerAnchor(ctx, c),
        messageId: 'noReadinessProbe',
        data: { container: containerLabel(c) },
        fix: probeFix(ctx, c, 'readinessProbe', 'TODO: the path that answers 200 when ready'),
      });
    }
  },
});
