import type { Node } from '../../yaml/nodes';
import { isScalar } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { isWhole, parseQuantity } from '../../protocol/quantity';
import { isExtendedResource, quantitySites } from '../../rulekit/resources/quantity-sites';
import { QUANTITY_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'quantity-invalid',
    category: 'resources',
    severity: 'error',
    fixable: false,
    kinds: QUANTITY_KINDS,
    docs: {
      description:
        'A value where Kubernetes expects a quantity (requests, limits, LimitRange, ResourceQuota, PVC sizes, emptyDir `sizeLimit`, HPA targets) that is not one: `1.5.0Gi`, `abc`, `1Gb`, `""`. The API server rejects the object.',
      remediation:
        'Write a number with an optional suffix: `500m` or `0.5` (CPU), `128Mi` or `1Gi` (memory, storage), `1e3`.',
    },
    messages: {
      invalidQuantity: '{{label}}: {{problem}}.',
    },
  },
  check(ctx) {
    const reported = new Set<Node>();
    for (const site of quantitySites(ctx)) {
      const value = ctx.nav.deref(site.node);
      // Maps and sequences where a quantity belongs are the schema's business; here only written scalars count.
      if (!isScalar(value) || reported.has(value)) continue;
      const text = ctx.nav.str(value) ?? '';
      const q = parseQuantity(text);
      const shown = JSON.stringify(text);
      let problem: string | undefined;
      if (!q) {
        problem = `${shown} is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi)`;
      } else if (q.num < 0n && site.context !== 'metric') {
        problem = `${shown} is negative; resource amounts must be zero or more`;
      } else if (site.context === 'container' && isExtendedResource(site.resource) && !isWhole(q)) {
        problem = `${shown} is not a whole number; the extended resource ${site.resource} is counted in whole units`;
      }
      if (!problem) continue;
      reported.add(value); // a value shared through an alias is reported once, where it is written
      ctx.report({ node: value, messageId: 'invalidQuantity', data: { label: site.label, problem } });
    }
  },
});
