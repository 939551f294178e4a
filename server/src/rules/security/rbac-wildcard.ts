import { defineRule } from '../../engine/rule';
import { find, rbacRules, ROLE_KINDS, ruleLabel } from '../../rulekit/security/rbac-util';

const FIELDS = ['verbs', 'resources', 'apiGroups', 'nonResourceURLs'] as const;

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    category: 'security',
    severity: 'warning',
    fixable: false,
    kinds: ROLE_KINDS,
    aliases: { kubeLinter: ['wildcard-in-rules'] },
    docs: {
      description:
        'A Role or ClusterRole rule with `*` in `verbs`, `resources`, `apiGroups` or `nonResourceURLs`: it grants every verb, resource or group there is, including ones that CRDs and later Kubernetes versions add.',
      remediation:
        'List the verbs, resources and API groups the subject needs (`get`, `list`, `watch` on `deployments` in `apps`).',
    },
    messages: {
      wildcard:
        '{{rule}} uses "*" in {{list}}: it grants everything there, including what is added later; list what is needed.',
    },
  },
  check(ctx) {
    for (const rule of rbacRules(ctx)) {
      const stars = FIELDS.map((f) => [f, find(rule[f], ['*'])] as const).filter(([, items]) => items.length > 0);
      if (stars.length === 0) continue;
      const fields = stars.map(([f]) => f);
      const list =
        fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
      ctx.report({
        node: stars[0][1][0].node,
        messageId: 'wildcard',
        data: { rule: ruleLabel(ctx, rule), list },
      });
    }
  },
});
