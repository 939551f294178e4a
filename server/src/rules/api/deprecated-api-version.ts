import type { Node } from '../../yaml/nodes';
import { apiMoveFix } from '../../rulekit/api/api-moves';
import { defineRule } from '../../engine/rule';
import { CURRENT_API_VERSION, OPENSHIFT_API_VERSION, servesKind } from '../../model/kinds';
import { findDeprecation, minorOf } from '../../schema/deprecations';

export default defineRule({
  meta: {
    id: 'deprecated-api-version',
    category: 'api',
    severity: 'error',
    fixable: true,
    // safe moves, except where a default changes: an extensions/v1beta1 DaemonSet's update strategy, a Deployment's
    // rollout pace, history and deadline (rulekit/api/api-moves)
    fix: 'mixed',
    aliases: { kubeLinter: ['no-extensions-v1beta'], kubeScore: ['deprecated-api'] },
    docs: {
      description:
        'An apiVersion that the target Kubernetes version no longer serves (error) or has deprecated (warning), including PodSecurityPolicy; and a built-in kind written under an apiVersion that never served it (`apiVersion: v1` on a Deployment).',
      remediation:
        'Move the object to the apiVersion that serves it today. Where the schema is the same, the quick fix rewrites the apiVersion.',
    },
    messages: {
      outdatedApiVersion: '{{kind}} {{apiVersion}} is {{when}} (target {{kubernetesVersion}}): {{to}}.',
      outdatedApiVersionWithNote:
        '{{kind}} {{apiVersion}} is {{when}} (target {{kubernetesVersion}}): {{to}}; {{note}}.',
      kindNotServedInVersion:
        '{{kind}} is served under apiVersion {{current}}, not {{apiVersion}}: the API server would answer "no matches for kind {{kind}} in version {{apiVersion}}".',
    },
  },
  check(ctx) {
    const { apiVersion, kind } = ctx.object;
    const pair = ctx.nav.pair(ctx.object.node, 'apiVersion');
    const valueNode = pair?.value;
    if (!pair || !valueNode) return;
    const target = minorOf(ctx.settings.kubernetesVersion);
    const dep = findDeprecation(apiVersion, kind);
    if (dep) {
      const removed = !(target < dep.removedIn);
      if (!removed && target < dep.deprecatedIn) return;
      const when = removed
        ? `removed in Kubernetes 1.${dep.removedIn}`
        : `deprecated since 1.${dep.deprecatedIn} and removed in 1.${dep.removedIn}`;
      const to = dep.replacement.includes('/') ? `use ${dep.replacement}` : `use ${dep.replacement}`;
      const data = { kind, apiVersion, when, kubernetesVersion: ctx.settings.kubernetesVersion, to };
      ctx.report({
        node: pair,
        severity: removed ? 'error' : 'warning',
        ...(dep.note
          ? { messageId: 'outdatedApiVersionWithNote', data: { ...data, note: dep.note } }
          : { messageId: 'outdatedApiVersion', data }),
        fix: apiMoveFix(ctx, dep, valueNode as Node),
      });
      return;
    }
    if (!servesKind(apiVersion, kind)) {
      const current = CURRENT_API_VERSION[kind] ?? OPENSHIFT_API_VERSION[kind];
      ctx.report({
        node: pair,
        messageId: 'kindNotServedInVersion',
        data: { kind, current, apiVersion },
        fix: {
          title: `Change apiVersion to ${current}`,
          safety: 'safe',
          edit: (e) => e.setValue(valueNode as Node, current),
        },
      });
    }
  },
});
