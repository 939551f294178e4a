import { defineRule } from '../../engine/rule';
import { find, rbacRules, ROLE_KINDS, ruleLabel } from '../../rulekit/security/rbac-util';
import { distinct } from '../../model/text';

const WHY: Readonly<Record<string, string>> = {
  escalate: 'escalate (edit roles to grant permissions it does not hold)',
  bind: 'bind (bind roles with permissions it does not hold)',
  impersonate: 'impersonate (act as other users, groups or ServiceAccounts)',
};

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    category: 'security',
    severity: 'warning',
    fixable: false,
    kinds: ROLE_KINDS,
    docs: {
      description:
        'A Role or ClusterRole rule with the verbs `escalate`, `bind` or `impersonate`: each lets its subjects step around RBAC and gain permissions they were not given.',
      remediation:
        'Remove these verbs; where a controller truly needs them, restrict the rule with `resourceNames` to the roles or identities concerned.',
    },
    messages: {
      grantsEscalationVerbs: '{{rule}} grants {{list}}.',
    },
  },
  check(ctx) {
    for (const rule of rbacRules(ctx)) {
      // `*` grants these too; that is rbac-wildcard's finding, not repeated here.
      const verbs = find(rule.verbs, Object.keys(WHY));
      if (verbs.length === 0) continue;
      ctx.report({
        node: verbs[0].node,
        messageId: 'grantsEscalationVerbs',
        data: { rule: ruleLabel(ctx, rule), list: distinct(verbs.map((v) => WHY[v.value])).join(', ') },
      });
    }
  },
});
