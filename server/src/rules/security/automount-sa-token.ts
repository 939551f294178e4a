import { defineRule } from '../../engine/rule';
import { isServiceAccountBound, lookupNamespace, podServiceAccount } from '../../rulekit/security/service-account';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'automount-sa-token',
    category: 'security',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: POD_KINDS,
    aliases: { polaris: ['automountServiceAccountToken'] },
    docs: {
      description:
        "A pod that gets its ServiceAccount's API token mounted without saying so: most applications never call the Kubernetes API, and a token in the container is what an attacker uses to move from the container to the cluster.",
      remediation:
        'Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount); pods that do call the API keep it, with a dedicated ServiceAccount and a narrow Role.',
    },
    messages: {
      tokenMountedByDefault:
        'The pod mounts the API token of ServiceAccount "{{saName}}" by default; set automountServiceAccountToken: false unless it calls the Kubernetes API.',
    },
  },
  check(ctx) {
    const spec = ctx.podSpec();
    if (!spec) return;
    const setting = ctx.nav.pair(spec, 'automountServiceAccountToken');
    // Written either way, it is the author's decision: `true` is how a pod says it needs the API.
    if (setting) return;
    const sa = podServiceAccount(ctx);
    const ns = lookupNamespace(ctx);
    const account = ctx.index.get('ServiceAccount', ns, sa.name);
    if (account?.value.automountServiceAccountToken === false) return;
    // A ServiceAccount that some binding grants permissions to exists to call the API: its pods need the token.
    if (isServiceAccountBound(ctx.index, ns, sa.name)) return;
    const anchor = sa.pair ?? ctx.nav.pair(spec, 'containers');
    ctx.report({
      node: anchor ?? spec,
      keyOnly: true,
      messageId: 'tokenMountedByDefault',
      data: { saName: sa.name },
      fix: {
        title: 'Set automountServiceAccountToken: false',
        edit: (e) => e.ensurePath(spec, ['automountServiceAccountToken'], false),
      },
    });
  },
});
