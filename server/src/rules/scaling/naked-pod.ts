import { isHelmHookObject } from '../../rulekit/helm-hook';
import { defineRule } from '../../engine/rule';
import { objectAnchor } from '../../rulekit/scaling/util';

export default defineRule({
  meta: {
    id: 'naked-pod',
    category: 'scaling',
    severity: 'info',
    fixable: false,
    kinds: ['Pod'],
    docs: {
      description:
        'A bare Pod that no controller owns (no `metadata.ownerReferences`): when its node fails, is drained or is upgraded, nothing recreates it.',
      remediation:
        'Run it from a Deployment (long-running), a StatefulSet (stable identity), a DaemonSet (one per node) or a Job (run to completion).',
    },
    messages: {
      barePod:
        'A bare Pod is not recreated when its node fails or is drained: run it from a Deployment, StatefulSet, DaemonSet or Job.',
    },
  },
  check(ctx) {
    // a Helm hook (test Pod, hook Job) is not part of the running application
    if (isHelmHookObject(ctx)) return;
    const owners = ctx.nav.getSeq(ctx.object.metadata, 'ownerReferences');
    if (owners && owners.items.length > 0) return;
    ctx.report({
      node: objectAnchor(ctx),
      messageId: 'barePod',
    });
  },
});
