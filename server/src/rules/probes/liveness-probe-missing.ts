import { defineRule } from '../../engine/rule';
import { WORKLOADS } from '../../model/kinds';
import { containerAnchor, containerLabel, longRunningContainers, probeFix } from '../../rulekit/probes/probe-util';

export default defineRule({
  meta: {
    id: 'liveness-probe-missing',
    category: 'probes',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: Object.keys(WORKLOADS),
    aliases: { kubeLinter: ['no-liveness-probe'], polaris: ['livenessProbeMissing'], kubeScore: ['pod-probes'] },
    docs: {
      description:
        'A long-running container without a livenessProbe: if the process hangs without exiting (a deadlock), Kubernetes keeps it running and never restarts it.',
      remediation:
        'Add a `livenessProbe` that checks only the process itself (not its dependencies), with a generous `failureThreshold`, or a `startupProbe` for slow starters.',
    },
  },
  check(ctx) {
    for (const c of longRunningContainers(ctx)) {
      if (ctx.nav.pair(c.node, 'livenessProbe')) continue;
      ctx.report({
        node: containerAnchor(ctx, c),
        message: `${containerLabel(c)} has no livenessProbe: a hung process that does not exit is never restarted.`,
        fix: probeFix(ctx, c, 'livenessProbe', 'TODO: a path that checks only this process, not its dependencies'),
      });
    }
  },
});
