import { defineRule } from '../../engine/rule';
import { containerAnchor } from '../../rulekit/anchors';
import { longRunningContainers, probeFix } from '../../rulekit/probes/probe-util';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'liveness-probe-missing',
    category: 'probes',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['no-liveness-probe'], polaris: ['livenessProbeMissing'], kubeScore: ['pod-probes'] },
    docs: {
      description:
        'A long-running container without a livenessProbe: if the process hangs without exiting (a deadlock), Kubernetes keeps it running and never restarts it.',
      remediation:
        'Add a `livenessProbe` that checks only the process itself (not its dependencies), with a generous `failureThreshold`, or a `startupProbe` for slow starters.',
    },
    messages: {
      noLivenessProbe: '{{container}} has no livenessProbe: a hung process that does not exit is never restarted.',
    },
  },
  check(ctx) {
    for (const c of longRunningContainers(ctx)) {
      if (ctx.nav.pair(c.node, 'livenessProbe')) continue;
      ctx.report({
        ...containerAnchor(ctx, c),
        messageId: 'noLivenessProbe',
        data: { container: containerLabel(c) },
        fix: probeFix(ctx, c, 'livenessProbe', 'TODO: a path that checks only this process, not its dependencies'),
      });
    }
  },
});
