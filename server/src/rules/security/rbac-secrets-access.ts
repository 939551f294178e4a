import { defineRule } from '../../engine/rule';
import { coversCoreGroup, find, rbacRules, ROLE_KINDS, ruleLabel } from '../../rulekit/security/rbac-util';
import { distinct } from '../../model/text';

const READ_VERBS = ['get', 'list', 'watch', '*'];

export default defineRule({
  meta: {
    id: 'rbac-secrets-access',
    category: 'security',
    severity: 'info',
    fixable: false,
    kinds: ROLE_KINDS,
    aliases: { kubeLinter: ['access-to-secrets'] },
    docs: {
      description:
        'A Role or ClusterRole rule that lets its subjects get, list or watch `secrets` without naming which ones: they can read every password, token and key in the namespace (every namespace, for a ClusterRole bound cluster-wide). `list` and `watch` return the secret values too, not just names.',
      remediation:
        'Limit the rule with `resourceNames` to the Secrets the subject needs, or mount those Secrets into its pods instead of reading them through the API.',
    },
    messages: {
      secretsOfNamespace:
        '{{rule}} lets its subjects {{verbs}} all secrets of the namespace; limit it with resourceNames.',
      secretsOfCluster: '{{rule}} lets its subjects {{verbs}} all secrets; limit it with resourceNames.',
      anyVerbOnSecretsOfNamespace:
        '{{rule}} lets its subjects do anything with all secrets of the namespace; limit it with resourceNames.',
      anyVerbOnSecretsOfCluster:
        '{{rule}} lets its subjects do anything with all secrets; limit it with resourceNames.',
    },
  },
  check(ctx) {
    for (const rule of rbacRules(ctx)) {
      // A rule limited to named Secrets is the remedy, not the problem. A `*` resource includes secrets.
      if (rule.resourceNames.length > 0 || !coversCoreGroup(rule)) continue;
      const secrets = find(rule.resources, ['secrets', '*']);
      const verbs = find(rule.verbs, READ_VERBS);
      if (secrets.length === 0 || verbs.length === 0) continue;
      const anyVerb = verbs.some((v) => v.value === '*');
      const clusterWide = ctx.object.kind === 'ClusterRole';
      const label = ruleLabel(ctx, rule);
      ctx.report({
        node: secrets[0].node,
        ...(anyVerb
          ? {
              messageId: clusterWide ? 'anyVerbOnSecretsOfCluster' : 'anyVerbOnSecretsOfNamespace',
              data: { rule: label },
            }
          : {
              messageId: clusterWide ? 'secretsOfCluster' : 'secretsOfNamespace',
              data: { rule: label, verbs: distinct(verbs.map((v) => v.value)).join('/') },
            }),
      });
    }
  },
});
