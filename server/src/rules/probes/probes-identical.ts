import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { plain } from '../../rulekit/probes/probe-util';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'probes-identical',
    category: 'probes',
    severity: 'info',
    fixable: false,
    kinds: POD_KINDS,
    aliases: { kubeScore: ['pod-probes-identical'] },
    docs: {
      description:
        'A container whose livenessProbe is identical to its readinessProbe: when the check fails under load, the pod is taken out of the Service and restarted at the same moment, which turns a slowdown into an outage.',
      remediation:
        'Make the liveness probe check only that the process is alive (a cheaper endpoint, a TCP check) and fail later than readiness (a higher `failureThreshold`).',
    },
    messages: {
      livenessSameAsReadiness:
        '{{container}}: livenessProbe is identical to readinessProbe, so a container that is briefly not ready is also restarted.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const liveness = ctx.nav.pair(c.node, 'livenessProbe');
      const readiness = ctx.nav.pair(c.node, 'readinessProbe');
      if (!liveness || !readiness) continue;
      const a = plain(ctx, liveness.value);
      // A probe without any settings (`livenessProbe: {}`) is a schema problem, not a duplicate.
      if (a === null || (typeof a === 'object' && Object.keys(a).length === 0)) continue;
      if (!isDeepStrictEqual(a, plain(ctx, readiness.value))) continue;
      ctx.report({
        node: liveness,
        keyOnly: true,
        messageId: 'livenessSameAsReadiness',
        data: { container: containerLabel(c) },
      });
    }
  },
});
