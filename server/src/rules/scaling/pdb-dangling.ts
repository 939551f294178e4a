import { defineRule } from '../../engine/rule';
import { PDB_KIND, POD_OWNER_KINDS } from '../../model/relations';
import { notFoundSeverity, searchedFiles } from '../../rulekit/lookups';
import { objectAnchor } from '../../rulekit/scaling/util';
import { pdbGuard } from '../../rulekit/scaling/pdb-util';

export default defineRule({
  meta: {
    id: 'pdb-dangling',
    category: 'scaling',
    severity: 'warning',
    fixable: false,
    usesIndex: true,
    kinds: [PDB_KIND],
    docs: {
      description:
        "A PodDisruptionBudget whose selector matches the pods of no workload of its namespace in the workspace: it protects nothing. Information when the workloads plausibly live elsewhere, a warning when the budget's file or folder holds the namespace's other workloads.",
      remediation:
        'Make `spec.selector` match the pod template labels of the workload to protect, or delete the budget.',
    },
    messages: {
      selectorMatchesNoWorkload:
        'This selector matches the pods of no workload in namespace "{{namespace}}" ({{searchedFiles}}): the budget protects nothing.',
      noSelectorSelectsNoWorkload:
        'Without a selector this budget selects the pods of no workload in namespace "{{namespace}}" ({{searchedFiles}}): the budget protects nothing.',
      // The same, when the namespace's workloads plausibly live outside the workspace (information, not a warning).
      selectorMatchesNoWorkloadMaybeOutside:
        'This selector matches the pods of no workload in namespace "{{namespace}}" ({{searchedFiles}}): the budget protects nothing. The pods may come from outside the workspace.',
      noSelectorSelectsNoWorkloadMaybeOutside:
        'Without a selector this budget selects the pods of no workload in namespace "{{namespace}}" ({{searchedFiles}}): the budget protects nothing. The pods may come from outside the workspace.',
    },
  },
  check(ctx) {
    const guard = pdbGuard(ctx);
    if (!guard || guard.workloads.length > 0) return;
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const selectorPair = ctx.nav.pair(spec, 'selector');
    const severity = notFoundSeverity(ctx.index, guard.self, POD_OWNER_KINDS);
    const outside = severity === 'info';
    ctx.report({
      node: selectorPair ?? ctx.nav.pair(ctx.object.node, 'spec') ?? objectAnchor(ctx),
      keyOnly: true,
      messageId: selectorPair
        ? outside
          ? 'selectorMatchesNoWorkloadMaybeOutside'
          : 'selectorMatchesNoWorkload'
        : outside
          ? 'noSelectorSelectsNoWorkloadMaybeOutside'
          : 'noSelectorSelectsNoWorkload',
      data: { namespace: guard.self.namespace ?? '', searchedFiles: searchedFiles(ctx.index) },
      severity,
    });
  },
});
