import { defineRule } from '../../engine/rule';
import { parseLabelSelector } from '../../model/selector';
import { heldNearby, namespaceOf, searchedFiles, selectsAll, workloadsSelectedBy } from '../../rulekit/lookups';
import { POD_OWNER_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'networkpolicy-dangling',
    category: 'networking',
    severity: 'warning',
    fixable: false,
    usesIndex: true,
    kinds: ['NetworkPolicy'],
    aliases: { kubeLinter: ['dangling-networkpolicy'], kubeScore: ['networkpolicy-targets-pod'] },
    docs: {
      description:
        'A NetworkPolicy whose `podSelector` matches the pod labels of no workload in its namespace: it protects nothing, while its author believes the pods are isolated.',
      remediation:
        'Make `podSelector` match the pod template labels of the workloads to protect (or `{}` for every pod of the namespace).',
    },
    messages: {
      podSelectorMatchesNothing:
        'NetworkPolicy podSelector matches the pods of no workload in namespace "{{ns}}" ({{searchedFiles}}): the policy isolates nothing.',
    },
  },
  check(ctx) {
    const index = ctx.index;
    if (index.files().length === 0) return;
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const pair = ctx.nav.pair(spec, 'podSelector');
    const selectorRaw = ctx.nav.plain(pair?.value);
    // An empty podSelector selects every pod of the namespace, including ones created later.
    if (!pair || selectsAll(selectorRaw)) return;
    const { selector } = parseLabelSelector(selectorRaw);
    if (!selector) return;
    const ns = namespaceOf(ctx);
    if (workloadsSelectedBy(index, ns, selector).length > 0) return;
    ctx.report({
      node: pair,
      keyOnly: true,
      severity: heldNearby(ctx, POD_OWNER_KINDS) ? 'warning' : 'info',
      messageId: 'podSelectorMatchesNothing',
      data: { ns, searchedFiles: searchedFiles(index) },
    });
  },
});
