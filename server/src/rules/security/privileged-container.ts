import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { containerSecurityContext, PssReporter, setValueFix } from '../../rulekit/pod-security';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'privileged-container';

/** PSS baseline "Privileged Containers": `securityContext.privileged` must be unset or false. */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'error',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: {
      kubeLinter: ['privileged-container'],
      polaris: ['runAsPrivileged'],
      kubeScore: ['container-security-context-privileged'],
    },
    docs: {
      description:
        'A container with `securityContext.privileged: true` has every capability and the devices of the node: escaping to the host is trivial.',
      remediation:
        'Remove `privileged: true` (or set it to `false`) and add only the capabilities the container needs.',
    },
    messages: {
      privileged: "{{container}} runs privileged: it gets every capability and the node's devices.",
    },
  },
  check(ctx) {
    const out = new PssReporter(ctx, ID, 'baseline');
    for (const c of ctx.containers()) {
      const pair = ctx.nav.pair(containerSecurityContext(ctx, c), 'privileged');
      if (!pair || ctx.nav.bool(pair.value) !== true) continue;
      out.report({
        node: pair,
        messageId: 'privileged',
        data: { container: containerLabel(c) },
        fix: {
          title: 'Set privileged: false',
          edit: (e) => setValueFix(ctx, e, c.node, ['securityContext', 'privileged'], pair, false),
        },
      });
    }
  },
});
