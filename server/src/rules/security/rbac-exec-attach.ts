import { defineRule } from '../../engine/rule';
import { coversCoreGroup, find, rbacRules, ROLE_KINDS, ruleLabel } from '../../rulekit/security/rbac-util';
import { distinct } from '../../model/text';

/** `pods/exec` is reached with `create` (and `get` for the older websocket clients); `*` includes both. */
const EXEC_VERBS = ['create', 'get', '*'];
// `*` is every resource and subresource, `*/exec` every exec subresource; `pods/*` is no RBAC wildcard.
const EXEC_RESOURCES = ['pods/exec', 'pods/attach', '*', '*/exec', '*/attach'];

export default defineRule({
  meta: {
    id: 'rbac-exec-attach',
    category: 'security',
    severity: 'warning',
    fixable: false,
    kinds: ROLE_KINDS,
    aliases: {
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
    },
    docs: {
      description:
        "A Role or ClusterRole rule that grants `pods/exec` or `pods/attach`: its subjects can run commands inside any pod they reach, with that pod's ServiceAccount token, mounted Secrets and network access.",
      remediation:
        'Grant exec only to the people who debug workloads (a separate, bound-on-demand Role), never to ServiceAccounts of applications.',
    },
    messages: {
      grantsExecOrAttach:
        '{{rule}} grants {{list}}: its subjects can run commands inside pods, with their tokens and Secrets.',
    },
  },
  check(ctx) {
    for (const rule of rbacRules(ctx)) {
      if (!coversCoreGroup(rule)) continue;
      const resources = find(rule.resources, EXEC_RESOURCES);
      const verbs = find(rule.verbs, EXEC_VERBS);
      if (resources.length === 0 || verbs.length === 0) continue;
      ctx.report({
        node: resources[0].node,
        messageId: 'grantsExecOrAttach',
        data: { rule: ruleLabel(ctx, rule), list: distinct(resources.map((r) => r.value)).join(' and ') },
      });
    }
  },
});
