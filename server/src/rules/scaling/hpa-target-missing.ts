import { defineRule } from '../../engine/rule';
import { HPA_KIND, SCALABLE_KINDS } from '../../model/relations';
import { checkTargetRef, TARGET_REF_MESSAGES } from '../../rulekit/scaling/target-ref';

export default defineRule({
  meta: {
    id: 'hpa-target-missing',
    category: 'scaling',
    severity: 'warning',
    fixable: false,
    // no preferred fix, but "did you mean" suggestions: guesses, so unsafe
    fix: 'unsafe',
    usesIndex: true,
    kinds: [HPA_KIND],
    aliases: { kubeLinter: ['dangling-horizontalpodautoscaler'], kubeScore: ['horizontalpodautoscaler-has-target'] },
    docs: {
      description:
        "A HorizontalPodAutoscaler whose `scaleTargetRef` names no workload of the workspace in its namespace: it scales nothing (events say `FailedGetScale`). Information when the workload plausibly lives elsewhere, a warning when the HPA's file or folder holds the namespace's other workloads.",
      remediation:
        'Correct `scaleTargetRef` (kind, name, apiVersion) to the workload it should scale, or delete the HPA.',
    },
    messages: TARGET_REF_MESSAGES,
  },
  check(ctx) {
    checkTargetRef(ctx, 'scaleTargetRef', SCALABLE_KINDS);
  },
});
