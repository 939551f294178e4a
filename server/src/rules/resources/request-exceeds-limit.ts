import type { Node } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { compareQuantities } from '../../protocol/quantity';
import { Raw } from '../../yaml/render';
import type { QuantitySite } from '../../rulekit/resources/quantity-sites';
import { quantitySites } from '../../rulekit/resources/quantity-sites';
import { resourceWord, usable } from '../../rulekit/resources/containers';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'request-exceeds-limit',
    category: 'resources',
    severity: 'error',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    docs: {
      description:
        'A container (or pod-level) request larger than its limit. The API server rejects the pod: the request "must be less than or equal to" the limit.',
      remediation: 'Lower the request to the limit, or raise the limit.',
    },
    messages: {
      requestAboveLimit:
        '{{owner}} requests {{trim}} {{resourceWord}}, more than its limit {{limitText}}: the API server rejects a request above the limit.',
    },
  },
  check(ctx) {
    // The requests and limits of one owner (a container, or the pod) side by side.
    const groups = new Map<string, { requests: Map<string, QuantitySite>; limits: Map<string, QuantitySite> }>();
    for (const site of quantitySites(ctx)) {
      if (
        (site.context !== 'container' && site.context !== 'pod') ||
        (site.section !== 'requests' && site.section !== 'limits')
      )
        continue;
      const key = site.container ? `c:${site.container.kind}:${site.container.index}` : 'pod';
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { requests: new Map(), limits: new Map() }));
      g[site.section].set(site.resource, site);
    }
    const reported = new Set<Node>();
    for (const g of groups.values()) {
      for (const [resource, req] of g.requests) {
        const lim = g.limits.get(resource);
        if (!lim || reported.has(req.node)) continue;
        const rq = usable(ctx.quantity(req.node));
        const lq = usable(ctx.quantity(lim.node));
        if (!rq || !lq || compareQuantities(rq, lq) <= 0) continue;
        reported.add(req.node); // a request shared through an alias is reported once
        const limitText = lq.text.trim();
        ctx.report({
          node: req.node,
          messageId: 'requestAboveLimit',
          data: { owner: req.owner, trim: rq.text.trim(), resourceWord: resourceWord(resource), limitText },
          // Only where the request is written in place: through an alias the edit would change other containers.
          fix: req.writable
            ? {
                title: `Set the ${resourceWord(resource)} request to the limit (${limitText})`,
                edit: (e) => e.setValue(req.node, new Raw(limitText)),
              }
            : undefined,
        });
      }
    }
  },
});
