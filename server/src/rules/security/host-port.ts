import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';
import { PssReporter, removeField } from '../../rulekit/pod-security';

const ID = 'host-port';

/** PSS baseline "Host Ports": `ports[*].hostPort` must be unset or 0 (admission supports no allow-list). */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: { polaris: ['hostPortSet'] },
    docs: {
      description:
        'A `hostPort` binds the container port on the node itself: it bypasses network policies, and only one such pod fits per node.',
      remediation:
        'Delete `hostPort` and reach the pod through a Service (NodePort or LoadBalancer when it must be reachable from outside).',
    },
    messages: {
      hostPort: '{{container}} binds port {{value}} on the node (hostPort).',
    },
  },
  check(ctx) {
    const out = new PssReporter(ctx, ID, 'baseline');
    for (const c of ctx.containers()) {
      for (const item of ctx.nav.getSeq(c.node, 'ports')?.items ?? []) {
        const port = ctx.nav.map(item);
        const pair = ctx.nav.pair(port, 'hostPort');
        const value = pair ? ctx.nav.str(pair.value) : undefined;
        if (!port || !pair || value === undefined || /^[-+]?0+$/.test(value.trim())) continue;
        out.report({
          node: pair,
          messageId: 'hostPort',
          data: { container: containerLabel(c), value },
          fix: { title: 'Delete hostPort', edit: (e) => removeField(e, port, pair, 0) },
        });
      }
    }
  },
});
