import { defineRule } from '../../engine/rule';
import { VPA_KIND, VPA_TARGET_KINDS } from '../../model/relations';
import { checkTargetRef, TARGET_REF_MESSAGES } from '../../rulekit/scaling/target-ref';

export default defineRule({
  meta: {
    id: 'vpa-target-missing',
    category: 'scaling',
    severity: 'warning',
    fixable: false,
    // no preferred fix, but "did you mean" suggestions: guesses, so unsafe
    fix: 'unsafe',
    usesIndex: true,
    kinds: [VPA_KIND],
    docs: {
      description:
        "A VerticalPodAutoscaler whose `targetRef` names no workload of the workspace in its namespace: it recommends and resizes nothing. Information when the workload plausibly lives elsewhere, a warning when the VPA's file or folder holds the namespace's other workloads.",
      remediation: 'Correct `targetRef` (kind, name, apiVersion) to the workload it should size, or delete the VPA.',
    },
    messages: TARGET_REF_MESSAGES,
  },
  check(ctx) {
    checkTargetRef(ctx, 'targetRef', VPA_TARGET_KINDS);
  },
});
